"""One page per rule, made from its docstring (what, why, example, instead) and its options, at
`rules/<CODE>/`: where every finding's `url` points (`[tool.qbank] docs_url`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from qbank.render.site import site_prose_html

_SECTION = re.compile(r"^(Why|Example|Instead):[ \t]*", re.MULTILINE)
FAMILIES = {"SCH": "Schema and structure", "TXT": "Text hygiene", "RUN": "Code execution",
            "MATH": "Arithmetic and numeric claims", "DUP": "Duplicates",
            "CLAIM": "Wrong statements", "GEN": "Templates and variants"}
HEADINGS = {"Why": "Why", "Example": "Example: the rule reports this",
            "Instead": "Instead: the rule accepts this"}


def doc_sections(doc: str) -> tuple[str, str, list[tuple[str, str]]]:
    """(summary, description, [(section, body)]) of a rule's docstring."""
    summary, _, rest = doc.partition("\n")
    pieces = _SECTION.split(rest)
    description = pieces[0].strip()
    sections = [(pieces[i], pieces[i + 1].strip()) for i in range(1, len(pieces) - 1, 2)]
    return summary.strip(), description, sections


def _html(text: str) -> str:
    return f'\n<div class="qbank-rule-doc">\n{site_prose_html(text).strip()}\n</div>\n'


def _type_name(annotation: Any) -> str:
    return getattr(annotation, "__name__", None) or str(annotation).replace("typing.", "")


def options_table(model: type[BaseModel]) -> list[tuple[str, str, str, str]]:
    rows = []
    for name, f in model.model_fields.items():
        default = "" if f.default is PydanticUndefined else repr(f.default)
        rows.append((name, _type_name(f.annotation), default, f.description or ""))
    return rows


def _cell(text: str) -> str:
    return escape(text, quote=False).replace("|", "\\|").replace("`", "\\`")


def rule_page(rule: Any) -> str:
    summary, description, sections = doc_sections(rule.doc)
    family = FAMILIES.get(rule.family, rule.family)
    out = ["---", f'title: "{rule.code} {rule.name}"', "---", "",
           f"# {rule.code} {rule.name}", "",
           f"**{rule.severity.value}** · {rule.scope} scope · family "
           f"[{rule.family}: {family}](../index.md#{rule.family.lower()})", "",
           _html(summary)]
    if description:
        out.append(_html(description))
    for name, body in sections:
        out += [f"## {HEADINGS.get(name, name)}", "", _html(body)]
    rows = options_table(rule.options)
    out += ["## Options", ""]
    if rows:
        out += [f"Set in `pyproject.toml`, under `[tool.qbank.rules.{rule.code}]`.", "",
                "| option | type | default | what it does |", "|---|---|---|---|"]
        out += [f"| `{n}` | {_cell(t)} | {_cell(d)} | {_cell(w)} |" for n, t, d, w in rows]
        out.append("")
    else:
        out += ["This rule has no options.", ""]
    out += ["## Configure", "",
            f"Turn it off with `ignore = [\"{rule.code}\"]` under `[tool.qbank]`, change its "
            f"severity with `[tool.qbank.severity] {rule.code} = \"warning\"`, or allow it in one "
            f"record with `allow: [{{code: {rule.code}, reason: \"...\"}}]`.", ""]
    return "\n".join(out)


def rules_index(rules: Iterable[Any]) -> str:
    by_family: dict[str, list[Any]] = {}
    for r in rules:
        by_family.setdefault(r.family, []).append(r)
    out = ["---", 'title: "Rules"', "---", "", "# Rules", "",
           "Every question on this site passed these checks (`qbank validate`). A finding's "
           "link leads to its rule's page here.", ""]
    for fam, members in by_family.items():
        out += [f"## {fam}: {FAMILIES.get(fam, fam)} {{#{fam.lower()}}}", "",
                "| code | name | severity | finds |", "|---|---|---|---|"]
        out += [f"| [{r.code}]({r.code}/index.md) | {r.name} | {r.severity.value} | "
                f"{_cell(r.summary)} |" for r in members]
        out.append("")
    return "\n".join(out)
