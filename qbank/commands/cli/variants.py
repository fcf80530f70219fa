"""`qbank variants`: a template's variants with their keys, or a stress test of templates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qbank.commands.cli.common import fail


def command(
    ids: Annotated[list[str] | None, typer.Argument(
        help="Template ids (with --stress: default every template of the bank).")] = None,
    seed: Annotated[int | None, typer.Option(help="The one seed to print.")] = None,
    count: Annotated[int | None, typer.Option(help="Print seeds 1..COUNT [default: 3].")
                     ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, yaml or json.")] = "md",
    stress: Annotated[int | None, typer.Option(
        help="Run N seeds per template against its oracle and print a line per template.")
                      ] = None,
    bank: Annotated[Path | None, typer.Option(help="The bank folder [default: ./bank].")] = None,
) -> None:
    """Print variants (exit 0), or stress-test templates (exit 1 when a seed fails)."""
    from generators import TemplateError, is_template, variants
    from qbank.commands import variants as out
    from qbank.core.config import ConfigError, load_config
    from qbank.core.loader import BankError, load_bank

    if fmt not in ("md", "yaml", "json"):
        raise fail("--format is md, yaml or json")
    if (count is not None and count < 1) or (stress is not None and stress < 1):
        raise fail("--count and --stress take a positive number of seeds")
    if seed is not None and count is not None:
        raise fail("give --seed S (one variant) or --count N (seeds 1..N), not both")
    if stress is not None and (seed is not None or count is not None or fmt != "md"):
        raise fail("--stress prints its own table: it takes no --seed, --count or --format")
    try:
        cfg = load_config()
        loaded = load_bank(bank or Path(cfg.bank))
    except (BankError, ConfigError) as exc:
        raise fail(str(exc)) from None
    templates = {r.id: r for r in loaded.records
                 if r.record is not None and is_template(r.record)}
    for i in ids or []:
        if i not in templates:
            known = next((r for r in loaded.records if r.id == i), None)
            why = "is not in the bank"
            if known is not None:
                why = (f"does not load ({known.path}: run `qbank validate {known.path}`)"
                       if known.record is None else "is not a template (it declares no `params`)")
            raise fail(f"{i} {why}; templates: {', '.join(sorted(templates)) or 'none'}")
    if stress is not None:
        from qbank.services.sandbox import shared

        chosen = [templates[i] for i in ids] if ids else list(templates.values())
        lines = out.stress(chosen, stress, shared(cfg.jobs))
        for line in lines:
            typer.echo(line.text())
        raise typer.Exit(1 if any(line.failed for line in lines) else 0)
    if not ids or len(ids) != 1:
        raise fail("name one template id (or use --stress)")
    record = templates[ids[0]].record
    assert record is not None
    seeds = [seed] if seed is not None else list(range(1, (count or 3) + 1))
    try:
        got = variants(record, seeds)
    except TemplateError as exc:
        where = f" (seed {exc.seed})" if exc.seed is not None else ""
        raise fail(f"{templates[ids[0]].path}: {exc}{where}; `qbank validate --select GEN` "
                   "says more", 1) from None
    text = {"md": out.as_markdown, "yaml": out.as_yaml, "json": out.as_json}[fmt](got)
    typer.echo(text, nl=False)
