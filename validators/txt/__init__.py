"""TXT: text hygiene of questions and answers. Shared helpers: where the text is, and which
lines outside fences look like code."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from qbank.core.codelines import looks_like_code, looks_like_output
from qbank.core.fences import MARKDOWN_FIELDS, mask_fences
from qbank.core.loader import KeyPath, LoadedRecord, load_data


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
