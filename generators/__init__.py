"""Parameterized question templates and the variant engine (issue #11): built on the core
model, below `validators` (whose GEN rules check the templates) and beside `qbank.render`.

    is_template(record)            # the record declares `params`
    published(record)              # its default instance: the numbers the record was written with
    variants(record, [1, 2, 3])    # Variant(template_id, seed, id="<id>@<seed>", params, record)

A variant's `record` is an ordinary resolved Record (its own key in `numeric.value` or its
choices); `params` holds the drawn and derived values and `key`. The format: docs/templates.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generators.engine import Draw, Template, TemplateError, compiled
from generators.render import render, render_data
from qbank.core.cache import CacheTable, source_fingerprint
from qbank.core.loader import Bank, LoadedRecord
from qbank.core.model import Record

__all__ = ["Draw", "Template", "TemplateError", "Variant", "is_template", "published",
           "published_bank", "published_record", "template_of", "variants"]


@dataclass(frozen=True)
class Variant:
    template_id: str
    seed: int
    id: str
    params: dict[str, Any]
    record: Record


def is_template(record: Record) -> bool:
    return record.params is not None


def template_of(record: Record) -> Template:
    """The compiled template of a record (raises TemplateError when its `params` are bad)."""
    if record.params is None:
        raise TemplateError(f"{record.id} is not a template: it declares no `params`")
    return compiled(record.id, record.params)


def published(record: Record) -> Record:
    """What the record publishes: a template's default instance (placeholders filled with the
    defaults), any other record as it is. Raises TemplateError for a broken template."""
    if record.params is None:
        return record
    tpl = template_of(record)
    return render(record, tpl, tpl.defaults())


def variants(record: Record, seeds: Iterable[int]) -> list[Variant]:
    """The variants of a template for `seeds`, in order (TemplateError when one fails)."""
    tpl = template_of(record)
    out: list[Variant] = []
    for seed in seeds:
        draw = tpl.draw(seed)
        out.append(Variant(record.id, seed, f"{record.id}@{seed}", draw.params,
                           render(record, tpl, draw)))
    return out


def published_record(rec: LoadedRecord, store: CacheTable | None = None) -> LoadedRecord:
    """A loaded template as it publishes: its texts and `numeric.value` filled from the defaults,
    at the same file positions, with the file's own version in `.written`. Any other record (or
    a template that does not render: GEN says why) is returned as it is. `store` keeps the
    result by content, so a warm run compiles no expression (and imports no sympy)."""
    if rec.written is not None or rec.record is None or rec.record.params is None:
        return rec
    key = store.key("published", _engine() + json.dumps(rec.mapping, sort_keys=True,
                                                        default=str)) if store else ""
    hit = store.get(key) if store else CacheTable.MISS
    if isinstance(hit, dict):
        try:
            return replace(rec, data=hit, record=Record.model_validate(hit), memo={},
                           written=rec)
        except ValueError:
            pass
    try:
        tpl = template_of(rec.record)
        draw = tpl.defaults()
        record = render(rec.record, tpl, draw)
        data = render_data(rec.mapping, tpl, draw)
    except TemplateError:
        return rec
    if store is not None:
        store.put(key, data)
    return replace(rec, data=data, record=record, memo={}, written=rec)


def published_bank(bank: Bank, store: CacheTable | None = None) -> Bank:
    """The bank as it publishes (`published_record` of every record); idempotent."""
    records = [published_record(r, store) for r in bank.records]
    if store is not None:
        store.save()
    if all(a is b for a, b in zip(records, bank.records, strict=True)):
        return bank
    return replace(bank, records=records)


def _engine() -> str:
    here = Path(__file__).parent
    return source_fingerprint(*sorted(here.glob("*.py")))
