"""Which texts of a record the prose checks read (no sympy here: a run whose prose results are
all cached never imports it). What they report is `qbank.core.issues.Issue`, whose `field` is
the path that `record_texts` gives."""

from __future__ import annotations

from typing import Any

from qbank.core.issues import FieldPath


def record_texts(rec: Any) -> list[tuple[FieldPath, str]]:
    """The record's prose, in reading order: question, answer and each choice's `why` (not the
    choice texts: a wrong option is wrong on purpose)."""
    out: list[tuple[FieldPath, str]] = []
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
