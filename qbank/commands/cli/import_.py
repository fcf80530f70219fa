"""`qbank import`: turn question lists into draft records (never overwrites)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qbank.commands.cli.common import fail


def command(
    sources: Annotated[list[Path], typer.Argument(
        help="Files of questions: numbered lists, Markdown headings, bold questions, Q./A. "
             "pairs, <details> answers, plain text pages.")],
    into: Annotated[Path, typer.Option(help="The bank folder to write the drafts into.")
                    ] = Path("bank"),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Write nothing; say what would "
                                          "be imported.")] = False,
    topic: Annotated[str | None, typer.Option(help="Put every record in this topic instead "
                                              "of guessing it.")] = None,
) -> None:
    """Turn question lists into draft records; never overwrites; exit 1 on id clashes."""
    from qbank.commands.importer.run import SourceError, import_sources

    try:
        report = import_sources(sources, into, dry_run=dry_run, topic=topic, echo=typer.echo)
    except SourceError as exc:
        raise fail(str(exc)) from None
    raise typer.Exit(report.exit_code)
