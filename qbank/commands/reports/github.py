"""`--format github`: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from typing import TextIO

from qbank.core.findings import Severity
from qbank.lint.engine import RunResult

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def write(result: RunResult, out: TextIO) -> None:
    for f in result.findings:
        msg = f.message + (f"\n{f.hint}" if f.hint else "")
        props = (f"file={_escape_prop(f.path)},line={f.line},col={f.column},"
                 f"title={_escape_prop(f'{f.code} {f.name}')}")
        out.write(f"::{_LEVEL[f.severity]} {props}::{_escape_data(msg)}\n")
    out.write(f"qbank: {len(result.verdicts)} questions, {result.errors} errors, "
              f"{result.warnings} warnings in {result.seconds:.1f}s\n")
