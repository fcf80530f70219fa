"""What the commands share: the error exit, code lists, report formats."""

from __future__ import annotations

from enum import Enum

import typer


class Format(str, Enum):
    text = "text"
    json = "json"
    junit = "junit"
    sarif = "sarif"
    github = "github"


def fail(message: str, code: int = 2) -> typer.Exit:
    """Say what went wrong on stderr, as one line, and exit `code` (2: could not run)."""
    typer.echo(f"qbank: {message}", err=True)
    return typer.Exit(code)


def codes(value: str | None) -> list[str] | None:
    """`SCH,txt001` -> ["SCH", "TXT001"]."""
    if value is None:
        return None
    return [c.strip().upper() for c in value.split(",") if c.strip()]
