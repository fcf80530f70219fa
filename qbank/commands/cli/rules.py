"""`qbank rules`: list every rule, or explain one."""

from __future__ import annotations

from typing import Annotated

import typer

from qbank.commands.cli.common import fail


def command(
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
