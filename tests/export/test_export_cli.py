"""`qbank export`: byte-identical output, ids from record ids (never from the text), GIFT's
escaping, templates as groups of variants, no clobbering without --force, and bad input as one
line with exit 2."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki
import pytest
from lxml import etree
from typer.testing import CliRunner

import generators
from qbank.commands.cli import app
from qbank.commands.export import Selection, export_bytes
from qbank.commands.export.gift import escape, unescape
from qbank.commands.export.items import inline_html
from qbank.core.loader import load_bank
from qbank.core.model import Numeric, Record
from tests.conftest import REPO, write_bank
from tests.export.helpers import BANK, body, expected_items, parse_gift

runner = CliRunner()
FORMATS = ("moodle", "gift", "qti", "anki")


def qbank(*args: str) -> tuple[int, str, str]:
    res = runner.invoke(app, ["export", *args])
    return res.exit_code, res.stdout, res.stderr


# ---- the same input, the same bytes; ids from ids ---------------------------------------------

def test_two_exports_are_byte_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for fmt in FORMATS:
        first = export_bytes(BANK, Selection(), fmt)
        assert export_bytes(BANK, Selection(), fmt) == first, fmt
    for fmt in ("qti", "anki"):  # every zip entry dated 1980-01-01, whatever the clock
        with zipfile.ZipFile(io.BytesIO(export_bytes(BANK, Selection(), fmt))) as zf:
            assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


RELU = REPO / "bank" / "activations" / "relu-in-the-output-layer.yaml"


def _ids(bank: Path) -> dict[str, Any]:
    loaded = load_bank(bank)
    sel = Selection()
    moodle = etree.fromstring(export_bytes(loaded, sel, "moodle"))
    gift = parse_gift(export_bytes(loaded, sel, "gift").decode())
    with zipfile.ZipFile(io.BytesIO(export_bytes(loaded, sel, "qti"))) as zf:
        qti = etree.fromstring(zf.read("qbank-activations/qbank-activations.xml"))
    with zipfile.ZipFile(io.BytesIO(export_bytes(loaded, sel, "anki"))) as zf:
        db = bank.parent / "c.anki2"
        db.write_bytes(zf.read("collection.anki2"))
    con = sqlite3.connect(db)
    out = {"moodle": [q.findtext("idnumber") for q in moodle.findall("question")],
           "gift": [q.name for q in gift],
           "qti": [i.get("ident") for i in qti.iter("{*}item")]
           + [r.get("ident") for r in qti.iter("{*}response_label")],
           "anki": sorted(g for (g,) in con.execute("select guid from notes")),
           "decks": con.execute("select decks from col").fetchone()[0],
           "text": moodle.findall("question")[1].findtext("questiontext/text")}
    con.close()
    db.unlink()
    return out


def test_ids_derive_from_record_ids_not_from_the_text(tmp_path: Path) -> None:
    src = RELU.read_text()
    before = _ids(write_bank(tmp_path / "a", {"activations/relu-in-the-output-layer.yaml": src}))
    edited = (src.replace("title: ", "title: Renamed ", 1)
              .replace("Which statement", "Which one statement", 1))
    after = _ids(write_bank(tmp_path / "b", {"activations/relu-in-the-output-layer.yaml": edited}))
    assert before["text"] != after["text"]
    for key in ("moodle", "gift", "qti", "anki"):
        assert before[key] == after[key], key
    assert before["moodle"] == ["qbank-activations", "relu-in-the-output-layer"]
    assert before["gift"] == ["relu-in-the-output-layer"]
    assert before["qti"] == ["qbank-relu-in-the-output-layer", "1", "2", "3", "4"]
    assert before["anki"] == [genanki.guid_for("relu-in-the-output-layer")]


# ---- GIFT escaping ---------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "escaped"), [
    ("a~b", r"a\~b"),
    ("x = 1", r"x \= 1"),
    ("#1", r"\#1"),
    ("{b}", r"\{b\}"),
    ("key: value", r"key\: value"),
    (r"\(x\)", r"\\(x\\)"),
    ("two\nlines", r"two\nlines"),
    (r"\~", r"\\\~"),  # a backslash before a special: both escaped, the backslash first
    ("plain text", "plain text"),
])
def test_gift_escape(raw: str, escaped: str) -> None:
    assert escape(raw) == escaped
    assert unescape(escaped) == raw


TRICKY = """\
id: gift-specials
title: "GIFT's specials: ~ = # { } and \\\\"
topic: fundamentals
type: single_choice
difficulty: easy
tags: [gift]
status: published
question: |
  In `d = {"a": 1}`, is $\\{x : x \\ge 0\\}$ a set? Answer ~ #1 \\ or = 2.
answer: |
  Yes: `{...}` with `:` is a dict; $\\{x\\}$ is a set.

  ```python
  d = {"a": 1}  # a dict
  print(d["a"])
  ```
choices:
  - text: "`x = {1: 2}`"
    correct: true
    why: "#1: a dict ~ mapping = {key: value}"
  - text: "~ tilde, \\\\ backslash"
    why: "no: {}"
"""


def test_gift_specials_survive_the_round_trip(tmp_path: Path) -> None:
    bank = write_bank(tmp_path, {"fundamentals/gift-specials.yaml": TRICKY})
    loaded = load_bank(bank)
    rec = loaded.records[0].record
    assert rec is not None and rec.choices is not None
    assert "\\" in rec.choices[1].text and "{" in rec.question
    out = export_bytes(loaded, Selection(), "gift").decode()
    (q,) = parse_gift(out)
    assert q.name == "gift-specials"
    assert q.text == body(rec.question)
    assert r"\(\{x : x \ge 0\}\)" in q.text  # TeX math for Moodle's MathJax filter
    assert [a.text for a in q.answers] == [inline_html(c.text) for c in rec.choices]
    assert [a.correct for a in q.answers] == [True, False]
    assert [a.feedback for a in q.answers] == [inline_html(c.why) for c in rec.choices]
    assert q.general == body(rec.answer) and "<pre><code" in q.general
    block = out.rstrip("\n").split("\n\n")[-1]  # the question, with no blank line in it
    assert block.startswith("::gift-specials::") and block.endswith("}")
    assert block.count("\n") == 4  # the head, 2 choices, the general feedback, the close


# ---- templates --------------------------------------------------------------------------------

TEMPLATE = """\
id: neuron-template
title: Output of a linear neuron
topic: fundamentals
type: numeric
difficulty: easy
tags: [neuron]
status: published
question: |
  A neuron computes $y = 3z$ for $z = 47$. What is $y$?
answer: |
  $y = 3 \\cdot 47 = 141$.
numeric:
  value: 141
  tolerance: 0.5
"""


@dataclass(frozen=True)
class FakeVariant:
    template_id: str
    seed: int
    id: str
    params: dict[str, Any]
    record: Record


def _fake_engine(monkeypatch: pytest.MonkeyPatch, fail: bool = False) -> None:
    def variants(record: Record, seeds: list[int]) -> list[FakeVariant]:
        if fail:
            raise ValueError("z has no value")
        return [FakeVariant(record.id, s, f"{record.id}@{s}", {"z": s},
                            record.model_copy(update={
                                "question": f"A neuron computes $y = 3z$ for $z = {s}$.",
                                "numeric": Numeric(value=3 * s, tolerance=0.5)}))
                for s in seeds]

    monkeypatch.setattr(generators, "is_template", lambda r: r.id == "neuron-template",
                        raising=False)
    monkeypatch.setattr(generators, "variants", variants, raising=False)


def test_a_template_is_a_category_of_n_variants(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_engine(monkeypatch)
    bank = write_bank(tmp_path, {"fundamentals/neuron-template.yaml": TEMPLATE,
                                 "activations/relu-in-the-output-layer.yaml": RELU.read_text()})
    code, out, err = qbank("--format", "moodle", "--variants", "3", "--bank", str(bank),
                           "-o", str(tmp_path / "q.xml"))
    assert code == 0, err
    assert "4 questions in 2 topic(s), 1 template(s)" in out
    root = etree.parse(str(tmp_path / "q.xml")).getroot()
    rows = [(q.get("type"), q.findtext("idnumber"), q.findtext("category/text"))
            for q in root.findall("question")]
    assert rows == [
        ("category", "qbank-fundamentals", "$course$/top/qbank/Fundamentals"),
        ("category", "qbank-fundamentals-neuron-template",
         "$course$/top/qbank/Fundamentals/Output of a linear neuron"),
        ("numerical", "neuron-template@1", None),
        ("numerical", "neuron-template@2", None),
        ("numerical", "neuron-template@3", None),
        ("category", "qbank-activations", "$course$/top/qbank/Activation functions"),
        ("multichoice", "relu-in-the-output-layer", None)]
    values = [(q.findtext("answer/text"), q.findtext("answer/tolerance"))
              for q in root.findall("question[@type='numerical']")]
    assert values == [("3", "0.5"), ("6", "0.5"), ("9", "0.5")]
    loaded = load_bank(bank)
    with zipfile.ZipFile(io.BytesIO(export_bytes(loaded, Selection(), "qti", variants=2))) as zf:
        qti = etree.fromstring(zf.read("qbank-fundamentals/qbank-fundamentals.xml"))
    (group,) = [s for s in qti.iter("{*}section") if s.get("ident") != "root_section"]
    assert group.get("ident") == "qbank-neuron-template"
    assert [i.get("ident") for i in group.iter("{*}item")] == [
        "qbank-neuron-template_s1", "qbank-neuron-template_s2"]
    assert group.findtext("{*}selection_ordering/{*}selection/{*}selection_number") == "1"
    gift = parse_gift(export_bytes(loaded, Selection(), "gift", variants=2).decode())
    assert [(q.name, q.category, q.value) for q in gift][:2] == [
        ("neuron-template@1", "$course$/top/qbank/Fundamentals/Output of a linear neuron", 3),
        ("neuron-template@2", "$course$/top/qbank/Fundamentals/Output of a linear neuron", 6)]
    with zipfile.ZipFile(io.BytesIO(export_bytes(loaded, Selection(), "anki", variants=2))) as zf:
        (tmp_path / "c.anki2").write_bytes(zf.read("collection.anki2"))
    guids = {g for (g,) in sqlite3.connect(tmp_path / "c.anki2").execute(
        "select guid from notes")}
    assert guids == {genanki.guid_for(i) for i in (
        "neuron-template@1", "neuron-template@2", "relu-in-the-output-layer")}


def test_without_the_engine_no_record_is_a_template(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(generators, "is_template", raising=False)
    bank = write_bank(tmp_path, {"fundamentals/neuron-template.yaml": TEMPLATE})
    root = etree.fromstring(export_bytes(load_bank(bank), Selection(), "moodle"))
    assert [q.findtext("idnumber") for q in root.findall("question")] == [
        "qbank-fundamentals", "neuron-template"]


def test_a_template_that_fails_exits_2_naming_it(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_engine(monkeypatch, fail=True)
    bank = write_bank(tmp_path, {"fundamentals/neuron-template.yaml": TEMPLATE})
    code, _, err = qbank("-f", "gift", "--bank", str(bank), "-o", str(tmp_path / "q.gift"))
    assert code == 2
    assert "neuron-template.yaml: the template's variants cannot be made: ValueError: z has" in err
    assert not (tmp_path / "q.gift").exists()


# ---- files: atomic, no clobbering, --force ---------------------------------------------------

def test_no_clobbering_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out" / "cnn.xml"
    code, out, err = qbank("-f", "moodle", "--topic", "cnn", "-o", str(target))
    assert code == 0, err
    n_cnn = sum(1 for r, _ in expected_items().values() if r.topic == "cnn")
    assert f"wrote {target}: " in out and "questions in 1 topic(s)" in out
    first = target.read_bytes()
    assert first.count(b'<question type="category">') >= 1
    assert len(etree.fromstring(first).xpath("question[@type!='category']")) == n_cnn >= 12
    target.write_bytes(b"mine")
    code, _, err = qbank("-f", "moodle", "--topic", "cnn", "-o", str(target))
    assert code == 2 and err == f"qbank: {target} exists: give --force to replace it\n"
    assert target.read_bytes() == b"mine"
    code, _, err = qbank("-f", "moodle", "--topic", "cnn", "-o", str(target), "--force")
    assert code == 0, err
    assert target.read_bytes() == first
    assert sorted(p.name for p in target.parent.iterdir()) == ["cnn.xml"]  # no temp file left


def test_default_path_and_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bank = write_bank(tmp_path, {"activations/relu-in-the-output-layer.yaml": RELU.read_text()})
    monkeypatch.chdir(tmp_path)
    code, _, err = qbank("-f", "anki", "--bank", str(bank))
    assert code == 0, err
    assert (tmp_path / "build" / "export" / "qbank-anki.apkg").is_file()
    code, out, err = qbank("-f", "gift", "--bank", str(bank), "-o", "-")
    assert code == 0, err
    assert out.startswith("// qbank export (GIFT)") and "::relu-in-the-output-layer::" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--id", "relu-in-the-ouput-layer"],
     "no question with id 'relu-in-the-ouput-layer' in bank (did you mean "
     "'relu-in-the-output-layer'?)"),
    (["--topic", "astrology"], "the selection is empty: no published question matches it"),
    (["--type", "essay"], "--type: Input should be 'open', 'single_choice'"),
    (["--count", "0"], "--count: Input should be greater than or equal to 1"),
    (["--variants", "0"], "--variants 0: a template needs at least 1 variant"),
    (["--count", "9999"], "--count 9999: only "),
    (["-f", "qti", "-o", "-"], "-o -: a qti export is a zip; name a file"),
    (["--bank", "nowhere"], "nowhere: no such bank directory"),
])
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    fmt = [] if "-f" in args else ["-f", "moodle"]
    code, out, err = qbank(*fmt, *args, *([] if "-o" in args else ["-o",
                                                                   str(tmp_path / "x.xml")]))
    assert code == 2, (out, err)
    assert err.startswith("qbank: ") and message in err and err.count("\n") == 1, err
    assert not (tmp_path / "x.xml").exists()


def test_an_unknown_format_is_refused() -> None:
    code, _, err = qbank("-f", "docx")
    assert code == 2 and "docx" in err
