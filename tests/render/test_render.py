"""The render layer on the real bank: every record renders to Markdown, HTML and Typst; the
Typst of the whole bank compiles; nothing in a record's text is executed by a renderer."""

from __future__ import annotations

from pathlib import Path

import pytest

from generators import published_bank
from qbank.core.loader import load_bank
from qbank.core.model import Record
from qbank.render import RecordView, markdown_page, prose_html, record_html, record_typst
from tests.conftest import REPO

BANK = published_bank(load_bank(REPO / "bank"))  # templates as they publish
VIEWS = {r.id: RecordView.of(r.record) for r in BANK.records if r.record is not None}


def _record(**fields: object) -> Record:
    base = {"id": "probe", "title": "Probe", "topic": "fundamentals", "type": "open",
            "difficulty": "easy", "tags": ["probe"], "question": "What?", "answer": "This."}
    return Record.model_validate({**base, **fields})


def test_every_record_of_the_bank_renders() -> None:
    assert len(VIEWS) == len(BANK.records) >= 158
    for view in VIEWS.values():
        assert "{{" not in markdown_page(view), view.id
        assert markdown_page(view).startswith(f"# {view.title}\n")
        assert f'data-id="{view.id}"' in record_html(view)
        assert record_typst(view).startswith("=== ")


def test_choice_key_and_letters() -> None:
    view = VIEWS["relu-in-the-output-layer"]
    assert view.key == "B"
    page = markdown_page(view)
    assert "- **B.** ReLU suits outputs" in page and '??? success "Answer"' in page
    assert "    **B**" in page  # the key, inside the folded answer
    assert "Answer:" not in record_html(view, answer=False)


def test_numeric_key_shows_value_tolerance_and_unit() -> None:
    rec = _record(type="numeric", numeric={"value": 141, "tolerance": 0.5, "unit": "units"})
    assert RecordView.of(rec).key == "141 ± 0.5 units"


def test_math_becomes_mathml_and_code_keeps_its_language() -> None:
    html = prose_html("The update $w \\leftarrow w + \\eta x$ is:\n\n```python\nw = w + 1\n```\n")
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in html
    assert "<mi>&#x003B7;</mi>" in html  # η
    assert '<pre><code class="language-python">w = w + 1' in html


def test_raw_html_in_a_record_is_shown_not_run() -> None:
    html = prose_html("Try <script>alert(1)</script> and <b>bold</b>.")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_typst_escapes_what_would_be_markup(tmp_path: Path) -> None:
    typst = pytest.importorskip("typst")
    pypdf = pytest.importorskip("pypdf")
    rec = _record(question='Does #import "x.typ" or $a$ or *b* or @ref run? See `#eval("1")`.',
                  answer="No: = headings, - lists and [brackets] stay text.")
    src = tmp_path / "probe.typ"
    src.write_text(record_typst(RecordView.of(rec), answer=True), encoding="utf-8")
    pdf = tmp_path / "probe.pdf"
    typst.compile(str(src), output=str(pdf))
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)
    for literal in ('#import "x.typ"', "@ref", '#eval("1")', "[brackets]", "= headings"):
        assert literal in text, (literal, text)


def test_the_whole_bank_compiles_as_one_typst_document(tmp_path: Path) -> None:
    typst = pytest.importorskip("typst")
    src = tmp_path / "bank.typ"
    src.write_text("\n".join(record_typst(v, answer=True, number=i + 1)
                             for i, v in enumerate(VIEWS.values())), encoding="utf-8")
    pdf = typst.compile(str(src))
    assert pdf[:5] == b"%PDF-" and len(pdf) > 100_000
