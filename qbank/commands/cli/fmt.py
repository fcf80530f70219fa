"""`qbank fmt`: normalize records in place: key order, block style, modeline; comments are kept."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qbank.commands.cli.common import fail


def command(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Records or folders [default: the bank].")] = None,
    check: Annotated[bool, typer.Option(
        "--check", help="Change nothing; exit 1 if any file would change.")] = False,
    bank: Annotated[Path, typer.Option(help="The bank folder.")] = Path("bank"),
) -> None:
    """Normalize records in place: key order, block style, modeline; comments are kept."""
    from qbank.commands.formatter import FormatError, format_file
    from qbank.core.loader import record_files

    targets: list[Path] = []
    for p in paths or [bank]:
        if p.is_dir():
            targets.extend(record_files(p))
        elif p.is_file():
            targets.append(p)
        else:
            raise fail(f"{p}: no such file or folder")
    changed = errors = 0
    for file in targets:
        try:
            did = format_file(file, write=not check)
        except FormatError as exc:
            typer.echo(f"{exc}", err=True)
            errors += 1
            continue
        if did:
            changed += 1
            typer.echo(f"{'would reformat' if check else 'reformatted'} {file}")
    verb = "would be reformatted" if check else "reformatted"
    typer.echo(f"{changed} file(s) {verb}, {len(targets) - changed - errors} unchanged"
               + (f", {errors} could not be read" if errors else ""), err=True)
    if errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if check and changed else 0)
