"""Moodle XML (question bank import): a category per topic under `qbank`, a template as a
sub-category of its variants (a quiz's random question draws one). Single and multiple choice
with per-choice feedback (`why`) and fractions; numeric with its tolerance (and unit); open and
code questions as essays with the model answer as the grader's information.

Every question and category carries an `idnumber` from the record id (a variant's
`<template>@<seed>`), never from its text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from qbank.commands.export.items import (
    ROOT_CATEGORY,
    Group,
    Item,
    Topic,
    html,
    inline_html,
    number,
)
from qbank.core.model import QuestionType

ESSAY_LINES = {QuestionType.OPEN: 10, QuestionType.CODE: 15}


def fraction(correct: bool, n_correct: int, n_wrong: int, multiple: bool) -> str:
    """A choice's share of the mark, in Moodle's percent: the right ones share 100; for
    multiple choice the wrong ones share -100 (choosing every choice scores 0)."""
    if correct:
        value = 100 / n_correct
    elif multiple and n_wrong:
        value = -100 / n_wrong
    else:
        value = 0.0
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = value
    return el


def _leaf(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def category_path(*names: str) -> str:
    # `/` separates Moodle's category levels; a `/` inside a name is written `//`
    return "/".join(["$course$", "top", *(n.replace("/", "//") for n in names)])


def _category(quiz: ET.Element, path: str, idnumber: str, info: str = "") -> None:
    q = ET.SubElement(quiz, "question", {"type": "category"})
    cat = ET.SubElement(q, "category")
    ET.SubElement(cat, "text").text = path
    _text(q, "info", info)
    _leaf(q, "idnumber", idnumber)


def _question(quiz: ET.Element, item: Item) -> None:
    rec, view = item.record, item.view
    kind = {QuestionType.SINGLE_CHOICE: "multichoice", QuestionType.MULTIPLE_CHOICE: "multichoice",
            QuestionType.NUMERIC: "numerical"}.get(rec.type, "essay")
    q = ET.SubElement(quiz, "question", {"type": kind})
    name = ET.SubElement(q, "name")
    ET.SubElement(name, "text").text = rec.title + (f" (variant {item.seed})"
                                                    if item.seed is not None else "")
    _text(q, "questiontext", html(rec.question))
    essay = kind == "essay"
    _text(q, "generalfeedback", "" if essay else html(rec.answer))
    _leaf(q, "defaultgrade", "1")
    _leaf(q, "penalty", "0" if essay else "0.3333333")
    _leaf(q, "hidden", "0")
    _leaf(q, "idnumber", item.id)
    if kind == "multichoice":
        multiple = rec.type is QuestionType.MULTIPLE_CHOICE
        n_right = sum(c.correct for c in view.choices)
        n_wrong = len(view.choices) - n_right
        _leaf(q, "single", "false" if multiple else "true")
        _leaf(q, "shuffleanswers", "true")
        _leaf(q, "answernumbering", "ABCD")
        _leaf(q, "showstandardinstruction", "0")
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text(q, tag, "")
        _leaf(q, "shownumcorrect", "")
        for c in view.choices:
            a = ET.SubElement(q, "answer", {
                "fraction": fraction(c.correct, n_right, n_wrong, multiple), "format": "html"})
            ET.SubElement(a, "text").text = inline_html(c.text)
            _text(a, "feedback", inline_html(c.why))
    elif kind == "numerical":
        assert rec.numeric is not None
        a = ET.SubElement(q, "answer", {"fraction": "100", "format": "moodle_auto_format"})
        ET.SubElement(a, "text").text = number(rec.numeric.value)
        _leaf(a, "tolerance", number(rec.numeric.tolerance))
        _text(a, "feedback", "")
        if rec.numeric.unit:
            units = ET.SubElement(q, "units")
            unit = ET.SubElement(units, "unit")
            _leaf(unit, "multiplier", "1")
            _leaf(unit, "unit_name", rec.numeric.unit)
        _leaf(q, "unitgradingtype", "0")
        _leaf(q, "unitpenalty", "0.1000000")
        _leaf(q, "showunits", "3")
        _leaf(q, "unitsleft", "0")
    else:
        code = rec.type is QuestionType.CODE
        _leaf(q, "responseformat", "monospaced" if code else "editor")
        _leaf(q, "responserequired", "1")
        _leaf(q, "responsefieldlines", str(ESSAY_LINES.get(rec.type, 10)))
        _leaf(q, "attachments", "0")
        _leaf(q, "attachmentsrequired", "0")
        _text(q, "graderinfo", html(rec.answer))
        _text(q, "responsetemplate", "")
    tags = ET.SubElement(q, "tags")
    for t in (rec.topic, *rec.tags):
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = t


def render(topics: Sequence[Topic]) -> bytes:
    quiz = ET.Element("quiz")
    for topic in topics:
        path = category_path(ROOT_CATEGORY, topic.title)
        _category(quiz, path, f"{ROOT_CATEGORY}-{topic.key}", topic.description)
        loose = [e for e in topic.entries if isinstance(e, Item)]
        for item in loose:
            _question(quiz, item)
        for group in (e for e in topic.entries if isinstance(e, Group)):
            _category(quiz, category_path(ROOT_CATEGORY, topic.title, group.title),
                      f"{ROOT_CATEGORY}-{topic.key}-{group.id}",
                      f"{len(group.items)} variants of the template {group.id}")
            for item in group.items:
                _question(quiz, item)
    ET.indent(quiz, space="  ")
    body = ET.tostring(quiz, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")
