"""The `qbank` command line: one module per command, registered here in help order."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from qbank import __version__
from qbank.commands.cli import export as export_cli
from qbank.commands.cli import fmt, grade, import_, new, pdf, rules, schema, validate, variants
from qbank.commands.cli import site as site_cli

app = typer.Typer(
    name="qbank",
    help="Grade and validate a bank of deep-learning interview questions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

COMMANDS = (  # (name, module): a new command is its module and one line here
    ("validate", validate),
    ("schema", schema),
    ("new", new),
    ("fmt", fmt),
    ("import", import_),
    ("rules", rules),
    ("pdf", pdf),
    ("export", export_cli),
    ("grade", grade),
    ("variants", variants),
)
for _name, _module in COMMANDS:
    app.command(_name)(_module.command)
app.add_typer(site_cli.app, name="site")  # `qbank site build|serve`


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"qbank {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=version_callback,
                                          is_eager=True, help="Print the version.")] = False,
) -> None:
    """qbank: every question record graded, every code answer run, every claim checked."""


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("qbank: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # a bug of qbank's own: one clear line, not a traceback
        import traceback

        where = traceback.extract_tb(exc.__traceback__)[-1]
        sys.stderr.write(f"qbank: internal error: {exc.__class__.__name__}: {exc} "
                         f"({Path(where.filename).name}:{where.lineno}); please report it\n")
        sys.exit(2)
