"""`qbank validate`: grade every record; the CI gate (exit 0, 1 or 2)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from qbank.commands.cli.common import Format, codes, fail
from qbank.core.config import ConfigError, load_config
from qbank.core.loader import BankError


def command(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Records or folders to report on (default: the whole bank).")] = None,
    bank: Annotated[Path | None, typer.Option(help="The bank folder [default: ./bank].")] = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Report format [default: text; github under GitHub Actions].")
    ] = None,
    select: Annotated[str | None, typer.Option(
        help="Only these codes or families, comma-separated (SCH,TXT001).")] = None,
    ignore: Annotated[str | None, typer.Option(help="Skip these codes or families.")] = None,
    strict: Annotated[bool, typer.Option(help="Warnings fail the run too.")] = False,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report to this file (atomically).")] = None,
    config: Annotated[Path | None, typer.Option(
        help="Configuration file [default: ./pyproject.toml].")] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Run every check again, ignoring cached verdicts.")] = False,
) -> None:
    """Grade every record; exit 0 (no errors), 1 (error findings) or 2 (could not run)."""
    from qbank.commands.reports import FORMATS
    from qbank.core.loader import load_bank
    from qbank.lint.engine import validate as run
    from qbank.lint.registry import all_rules

    try:
        cfg = load_config(config, select=codes(select), ignore=codes(ignore))
        if no_cache:
            cfg.cache = False
        cfg.check_codes(all_rules())
    except ConfigError as exc:
        raise fail(str(exc)) from None
    root = bank or Path(cfg.bank)
    for p in paths or []:
        if not p.exists():
            raise fail(f"{p}: no such file or folder")
        top = root.resolve()
        if p.resolve() != top and top not in p.resolve().parents:
            raise fail(f"{p}: not inside the bank {root}/: name its bank with --bank")
    try:
        loaded = load_bank(root)
        result = run(loaded, cfg, targets=paths or [])
    except (BankError, ConfigError) as exc:
        raise fail(str(exc)) from None
    chosen = fmt or (Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text)
    writer = FORMATS[chosen.value]
    if output is not None:
        import io

        from qbank.core.atomic import atomic_write_text

        buf = io.StringIO()
        writer(result, buf)
        atomic_write_text(output, buf.getvalue())
        from qbank.commands.reports.text import summary_line

        typer.echo(summary_line(result), err=True)
    else:
        writer(result, sys.stdout)
    raise typer.Exit(result.exit_code(strict))
