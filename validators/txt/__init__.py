"""TXT: text hygiene of questions and answers. Shared helpers: where the text is, and which
lines outside fences look like code."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from qbank.fences import MARKDOWN_FIELDS, mask_fences
from qbank.loader import KeyPath, LoadedRecord, load_data

_CODE_LINE = re.compile(
    r"""^\s*(
        (from\s+[\w.]+\s+import\s+\w)            # from x import y
      | (import\s+[\w.]+(\s+as\s+\w+)?\s*$)      # import x [as y]
      | ((def|class)\s+\w+\s*[(:])               # def f( / class C:
      | ([\w.\[\]]+\s*(,\s*[\w.]+\s*)*=\s*[\w.]+\(.*\)\s*(\#.*)?$)   # x = f(...)
      | ((model|tf|keras|np|layers|plt|sess|self)\.\w+(\.\w+)*\(.*\)\s*(\#.*)?$)  # model.fit(...)
      | (print\(.*\)\s*$)                        # print(...)
      | ((with|for|while|if)\s+.+:\s*$)          # with ...:  for ...:
      | (return\s+\S.*$)
    )""",
    re.VERBOSE,
)
# `name = expression` that indexes or slices (`h1 = w * x[1:3]`): an assignment the pattern above
# misses (no call), and one that prose arithmetic (`y = mx + b`) never is. The same tests as the
# importer's (qbank/importer/text.py), so that what it leaves unfenced is not code here either.
_ASSIGNS = re.compile(r"^[A-Za-z_][\w.]*\s*=\s*[^=\s].*\[.*\]")
# A sentence announcing a program's output, and the paragraph after it that is that output.
OUTPUT_SAYS = re.compile(
    r"(\b(the|its|this|that)\s+output\s+(will|would|should)\s+be(\s+as\s+follows)?"
    r"|\b(the|its|this|that)\s+output\s+is(\s+as\s+follows)?|^output|\bit\s+prints)\s*:$",
    re.IGNORECASE)
_SENTENCE = re.compile(r"^[A-Z][a-z]+(\s+[\w'’,-]+){3,}[.!?]$")


def looks_like_code(line: str) -> bool:
    """A line of Python that stands in prose (outside any fence or code span)."""
    stripped = line.strip()
    if not stripped or (stripped.startswith(("-", "*", "|", ">", "#")) and not stripped.startswith(
            "#!")):
        return False
    if len(stripped) > 160 or (stripped.endswith(".") and "(" not in stripped):
        return False
    return bool(_CODE_LINE.match(stripped)) or _indexing_assignment(stripped)


def _indexing_assignment(s: str) -> bool:
    """`h1 = w * x[1:3]`: one Python assignment whose value indexes or slices."""
    if not _ASSIGNS.match(s):
        return False
    try:
        tree = ast.parse(s)
    except (SyntaxError, ValueError):
        return False
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assign):
        return False
    return any(isinstance(n, ast.Subscript) for n in ast.walk(tree.body[0].value))


def looks_like_output(line: str, said: str) -> bool:
    """A line of program output standing in prose: it follows a sentence announcing the output
    (`said`, the last line of text before it) and is no sentence, list, table, formula or code
    span."""
    s = line.strip()
    if not s or "`" in s or len(s) > 120 or not OUTPUT_SAYS.search(said.strip()):
        return False
    return not (s.startswith(("-", "*", "|", ">", "#", "$", "<", "!", "~"))
                or re.match(r"^\[[^\]]*\]\(", s)  # a Markdown link
                or s.endswith((".", "!", "?", ":")) or bool(_SENTENCE.match(s))
                or len(s.split()) > 12)


@dataclass(frozen=True)
class CodeLine:
    path: KeyPath
    offset: int  # offset of the line in the field's text
    text: str


def unfenced_code_lines(rec: LoadedRecord) -> list[CodeLine]:
    """Lines of the Markdown fields that look like code but sit outside fences (once per
    record: several rules ask)."""
    cached: list[CodeLine] | None = rec.memo.get("unfenced")
    if cached is None:
        cached = rec.memo["unfenced"] = list(_unfenced(rec))
    return cached


def _unfenced(rec: LoadedRecord) -> Iterator[CodeLine]:
    for name in MARKDOWN_FIELDS:
        value = rec.field(name)
        if not isinstance(value, str):
            continue
        masked = mask_fences(value)
        offset = 0
        for line in masked.splitlines(keepends=True):
            if looks_like_code(line) and "`" not in line:
                yield CodeLine((name,), offset, line.rstrip("\r\n"))
            offset += len(line)


def unfenced_output_lines(rec: LoadedRecord) -> list[CodeLine]:
    """Lines of program output outside fences: the paragraph right after a sentence that
    announces the output ("The output will be as follows:")."""
    cached: list[CodeLine] | None = rec.memo.get("unfenced-output")
    if cached is None:
        cached = rec.memo["unfenced-output"] = list(_unfenced_output(rec))
    return cached


def _unfenced_output(rec: LoadedRecord) -> Iterator[CodeLine]:
    for name in MARKDOWN_FIELDS:
        value = rec.field(name)
        if not isinstance(value, str):
            continue
        offset = 0
        said = ""  # the last line of prose before this one ("" after a fence)
        run = False  # inside the output paragraph
        masked = mask_fences(value)  # same length: only fence characters blanked
        for raw, text in zip(value.split("\n"), masked.split("\n"), strict=True):
            if not text.strip():
                if raw.strip() or run:  # a fence line, or the end of the output paragraph
                    said = ""
                run = False
            elif (run or said) and looks_like_output(text, said):
                yield CodeLine((name,), offset, text.rstrip("\r"))
                run = True
            else:
                said, run = text, False
            offset += len(raw) + 1


def prose_fields(rec: LoadedRecord) -> Iterator[tuple[KeyPath, str]]:
    """Every string of the record a reader sees: title, question, answer, choices, feedback."""
    for path, text in rec.text_fields():
        head = path[0] if path else None
        if head in ("title", "question", "answer") or (head == "choices" and len(path) == 3
                                                        and path[2] in ("text", "why")):
            yield path, text


@cache
def catalog(name: str) -> Any:
    """A YAML catalog shipped beside the TXT rules (patterns declared as data)."""
    return load_data((Path(__file__).parent / name).read_text(encoding="utf-8"))
