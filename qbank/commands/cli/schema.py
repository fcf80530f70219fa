"""`qbank schema`: write the JSON Schema of a record, for editors."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer


def command(
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
