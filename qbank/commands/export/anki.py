"""Anki `.apkg` through genanki: a deck per topic (`qbank::<topic title>`), a note per question
(a template: a note per variant) of the model `qbank Basic`: Front is the question with its
choices lettered, Back the key, the per-choice feedback and the model answer. Math is MathJax's
`\\(..\\)` / `\\[..\\]`, which Anki typesets.

Ids: a note's GUID is `genanki.guid_for(<record id>)` (a variant's `<template>@<seed>`), so a
re-import of a later export updates the notes instead of adding copies; deck and model ids
derive from their names. Notes are stamped with `SOURCE_DATE_EPOCH` when it is set (the same
export, the same bytes), otherwise with the time of the export (Anki updates a note on re-import
when the incoming one is newer)."""

from __future__ import annotations

import os
import tempfile
import time
import zipfile
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from qbank.commands.export.items import (
    ROOT_CATEGORY,
    Item,
    Topic,
    html,
    question_html,
    stable_int,
)
from qbank.commands.export.qti import deterministic_zip

MODEL_NAME = "qbank Basic"
CSS = (".card { font-family: sans-serif; font-size: 18px; text-align: left; color: black; "
       "background-color: white; }\npre { background: #f4f4f4; padding: .5em; "
       "overflow-x: auto; }\n.qbank-key { font-weight: bold; }\n")


def deck_name(topic: Topic) -> str:
    return f"{ROOT_CATEGORY}::{topic.title}"


def deck_id(topic: Topic) -> int:
    return stable_int(f"{ROOT_CATEGORY}::deck::{topic.key}")


def model_id() -> int:
    return stable_int(f"{ROOT_CATEGORY}::model::{MODEL_NAME}")


def guid(item: Item) -> str:
    import genanki

    return str(genanki.guid_for(item.id))


def front(item: Item) -> str:
    return question_html(item, choices=True)


def back(item: Item) -> str:
    view = item.view
    parts: list[str] = []
    if view.key:
        parts.append(f'<p class="qbank-key">Answer: {escape(view.key)}</p>')
    for c in view.choices:
        if c.why:
            parts.append(f"<p><b>{c.letter}.</b> {html(c.why)}</p>")
    if item.record.answer:
        parts.append(html(item.record.answer))
    return "\n".join(parts)


def _model() -> Any:
    import genanki

    return genanki.Model(
        model_id(), MODEL_NAME,
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                    "afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"}],
        css=CSS)


def timestamp() -> float:
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return float(int(env)) if env.isdigit() else float(int(time.time()))


def render(topics: Sequence[Topic], *, stamp: float | None = None) -> bytes:
    import genanki

    model = _model()
    decks = []
    for topic in topics:
        deck = genanki.Deck(deck_id(topic), deck_name(topic), description=topic.description)
        for item in topic.items():
            tags = [t.replace(" ", "_") for t in (item.record.topic, *item.record.tags)]
            deck.add_note(genanki.Note(model=model, fields=[front(item), back(item)],
                                       guid=guid(item), tags=tags, sort_field=item.id))
        decks.append(deck)
    with tempfile.TemporaryDirectory(prefix="qbank-anki-") as tmp:
        path = Path(tmp) / "out.apkg"
        genanki.Package(decks).write_to_file(str(path), timestamp=stamp or timestamp())
        with zipfile.ZipFile(path) as zf:  # re-packed with fixed dates: the same bytes
            entries = {name: zf.read(name) for name in zf.namelist()}
    return deterministic_zip(entries)
