"""TXT: text hygiene of questions and answers. Shared helpers: where the text is, and which
lines outside fences look like code."""

from __future__ import annotations

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


def looks_like_code(line: str) -> bool:
    """A line of Python that stands in prose (outside any fence or code span)."""
    stripped = line.strip()
    if not stripped or (stripped.startswith(("-", "*", "|", ">", "#")) and not stripped.startswith(
            "#!")):
        return False
    if len(stripped) > 160 or (stripped.endswith(".") and "(" not in stripped):
        return False
    return bool(_CODE_LINE.match(stripped))


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
