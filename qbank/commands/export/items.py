"""What every format exports: the selected records as items, grouped by topic, a template as a
group of its variants; the HTML of their bodies (the render layer, math as TeX for MathJax) and
the identifiers, which derive from record ids and variant seeds only."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from qbank.core.loader import Bank, LoadedRecord
from qbank.core.model import QuestionType, Record
from qbank.render.html import prose_html
from qbank.render.view import RecordView

ROOT_CATEGORY = "qbank"  # the LMS category (Moodle) / deck (Anki) all topics go under


class ExportError(Exception):
    """Input that cannot be exported (exit 2): the message names the record or the file."""


class Variant(Protocol):
    """One generated variant of a template (`generators.variants(record, seeds)`)."""

    @property
    def seed(self) -> int: ...
    @property
    def id(self) -> str: ...
    @property
    def record(self) -> Record: ...


@dataclass(frozen=True)
class Item:
    """One exported question: a record, or one variant of a template (`seed` set)."""

    id: str  # the record id, or the variant's `<template id>@<seed>`
    record: Record
    seed: int | None = None

    @property
    def view(self) -> RecordView:
        return RecordView.of(self.record)

    @property
    def type(self) -> QuestionType:
        return self.record.type

    @property
    def slug(self) -> str:
        """The id as a token for formats that want letters, digits, `-` and `_` only."""
        return self.id.replace("@", "_s")


@dataclass(frozen=True)
class Group:
    """A template's variants: a quiz draws one of them (a Moodle sub-category, a Canvas
    question group)."""

    id: str  # the template's record id
    title: str
    items: tuple[Item, ...]

    @property
    def slug(self) -> str:
        return self.id


Entry = Item | Group


@dataclass
class Topic:
    key: str
    title: str
    description: str = ""
    entries: list[Entry] = field(default_factory=list)

    def items(self) -> list[Item]:
        return [i for e in self.entries for i in (e.items if isinstance(e, Group) else (e,))]


def variant_source() -> tuple[Callable[[Record], bool], Callable[[Record, list[int]], Any]] | None:
    """`generators.is_template` and `generators.variants`, or None while the engine does not
    offer them (then no record is a template)."""
    import generators

    is_template = getattr(generators, "is_template", None)
    make = getattr(generators, "variants", None)
    if not callable(is_template) or not callable(make):
        return None
    return is_template, make


def collect(bank: Bank, records: Sequence[LoadedRecord], *, variants: int = 5) -> list[Topic]:
    """The selected records by topic (topics in the bank's order, records in the selection's);
    a template becomes a Group of `variants` variants, seeds 1..N."""
    source = variant_source()
    order = {key: i for i, key in enumerate(bank.topics)}
    topics: dict[str, Topic] = {}
    for loaded in records:
        rec = loaded.record
        if rec is None:
            continue
        if rec.topic not in topics:
            info = bank.topics.get(rec.topic)
            topics[rec.topic] = Topic(rec.topic, info.title if info else rec.topic,
                                      info.description if info else "")
        entry: Entry = Item(rec.id, rec)
        if source is not None and source[0](rec):
            entry = _group(loaded, rec, source[1], variants)
        topics[rec.topic].entries.append(entry)
    return sorted(topics.values(), key=lambda t: (order.get(t.key, len(order)), t.key))


def _group(loaded: LoadedRecord, rec: Record, make: Callable[[Record, list[int]], Any],
           n: int) -> Group:
    seeds = list(range(1, n + 1))
    try:
        made: Sequence[Variant] = list(make(rec, seeds))
    except Exception as exc:
        raise ExportError(f"{loaded.path}: the template's variants cannot be made: "
                          f"{type(exc).__name__}: {exc} (qbank validate --select GEN says "
                          "why)") from None
    items = tuple(Item(v.id or f"{rec.id}@{v.seed}", v.record, v.seed) for v in made)
    if not items:
        raise ExportError(f"{loaded.path}: the template made no variant")
    return Group(rec.id, _title(rec), items)


def _title(rec: Record) -> str:
    """A template's title as its default instance shows it (no `{{placeholders}}`)."""
    import generators

    published = getattr(generators, "published", None)
    if callable(published):
        try:
            return str(published(rec).title)
        except Exception:  # a broken template's GEN findings say why; its id names it then
            return rec.id
    return rec.title


# ---- bodies ---------------------------------------------------------------------------------

def html(text: str | None) -> str:
    """Record prose as HTML for an LMS: math as `\\(..\\)` / `\\[..\\]` (MathJax, which Moodle,
    Canvas and Anki run), code as `<pre><code class="language-python">`."""
    return prose_html(text or "", math="tex").strip()


_ONE_PARAGRAPH = re.compile(r"\A<p>((?:(?!</?p>).)*)</p>\Z", re.S)


def inline_html(text: str | None) -> str:
    """A choice or a feedback: its HTML without the `<p>` of a lone paragraph."""
    out = html(text)
    m = _ONE_PARAGRAPH.match(out)
    return m.group(1) if m else out


def question_html(item: Item, *, choices: bool = False) -> str:
    """The question's body; with `choices`, its choices as a lettered list after it (for formats
    that show them in the body, as Anki's front)."""
    parts = [html(item.record.question)]
    if choices and item.view.choices:
        parts.append('<ol type="A">' + "".join(f"<li>{inline_html(c.text)}</li>"
                                               for c in item.view.choices) + "</ol>")
    return "\n".join(parts)


def stable_int(name: str, lo: int = 1 << 30, hi: int = 1 << 31) -> int:
    """A number in [lo, hi) from a name (Anki's deck and model ids): the same name, the same
    number, on every machine."""
    digest = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    return lo + digest % (hi - lo)


def number(x: float) -> str:
    """A number as the formats write it: `141`, `0.5`, `1e-05`; the shortest text that reads
    back as the same float (a variant's computed key keeps every digit)."""
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))
