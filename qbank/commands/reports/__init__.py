"""Report formats for `qbank validate --format`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from qbank.commands.reports import github, json_report, junit, sarif, text
from qbank.lint.engine import RunResult

Writer = Callable[[RunResult, TextIO], None]

FORMATS: dict[str, Writer] = {
    "text": text.write,
    "json": json_report.write,
    "junit": junit.write,
    "sarif": sarif.write,
    "github": github.write,
}
