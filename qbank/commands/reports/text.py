"""`--format text`: one line per finding, grouped by file; coloured on a terminal, plain when
piped. `path:line:col: CODE name message`, the hint below it, then a summary."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.text import Text

from qbank.core.findings import Severity
from qbank.lint.engine import RunResult

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def write(result: RunResult, out: TextIO) -> None:
    console = Console(file=out, highlight=False, soft_wrap=True)
    for path, group in groupby(result.findings, key=lambda f: f.path):
        if console.is_terminal:
            console.print(Text(path, style="bold underline"))
        for f in group:
            line = Text()
            line.append(f"{f.path}:{f.line}:{f.column}: ", style="bold")
            line.append(f"{f.code} ", style=_STYLE[f.severity])
            line.append(f"{f.name} ", style="dim" if console.is_terminal else "")
            line.append(f.message)
            console.print(line)
            if f.hint:
                console.print(Text(f"    hint: {f.hint}", style="dim green"))
            for r in f.related:
                console.print(Text(f"    see: {r.path}:{r.line}:{r.column}"
                                   + (f" ({r.question})" if r.question else ""), style="dim"))
        if console.is_terminal:
            console.print()
    console.print(Text(summary_line(result), style=_summary_style(result)))
    for fragment in summary_details(result):
        console.print(Text(f"  {fragment}", style="dim"))


def summary_line(result: RunResult) -> str:
    n = len(result.verdicts)
    failed = sum(v == "fail" for v in result.verdicts.values())
    infos = len(result.findings) - result.errors - result.warnings
    tool = result.tool
    versions = ", ".join(f"{k} {v}" for k, v in tool.items())
    parts = [f"{n} question{'s' if n != 1 else ''} checked", f"{failed} failed",
             f"{result.errors} error{'s' if result.errors != 1 else ''}",
             f"{result.warnings} warning{'s' if result.warnings != 1 else ''}",
             f"{infos} info"]
    return f"qbank: {', '.join(parts)} in {result.seconds:.2f}s ({versions})"


def summary_details(result: RunResult) -> list[str]:
    """What the families report about their own work (fences run, cached, ...), one a line."""
    extra = result.stats.summary
    return [p.strip() for p in extra.split("\n") if p.strip()]


def _summary_style(result: RunResult) -> str:
    return "bold red" if result.errors else "yellow" if result.warnings else "bold green"
