"""Put a draw's values into the record's texts: `{{name}}` or `{{name:spec}}` (a Python format
spec, e.g. `{{p:.3f}}`) in the question, answer, choices, checks and setup; `numeric.value`
becomes the key; choices are ordered as the template says."""

from __future__ import annotations

import random
import re
from typing import Any

from pydantic import ValidationError

from generators.engine import FROZEN_FIELDS, PLACEHOLDER, Draw, Template, TemplateError
from qbank.core.model import QuestionType, Record

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _scalar(value: Any, spec: str | None, decimals: int | None) -> str:
    if spec:
        return format(value, spec)
    if isinstance(value, (bool, str)):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if decimals is not None:
            return f"{value:.{decimals}f}"
        if value.is_integer():
            return str(int(value))
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def shown(value: Any, spec: str | None = None, decimals: int | None = None) -> str:
    """A value as the texts show it: vectors `1, 2, 3`; matrices as LaTeX rows `1 & 2 \\\\ 3 & 4`
    (put them in a `bmatrix`)."""
    if isinstance(value, list):
        if value and isinstance(value[0], list):
            return r" \\ ".join(" & ".join(_scalar(v, spec, decimals) for v in row)
                                for row in value)
        return ", ".join(_scalar(v, spec, decimals) for v in value)
    return _scalar(value, spec, decimals)


def decimals_of(tpl: Template) -> dict[str, int | None]:
    """How many decimals each name shows with (None: as it is)."""
    return tpl.shown_decimals


def substitute(text: str, draw: Draw, decimals: dict[str, int | None], where: str) -> str:
    def one(m: re.Match[str]) -> str:
        name, spec = m.group(1), m.group(2)
        if name not in draw.params:
            raise TemplateError(f"`{m.group(0)}` in {where} names no parameter, derived value "
                                f"or `key`", field=where, seed=draw.seed, kind="render",
                                offset=m.start())
        try:
            return shown(draw.params[name], spec.strip() if spec else None, decimals.get(name))
        except (ValueError, TypeError) as exc:
            raise TemplateError(f"`{m.group(0)}` in {where}: the format spec does not fit the "
                                f"value: {exc}", field=where, seed=draw.seed, kind="render",
                                offset=m.start()) from None

    out = PLACEHOLDER.sub(one, text)
    if "{{" in out or "}}" in out:
        raise TemplateError(f"{where} has a placeholder that is not `{{{{name}}}}` or "
                            f"`{{{{name:spec}}}}`", field=where, seed=draw.seed, kind="render")
    return out


def _walk(value: Any, draw: Draw, decimals: dict[str, int | None], where: str) -> Any:
    if isinstance(value, str):
        return substitute(value, draw, decimals, where)
    if isinstance(value, list):
        return [_walk(v, draw, decimals, f"{where}.{i}") for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: _walk(v, draw, decimals, f"{where}.{k}") for k, v in value.items()}
    return value


def render_data(data: dict[str, Any], tpl: Template, draw: Draw) -> dict[str, Any]:
    """The record's raw mapping (as loaded from YAML, key order kept) with the draw's values in:
    what the other rule families read, at the file's own positions."""
    decimals = decimals_of(tpl)
    out = {k: v if k in FROZEN_FIELDS else _walk(v, draw, decimals, k) for k, v in data.items()}
    if isinstance(out.get("numeric"), dict) and not isinstance(draw.key, list):
        out["numeric"] = {**out["numeric"], "value": draw.key}
    return out


def _first_number(text: str) -> float:
    m = NUMBER.search(text)
    return float(m.group(0)) if m else float("inf")


def order(choices: list[dict[str, Any]], how: str, seed: int | None,
          template_id: str) -> list[dict[str, Any]]:
    if seed is None or how == "as-written":
        return choices
    if how == "ascending":
        return sorted(choices, key=lambda c: _first_number(str(c.get("text", ""))))
    shuffled = list(choices)
    random.Random(f"{template_id}@{seed}#order").shuffle(shuffled)
    return shuffled


def _no_clash(choices: list[dict[str, Any]], draw: Draw) -> None:
    seen: dict[str, int] = {}
    for i, c in enumerate(choices):
        norm = " ".join(str(c.get("text", "")).lower().split())
        if norm in seen:
            j = seen[norm]
            what = "a distractor equal to the key" if choices[j].get("correct") or \
                c.get("correct") else "two distractors with the same value"
            raise TemplateError(f"choice {i + 1} and choice {j + 1} both read `{c.get('text')}` "
                                f"({what})", field=f"choices.{i}.text",
                                seed=draw.seed, kind="clash")
        seen[norm] = i


def render(record: Record, tpl: Template, draw: Draw) -> Record:
    """The record of one draw: every placeholder resolved, the key in `numeric.value`."""
    data = record.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    decimals = decimals_of(tpl)
    out: dict[str, Any] = {}
    for name, value in data.items():
        out[name] = value if name in FROZEN_FIELDS else _walk(value, draw, decimals, name)
    if record.type is QuestionType.NUMERIC:
        if isinstance(draw.key, list):
            raise TemplateError("a numeric template's `key` is one expression, not a list",
                                field="params.key", kind="params")
        out["numeric"] = {**data.get("numeric", {}), "value": draw.key}
    if out.get("choices"):
        _no_clash(out["choices"], draw)
        out["choices"] = order(out["choices"], tpl.spec.order, draw.seed, tpl.id)
    try:
        return Record.model_validate(out)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "question"
        raise TemplateError(f"the variant is not a valid record: {where}: {err['msg']}",
                            field=where, seed=draw.seed, kind="render") from None
