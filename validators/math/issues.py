"""What the prose checks report, and which texts of a record they read (no sympy here: a run
whose prose results are all cached never imports it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Issue:
    """One wrong computation: which rule, where (offset in the text), what and the fix."""

    code: str  # MATH001 wrong-arithmetic | MATH002 wrong-formula-result
    offset: int
    message: str
    hint: str
    step: str  # the step as written
    expected: str  # what it should say
    line: int = 0  # 1-based, in the text given to check_text / check_segments
    column: int = 0
    segment: int = 0  # which segment (check_segments)

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.code} {self.message}"


@dataclass
class Located:
    issue: Issue
    path: tuple[str | int, ...]


def record_texts(rec: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """The record's prose, in reading order: question, answer and each choice's `why` (not the
    choice texts: a wrong option is wrong on purpose)."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    for name in ("question", "answer"):
        v = rec.field(name)
        if isinstance(v, str):
            out.append(((name,), v))
    choices = rec.field("choices")
    if isinstance(choices, list):
        for i, c in enumerate(choices):
            if isinstance(c, dict) and isinstance(c.get("why"), str):
                out.append((("choices", i, "why"), c["why"]))
    return out
