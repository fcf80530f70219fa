"""`qbank new`: scaffold a new draft record from a title and topic."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qbank.commands.cli.common import fail


def command(
    title: Annotated[str, typer.Argument(help="The question's title (one line).")],
    topic: Annotated[str, typer.Option(help="A key of bank/topics.yaml.")],
    qtype: Annotated[str, typer.Option("--type", help="open, single_choice, "
                                       "multiple_choice, numeric or code.")] = "open",
    difficulty: Annotated[str, typer.Option(help="easy, medium or hard.")] = "medium",
    record_id: Annotated[str | None, typer.Option("--id", help="The id [default: from the "
                                                  "title].")] = None,
    bank: Annotated[Path, typer.Option(help="The bank folder.")] = Path("bank"),
) -> None:
    """Scaffold a new draft record from a title and topic."""
    from qbank.commands.authoring import NewRecordError, scaffold

    try:
        path = scaffold(bank, title, topic, qtype, difficulty, record_id)
    except NewRecordError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"created {path}")
    typer.echo(f"next: write the question and answer, then `qbank validate {path}`")
