"""`qbank export`: the selected questions as Moodle XML, GIFT, QTI 1.2 (Canvas) or Anki."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from qbank.commands.cli.common import fail


class ExportFormat(str, Enum):
    moodle = "moodle"
    gift = "gift"
    qti = "qti"
    anki = "anki"


def _list(values: list[str] | None) -> list[str]:
    return [v.strip() for raw in values or [] for v in raw.split(",") if v.strip()]


def command(
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="moodle (XML), gift, qti (Canvas zip) or anki (.apkg).")],
    ids: Annotated[list[str] | None, typer.Option("--id", help="Question ids, in order.")] = None,
    topic: Annotated[list[str] | None, typer.Option(help="Only these topics.")] = None,
    tag: Annotated[list[str] | None, typer.Option(help="Only questions with one of these tags.")
                   ] = None,
    difficulty: Annotated[list[str] | None, typer.Option(help="easy, medium or hard.")] = None,
    qtype: Annotated[list[str] | None, typer.Option("--type", help="open, single_choice, "
                                                    "multiple_choice, numeric or code.")] = None,
    count: Annotated[int | None, typer.Option(help="Draw this many (reproducibly, by --seed).")
                     ] = None,
    seed: Annotated[int | None, typer.Option(help="The draw's seed.")] = None,
    balance: Annotated[bool, typer.Option(help="Draw evenly over topics.")] = False,
    variants: Annotated[int, typer.Option(help="Variants per template (seeds 1..N).")] = 5,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="The file to write ('-': standard output, for moodle and gift) "
        "(default: build/export/qbank-FORMAT.EXT).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    bank: Annotated[Path | None, typer.Option(help="The bank folder (default: ./bank).")] = None,
) -> None:
    """Export questions for an LMS or for flashcards; ids from record ids, written atomically."""
    from pydantic import ValidationError

    from qbank.commands.export import (
        ExportError,
        Selection,
        default_path,
        export,
        write_export,
    )
    from qbank.core.config import ConfigError, load_config
    from qbank.core.loader import BankError, load_bank

    name = fmt.value
    try:
        if str(out) == "-" and name in ("qti", "anki"):
            raise ExportError(f"-o -: a {name} export is a zip; name a file")
        sel: dict[str, object] = {k: v for k, v in {
            "ids": _list(ids), "topics": _list(topic), "tags": _list(tag),
            "difficulty": _list(difficulty), "types": _list(qtype)}.items() if v}
        sel.update({k: v for k, v in {"count": count, "seed": seed}.items() if v is not None})
        if balance:
            sel["balance"] = True
        selection = Selection.model_validate(sel)
        cfg = load_config()
        loaded = load_bank(bank or Path(cfg.bank))
        done = export(loaded, selection, name, variants=variants)
        if str(out) == "-":
            sys.stdout.buffer.write(done.data)
            sys.stdout.flush()
            return
        path = out or default_path(name)
        write_export(done.data, path, force=force)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        option = {"types": "--type", "ids": "--id", "topics": "--topic", "tags": "--tag"}.get(
            str(err["loc"][0]), f"--{err['loc'][0]}")
        raise fail(f"{option}: {err['msg']}") from None
    except (ExportError, BankError, ConfigError) as exc:
        raise fail(str(exc)) from None
    typer.echo(f"wrote {path}: {done.questions} questions in {done.topics} topic(s)"
               + (f", {done.templates} template(s)" if done.templates else "")
               + f" ({name}, {max(1, len(done.data) // 1024)} KiB)")
