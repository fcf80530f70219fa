"""`qbank pdf`: print a set of questions (exam.pdf) and its answer key (key.pdf)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qbank.commands.cli.common import fail


def _list(values: list[str] | None) -> list[str]:
    return [v.strip() for raw in values or [] for v in raw.split(",") if v.strip()]


def command(
    set_file: Annotated[Path | None, typer.Argument(
        help="A set file (sets/*.yaml): title, instructions, select, points, versions.")] = None,
    ids: Annotated[list[str] | None, typer.Option("--id", help="Question ids, in order.")] = None,
    topic: Annotated[list[str] | None, typer.Option(help="Only these topics.")] = None,
    tag: Annotated[list[str] | None, typer.Option(help="Only questions with one of these tags.")
                   ] = None,
    difficulty: Annotated[list[str] | None, typer.Option(help="easy, medium or hard.")] = None,
    qtype: Annotated[list[str] | None, typer.Option("--type", help="open, single_choice, "
                                                    "multiple_choice, numeric or code.")] = None,
    count: Annotated[int | None, typer.Option(help="Draw this many (reproducibly, by --seed).")
                     ] = None,
    seed: Annotated[int | None, typer.Option(help="The draw's and the versions' seed.")] = None,
    balance: Annotated[bool, typer.Option(help="Draw evenly over topics.")] = False,
    versions: Annotated[int | None, typer.Option(help="Versions A, B, C...: choices shuffled, "
                                                 "each with its key.")] = None,
    answers: Annotated[str | None, typer.Option(help="separate (key.pdf), inline or none.")
                       ] = None,
    title: Annotated[str | None, typer.Option(help="The cover's title.")] = None,
    out: Annotated[Path, typer.Option(help="The folder to write into.")] = Path("build/pdf"),
    force: Annotated[bool, typer.Option("--force", help="Replace existing PDFs.")] = False,
    bank: Annotated[Path | None, typer.Option(help="The bank folder [default: ./bank].")] = None,
) -> None:
    """Print a set: exam.pdf and key.pdf; byte-identical for the same set and bank."""
    from pydantic import ValidationError

    from generators import published_bank
    from qbank.commands.pdf import PdfError, SetSpec, build_set, load_set
    from qbank.core.config import ConfigError, load_config
    from qbank.core.loader import BankError, load_bank

    try:
        cfg = load_config()
        spec = load_set(set_file) if set_file is not None else SetSpec()
        sel: dict[str, object] = {k: v for k, v in {
            "ids": _list(ids), "topics": _list(topic), "tags": _list(tag),
            "difficulty": _list(difficulty), "types": _list(qtype)}.items() if v}
        sel.update({k: v for k, v in {"count": count, "seed": seed}.items() if v is not None})
        if balance:
            sel["balance"] = True
        top: dict[str, object] = {k: v for k, v in {
            "versions": versions, "answers": answers, "title": title}.items() if v is not None}
        spec = SetSpec.model_validate({**spec.model_dump(), **top,
                                       "select": {**spec.select.model_dump(), **sel}})
        loaded = published_bank(load_bank(bank or Path(cfg.bank)))
        stem = set_file.stem if set_file is not None else "exam"
        built = build_set(loaded, spec, out, config=cfg, force=force,
                          stem="exam" if stem == "exam" else f"{stem}-exam", echo=typer.echo)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise fail(f"{'.'.join(map(str, err['loc']))}: {err['msg']}") from None
    except (PdfError, BankError, ConfigError, FileNotFoundError) as exc:
        raise fail(str(exc)) from None
    typer.echo(f"{built.questions} questions, {built.versions} version(s), "
               f"{len(built.files)} PDF(s) in {out}")


