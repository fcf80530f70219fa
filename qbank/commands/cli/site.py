"""`qbank site build|serve`: the published question site (site/, MkDocs Material)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qbank.commands.cli.common import fail

app = typer.Typer(help="Build or serve the question site (MkDocs Material, offline).",
                  no_args_is_help=True)

Bank = Annotated[Path | None, typer.Option("--bank", help="The bank folder (default: bank/).")]


@app.command("build")
def build(
    out: Annotated[Path | None, typer.Option("--out", "-o",
                                             help="Where to write it (default build/site).")]
    = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on any warning, a record "
                                         "left out for error findings included.")] = False,
    bank: Bank = None,
) -> None:
    """Build the site: one page per published question and per rule."""
    from qbank.commands.site.build import SiteError
    from qbank.commands.site.build import build as build_site

    try:
        where = build_site(out, strict=strict, bank=bank)
    except SiteError as exc:
        raise fail(f"site build failed: {exc}", code=1) from exc
    typer.echo(f"site written to {where}")


@app.command("serve")
def serve(
    bank: Bank = None,
    address: Annotated[str, typer.Option("--address", "-a")] = "127.0.0.1:8000",
) -> None:
    """Serve the site locally; it rebuilds when a record changes."""
    from qbank.commands.site.build import serve as serve_site

    serve_site(bank=bank, address=address)
