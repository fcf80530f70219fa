"""`qbank grade`: score learners' responses against the bank's keys, with an item analysis."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qbank.commands.cli.common import fail


def command(
    responses: Annotated[Path, typer.Argument(
        help="CSV (learner,question,response[,seed]) or JSON Lines of responses.")],
    input_format: Annotated[str | None, typer.Option(
        "--input", help="csv or json [default: from the file's suffix].")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, csv or json.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here "
                                                "(atomically).")] = None,
    rule: Annotated[str, typer.Option(help="Partial credit for multiple choice: "
                                      "all-or-nothing, false, false2, true or none.")
                    ] = "false2",
    negative: Annotated[bool, typer.Option(help="Let a multiple-choice score go below 0.")
                        ] = False,
    rel_tol: Annotated[float, typer.Option(help="Relative tolerance for numeric keys, on top "
                                           "of each key's own.")] = 0.0,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --output.")
                     ] = False,
    bank: Annotated[Path | None, typer.Option(help="The bank folder [default: ./bank].")] = None,
) -> None:
    """Grade responses; exit 0 (every row graded), 1 (problem rows) or 2 (could not run)."""
    from generators import published_bank
    from qbank.commands.grade.choice import RULES
    from qbank.commands.grade.responses import ResponsesError
    from qbank.commands.grade.run import as_csv, as_json, grade_file, summary_lines
    from qbank.core.atomic import atomic_write_text
    from qbank.core.config import ConfigError, load_config
    from qbank.core.loader import BankError, load_bank

    if rule not in RULES:
        raise fail(f"--rule {rule}: one of {', '.join(RULES)}")
    if fmt not in ("text", "csv", "json") or input_format not in (None, "csv", "json"):
        raise fail("--format is text, csv or json; --input is csv or json")
    if not responses.exists():
        raise fail(f"{responses}: no such file")
    if output is not None and output.exists() and not force:
        raise fail(f"{output} exists: pass --force to replace it")
    try:
        loaded = published_bank(load_bank(bank or Path(load_config().bank)))
        graded = grade_file(loaded, responses, fmt=input_format, rule=rule,  # type: ignore[arg-type]
                            negative=negative, rel_tol=rel_tol)
    except (ResponsesError, BankError, ConfigError) as exc:
        raise fail(str(exc)) from None
    text = {"json": lambda: as_json(graded, str(responses)), "csv": lambda: as_csv(graded),
            "text": lambda: "\n".join(summary_lines(graded, str(responses))) + "\n"}[fmt]()
    if output is not None:
        atomic_write_text(output, text)
        typer.echo("\n".join(summary_lines(graded, str(responses))[-1:]), err=True)
    else:
        typer.echo(text, nl=False)
    raise typer.Exit(graded.exit_code)
