"""Helpers for the RUN tests: records with python fences, in a temp bank, validated for real."""

from __future__ import annotations

import textwrap


def code_record(rid: str, body: str, *, fence: str = "python", output: str | None = None,
                setup: str | None = None, topic: str = "keras") -> str:
    """A complete record whose answer holds one fence (and, optionally, its ```output)."""
    code = textwrap.indent(textwrap.dedent(body).strip("\n"), "  ")
    parts = [
        "# yaml-language-server: $schema=../../schema/record.schema.json",
        f"id: {rid}",
        f"title: Snippet {rid}",
        f"topic: {topic}",
        "type: code",
        "difficulty: easy",
        "tags: [keras]",
        "status: draft",
        "question: |",
        "  What does this code do?",
    ]
    if setup is not None:
        parts.append("setup: |")
        parts.append(textwrap.indent(textwrap.dedent(setup).strip("\n"), "  "))
    parts += ["answer: |", "  It runs:", "", f"  ```{fence}", code, "  ```"]
    if output is not None:
        parts += ["", "  ```output", textwrap.indent(output.strip("\n"), "  "), "  ```"]
    return "\n".join(parts) + "\n"


def fence_line(text: str, needle: str) -> int:
    """The 1-based line of `needle` in a record's text."""
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in the record")
