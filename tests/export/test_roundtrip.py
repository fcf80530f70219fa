"""Every export of the real bank, read back (lxml for Moodle XML and QTI, a GIFT parser, the
apkg's SQLite) and compared with the records: questions, choices, keys, feedback, tolerances,
categories and ids. Templates (when the bank has any) as their variants."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections import Counter
from pathlib import Path

import genanki
import pytest
from lxml import etree

from qbank.commands.export import Selection, export_bytes
from qbank.commands.export.anki import model_id
from qbank.commands.export.items import inline_html
from qbank.commands.export.qti import CP_NS, QTI_NS, check_package
from qbank.core.model import QuestionType
from tests.export.helpers import (
    BANK,
    N_VARIANTS,
    PUBLISHED,
    body,
    expected_items,
    is_template,
    parse_gift,
    template_title,
    text_of,
)

EXPECTED = expected_items()
TEMPLATES = sorted(i for i, r in PUBLISHED.items() if is_template(r))
TOPIC_TITLES = {k: t.title for k, t in BANK.topics.items()}
CHOICE = (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE)
ESSAY = (QuestionType.OPEN, QuestionType.CODE)


@pytest.fixture(scope="module")
def exports() -> dict[str, bytes]:
    return {fmt: export_bytes(BANK, Selection(), fmt) for fmt in ("moodle", "gift", "qti", "anki")}


def test_the_bank_is_what_the_counts_below_assume() -> None:
    assert len(PUBLISHED) >= 158
    assert len(EXPECTED) == len(PUBLISHED) + (N_VARIANTS - 1) * len(TEMPLATES)
    assert PUBLISHED["neuron-output-with-linear-activation"].numeric is not None
    assert "relu-in-the-output-layer" in EXPECTED


# ---- Moodle XML ------------------------------------------------------------------------------

def test_moodle_xml_holds_every_record_with_its_choices_fractions_and_feedback(
        exports: dict[str, bytes]) -> None:
    root = etree.fromstring(exports["moodle"])
    assert root.tag == "quiz"
    category = ""
    seen: dict[str, etree._Element] = {}
    where: dict[str, str] = {}
    for q in root.findall("question"):
        if q.get("type") == "category":
            category = q.findtext("category/text")
            continue
        qid = q.findtext("idnumber")
        assert qid not in seen, qid
        seen[qid], where[qid] = q, category
    assert set(seen) == set(EXPECTED)
    for qid, (rec, template) in EXPECTED.items():
        q = seen[qid]
        topic = f"$course$/top/qbank/{TOPIC_TITLES[rec.topic]}"
        assert where[qid] == (topic if template is None
                              else f"{topic}/{template_title(PUBLISHED[template])}"), qid
        assert q.findtext("questiontext/text") == body(rec.question), qid
        assert [t.text for t in q.findall("tags/tag/text")] == [rec.topic, *rec.tags]
        if rec.type in CHOICE:
            assert q.get("type") == "multichoice"
            assert q.findtext("single") == ("true" if rec.type is QuestionType.SINGLE_CHOICE
                                            else "false")
            answers = q.findall("answer")
            assert rec.choices is not None and len(answers) == len(rec.choices)
            fractions = [float(a.get("fraction")) for a in answers]
            assert [f > 0 for f in fractions] == [c.correct for c in rec.choices], qid
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-3)
            for a, c in zip(answers, rec.choices, strict=True):
                assert a.findtext("text") == inline_html(c.text)
                assert a.findtext("feedback/text") == inline_html(c.why)
            assert q.findtext("generalfeedback/text") == body(rec.answer)
        elif rec.type is QuestionType.NUMERIC:
            assert rec.numeric is not None and q.get("type") == "numerical"
            (a,) = q.findall("answer")
            assert float(a.findtext("text")) == rec.numeric.value
            assert float(a.findtext("tolerance")) == rec.numeric.tolerance
            assert a.get("fraction") == "100"
        else:
            assert q.get("type") == "essay"
            assert q.findtext("graderinfo/text") == body(rec.answer)
            assert q.findtext("responseformat") == ("monospaced" if rec.type is QuestionType.CODE
                                                   else "editor")
    kinds = Counter(q.get("type") for q in root.findall("question"))
    types = Counter(r.type for r, _ in EXPECTED.values())
    assert kinds["category"] == len({r.topic for r in PUBLISHED.values()}) + len(TEMPLATES)
    assert kinds["multichoice"] == types[QuestionType.SINGLE_CHOICE] + types[
        QuestionType.MULTIPLE_CHOICE]
    assert kinds["essay"] == types[QuestionType.OPEN] + types[QuestionType.CODE]


def test_moodle_keys_of_known_records(exports: dict[str, bytes]) -> None:
    root = etree.fromstring(exports["moodle"])
    by_id = {q.findtext("idnumber"): q for q in root.findall("question")}
    relu = by_id["relu-in-the-output-layer"]
    assert [a.get("fraction") for a in relu.findall("answer")] == ["0", "100", "0", "0"]
    vision = by_id["machine-vision-use-cases"]  # 3 right of 4: each right 1/3, the wrong -100
    assert [a.get("fraction") for a in vision.findall("answer")] == [
        "33.33333", "-100", "33.33333", "33.33333"]
    neuron = by_id["neuron-output-with-linear-activation@1"]  # a template: its variant 1
    assert neuron.findtext("answer/text") == "244" and neuron.findtext("answer/tolerance") == "0"
    cats = {q.findtext("idnumber"): q.findtext("category/text") for q in root.findall("question")
            if q.get("type") == "category"}
    assert cats["qbank-fundamentals"] == "$course$/top/qbank/Fundamentals"


def test_math_and_code_keep_their_lms_convention(exports: dict[str, bytes]) -> None:
    root = etree.fromstring(exports["moodle"])
    by_id = {q.findtext("idnumber"): q for q in root.findall("question")}
    text = by_id["neuron-output-with-linear-activation@1"].findtext("questiontext/text")
    assert r"\(x = (7, 1, 7)\)" in text and "$" not in text  # $..$ -> MathJax \(..\)
    assert "<math" not in exports["moodle"].decode()  # no MathML: Moodle's filter reads TeX
    fb = by_id["neuron-output-with-linear-activation@1"].findtext("generalfeedback/text")
    assert r"\[z = 7 \cdot 9" in fb  # $$..$$ -> \[..\]
    code = by_id["ann-types-perceptron-r-packages"].findtext("graderinfo/text")
    assert '<pre><code class="language-python">import numpy as np' in code
    assert "w @ xi + b &gt; 0" in code  # code escaped once, as HTML


# ---- GIFT ------------------------------------------------------------------------------------

def test_gift_parses_back_to_every_record(exports: dict[str, bytes]) -> None:
    questions = parse_gift(exports["gift"].decode("utf-8"))
    by_name = {q.name: q for q in questions}
    assert len(questions) == len(by_name) == len(EXPECTED)
    assert set(by_name) == set(EXPECTED)
    for qid, (rec, template) in EXPECTED.items():
        q = by_name[qid]
        topic = f"$course$/top/qbank/{TOPIC_TITLES[rec.topic]}"
        assert q.category == (topic if template is None
                              else f"{topic}/{template_title(PUBLISHED[template])}")
        assert q.text == body(rec.question), qid
        if rec.type in CHOICE:
            assert rec.choices is not None and q.kind == "choice"
            assert [a.text for a in q.answers] == [inline_html(c.text) for c in rec.choices]
            assert [a.correct for a in q.answers] == [c.correct for c in rec.choices], qid
            assert [a.feedback for a in q.answers] == [
                inline_html(c.why) if c.why else None for c in rec.choices]
            assert q.general == body(rec.answer)
        elif rec.type is QuestionType.NUMERIC:
            assert rec.numeric is not None and q.kind == "numeric"
            assert (q.value, q.tolerance) == (rec.numeric.value, rec.numeric.tolerance)
        else:
            assert q.kind == "essay" and q.general == body(rec.answer)
    vision = by_name["machine-vision-use-cases"]
    assert [a.weight for a in vision.answers] == [33.33333, -100, 33.33333, 33.33333]
    assert (by_name["neuron-output-with-linear-activation@1"].value,
            by_name["neuron-output-with-linear-activation@1"].tolerance) == (244, 0)


# ---- QTI 1.2 (Canvas) -----------------------------------------------------------------------

def _qti(data: bytes) -> tuple[etree._Element, dict[str, etree._Element]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
        hrefs = [f.get("href") for f in manifest.iter(f"{{{CP_NS}}}file")]
        return manifest, {h: etree.fromstring(zf.read(h)) for h in hrefs}


Q = f"{{{QTI_NS}}}"


def _meta(item: etree._Element) -> dict[str, str]:
    return {f.findtext(f"{Q}fieldlabel"): f.findtext(f"{Q}fieldentry")
            for f in item.iter(f"{Q}qtimetadatafield")}


def test_qti_package_is_sound_and_holds_every_record(exports: dict[str, bytes]) -> None:
    data = exports["qti"]
    assert check_package(data) == []
    manifest, tests = _qti(data)
    assert manifest.tag == f"{{{CP_NS}}}manifest"
    topics = sorted({r.topic for r in PUBLISHED.values()})
    assert sorted(tests) == sorted(f"qbank-{t}/qbank-{t}.xml" for t in topics)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == sorted(["imsmanifest.xml", *tests])
    items: dict[str, tuple[etree._Element, str, etree._Element]] = {}
    for href, root in tests.items():
        assert root.tag == f"{Q}questestinterop"
        (test,) = root.findall(f"{Q}assessment")
        for item in test.iter(f"{Q}item"):
            qid = _meta(item)["qbank_id"]
            assert qid not in items
            items[qid] = (item, href, item.getparent())
    assert set(items) == set(EXPECTED)
    for qid, (rec, template) in EXPECTED.items():
        item, href, section = items[qid]
        assert href == f"qbank-{rec.topic}/qbank-{rec.topic}.xml"
        assert item.get("ident") == "qbank-" + qid.replace("@", "_s")
        meta = _meta(item)
        assert item.findtext(f"{Q}presentation/{Q}material/{Q}mattext") == body(rec.question)
        if template is None:
            assert section.get("ident") == "root_section"
        else:
            assert section.get("ident") == f"qbank-{template}"
            assert section.findtext(f"{Q}selection_ordering/{Q}selection/{Q}selection_number"
                                    ) == "1"
        scored = [c for c in item.iter(f"{Q}respcondition") if c.find(f"{Q}setvar") is not None]
        if rec.type in CHOICE:
            assert rec.choices is not None
            assert meta["question_type"] == ("multiple_choice_question"
                                             if rec.type is QuestionType.SINGLE_CHOICE
                                             else "multiple_answers_question")
            labels = item.findall(f".//{Q}response_label")
            assert [lb.findtext(f"{Q}material/{Q}mattext") for lb in labels] == [
                body(c.text) for c in rec.choices]
            (cond,) = scored
            var = cond.find(f"{Q}conditionvar")
            right = {v.text for v in var.iter(f"{Q}varequal")
                     if v.getparent().tag != f"{Q}not"}
            assert right == {lb.get("ident") for lb, c in zip(labels, rec.choices, strict=True)
                             if c.correct}, qid
            fbs = {f.get("ident"): f.findtext(f".//{Q}mattext")
                   for f in item.findall(f"{Q}itemfeedback")}
            for lb, c in zip(labels, rec.choices, strict=True):
                assert fbs.get(f"{lb.get('ident')}_fb") == (body(c.why) if c.why else None)
        elif rec.type is QuestionType.NUMERIC:
            assert rec.numeric is not None and meta["question_type"] == "numerical_question"
            (cond,) = scored
            lo = float(cond.findtext(f".//{Q}vargte"))
            hi = float(cond.findtext(f".//{Q}varlte"))
            assert float(cond.findtext(f".//{Q}varequal")) == rec.numeric.value
            assert (lo + hi) / 2 == pytest.approx(rec.numeric.value)
            assert (hi - lo) / 2 == pytest.approx(rec.numeric.tolerance, abs=1e-9)
        else:
            assert meta["question_type"] == "essay_question" and not scored
            fb = item.find(f"{Q}itemfeedback[@ident='general_fb']")
            assert fb.findtext(f".//{Q}mattext") == body(rec.answer)


def test_qti_a_broken_package_is_reported(exports: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(exports["qti"])) as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    entries.pop("qbank-cnn/qbank-cnn.xml")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, d in entries.items():
            zf.writestr(n, d)
    assert check_package(buf.getvalue()) == [
        "imsmanifest.xml names qbank-cnn/qbank-cnn.xml, not in the zip"]


# ---- Anki ------------------------------------------------------------------------------------

def _anki(data: bytes, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == ["collection.anki2", "media"]
        assert json.loads(zf.read("media")) == {}
        db = tmp_path / "collection.anki2"
        db.write_bytes(zf.read("collection.anki2"))
    return sqlite3.connect(db)


def test_anki_package_has_a_deck_per_topic_and_a_note_per_question(
        exports: dict[str, bytes], tmp_path: Path) -> None:
    con = _anki(exports["anki"], tmp_path)
    decks = json.loads(con.execute("select decks from col").fetchone()[0])
    names = {int(k): v["name"] for k, v in decks.items()}
    topics = {r.topic for r in PUBLISHED.values()}
    assert sorted(n for n in names.values() if n != "Default") == sorted(
        f"qbank::{TOPIC_TITLES[t]}" for t in topics)
    models = json.loads(con.execute("select models from col").fetchone()[0])
    assert [int(k) for k in models] == [model_id()]
    assert [f["name"] for f in models[str(model_id())]["flds"]] == ["Front", "Back"]
    notes = {guid: (nid, flds.split("\x1f")) for nid, guid, flds in
             con.execute("select id, guid, flds from notes")}
    assert len(notes) == len(EXPECTED)
    deck_of = dict(con.execute("select nid, did from cards"))
    for qid, (rec, _template) in EXPECTED.items():
        nid, (front, back) = notes[genanki.guid_for(qid)]  # the GUID is the record id's
        assert names[deck_of[nid]] == f"qbank::{TOPIC_TITLES[rec.topic]}"
        assert front.startswith(body(rec.question))
        if rec.type in CHOICE:
            assert rec.choices is not None
            assert front.count("<li>") >= len(rec.choices)
            for c in rec.choices:
                assert f"<li>{inline_html(c.text)}</li>" in front
            letters = ", ".join("ABCDEFGH"[i] for i, c in enumerate(rec.choices) if c.correct)
            assert f"Answer: {letters}</p>" in back, qid
        elif rec.type is QuestionType.NUMERIC:
            assert rec.numeric is not None
            assert f"Answer: {rec.numeric.value:g}" in back
        if rec.answer:
            assert body(rec.answer) in back
    assert text_of(notes[genanki.guid_for("relu-in-the-output-layer")][1][1]).startswith(
        "Answer: B")
