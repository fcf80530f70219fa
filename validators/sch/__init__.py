"""SCH: schema and structure. The record model (`qbank.core.model`) raises typed errors; each rule
here claims the error types it documents and places them at the offending key."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic_core import ErrorDetails

from qbank.core.loader import LoadedRecord


def errors_of(rec: LoadedRecord, types: set[str], exclude: bool = False) -> Iterator[ErrorDetails]:
    for err in rec.errors:
        if (err["type"] in types) != exclude:
            yield err


def dotted(err: ErrorDetails) -> str:
    loc = err.get("loc", ())
    ctx = err.get("ctx") or {}
    if not loc and isinstance(ctx.get("field"), str):
        return str(ctx["field"])
    return ".".join(str(p) for p in loc) or "record"
