"""The `qbank` command line."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from qbank import __version__
from qbank.core.config import ConfigError, load_config
from qbank.core.loader import BankError

app = typer.Typer(
    name="qbank",
    help="Grade and validate a bank of deep-learning interview questions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    text = "text"
    json = "json"
    junit = "junit"
    sarif = "sarif"
    github = "github"


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"qbank: {message}", err=True)
    return typer.Exit(code)


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [c.strip().upper() for c in value.split(",") if c.strip()]


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


@app.command()
def validate(
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
    from qbank.lint.engine import validate as run
    from qbank.core.loader import load_bank
    from qbank.commands.reports import FORMATS
    from qbank.lint.registry import all_rules

    try:
        cfg = load_config(config, select=_codes(select), ignore=_codes(ignore))
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


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write here instead of standard output.")] = None,
) -> None:
    """Write the JSON Schema of a record, for editors (the records' modeline points at it)."""
    from qbank.core.schema import record_schema

    text = json.dumps(record_schema(), indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    from qbank.core.atomic import atomic_write_text

    atomic_write_text(output, text)
    typer.echo(f"wrote {output}")


@app.command()
def new(
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


@app.command()
def fmt(
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


@app.command("import")
def import_(
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


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="A rule code, e.g. TXT002.")] = None,
) -> None:
    """List every rule, or explain one."""
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.table import Table

    from qbank.lint.registry import all_rules

    known = all_rules()
    console = Console()
    if code is None:
        table = Table("code", "name", "severity", "summary", box=None, pad_edge=False)
        for each in known.values():
            table.add_row(each.code, each.name, each.severity.value, each.summary)
        console.print(table)
        return
    r = known.get(code.upper())
    if r is None:
        import difflib

        near = difflib.get_close_matches(code.upper(), list(known), n=1)
        raise fail(f"no rule {code}" + (f" (did you mean {near[0]}?)" if near else ""))
    console.print(f"[bold]{r.code} {r.name}[/bold] ({r.severity.value}, {r.scope})")
    console.print(Markdown(r.doc.replace("~~~", "```")))


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
