"""The built site's content, read from its HTML (no browser needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qbank.commands.site.build import SiteError
from qbank.commands.site.build import build as build_site
from qbank.core.config import DOCS_URL
from qbank.lint.registry import all_rules
from qbank.render.site import site_prose_html
from tests.site.linkcheck import check

from .conftest import ROOT


def _html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_home_counts_the_bank(built_site_and_log: tuple[Path, list[str]]) -> None:
    built_site, log = built_site_and_log
    home = _html(built_site, "index.html")
    left_out = sum(line.startswith("WARNING") and ": not published: " in line for line in log)
    published = sum("status: published" in p.read_text()
                    for p in (ROOT / "bank").glob("*/*.yaml")) - left_out
    assert f"A bank of <strong>{published}</strong> deep-learning interview questions" in home
    assert '<a href="questions/fundamentals/index.html">Fundamentals</a>' in home
    assert re.search(r"<td>single choice</td>\s*<td>\d+</td>", home)
    assert re.search(r"<td>easy</td>\s*<td>\d+</td>", home)


def test_numeric_question_page(built_site: Path) -> None:
    page = _html(built_site, "questions/fundamentals/neuron-output-with-linear-activation.html")
    # a template: its variants, seed 1 first (x = (7, 1, 7), w = (9, 3, 8), c = 2)
    assert 'data-kind="numeric" data-value="244.0" data-tolerance="0.0"' in page
    # math is MathML, made at build time; no TeX delimiter is left
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in page
    assert "<mn>244</mn>" in page and "$" not in page.split("<article")[1].split("</article>")[0]
    # the code and its expected output, highlighted at build time
    assert '<span class="nb">print</span>' in page
    assert '<p class="qbank-output-label">Output</p><pre><code>122 244\n</code></pre>' in page
    # the answer is folded, the badge names what ran
    assert '<details class="success qbank-answer"><summary>Answer</summary>' in page
    assert re.search(r"Machine-checked</strong> on \d{4}-\d\d-\d\d: 1 code block ran against "
                     r"TensorFlow \d+\.\d+\.\d+ / Keras \d+\.\d+\.\d+, 1 output matched", page)
    # sources and related questions, linked
    assert "seed file <code>000_bab35837ab9e8311.txt</code>" in page
    assert '<a href="artificial-neuron.html">The artificial neuron</a>' in page
    assert '<a href="../../tags.html#weighted-sum">weighted-sum</a>' in page


def test_choice_question_carries_feedback(built_site: Path) -> None:
    page = _html(built_site, "questions/fundamentals/universal-approximators.html")
    assert 'data-kind="single" data-key="D"' in page
    assert page.count('<li class="qbank-choice" data-correct="false">') == 3
    assert '<li class="qbank-choice" data-correct="true">' in page
    assert ("<div class=\"qbank-why\" hidden>It is a universal approximator (with an RBF "
            "kernel), but so are the others.</div>") in page


def test_tags_and_topic_pages(built_site: Path) -> None:
    tags = _html(built_site, "tags.html")
    assert '<h2 id="weighted-sum">' in tags
    assert ('<a href="questions/fundamentals/neuron-output-with-linear-activation.html">'
            "Output of a neuron with a linear activation</a>") in tags
    topic = _html(built_site, "questions/fundamentals/index.html")
    assert '<a href="universal-approximators.html">' in topic


def test_every_rule_has_its_page_where_findings_point(built_site: Path) -> None:
    assert DOCS_URL == "https://qbank.dev/rules/"
    rules = all_rules()
    for code, r in rules.items():
        page = built_site / "rules" / code / "index.html"  # https://qbank.dev/rules/<CODE>/
        assert page.exists(), code
        text = page.read_text(encoding="utf-8")
        assert f"{code} {r.name}" in text
    txt002 = _html(built_site, "rules/TXT002/index.html")
    assert '<h2 id="why">Why' in txt002
    assert '<h2 id="example-the-rule-reports-this">' in txt002
    assert "# file: bank/keras/matmul-shapes.yaml" in txt002
    assert "This rule has no options." in txt002
    with_options = [r for r in rules.values() if r.options.model_fields]
    assert with_options
    first = with_options[0]
    name = next(iter(first.options.model_fields))
    assert f"<code>{name}</code>" in _html(built_site, f"rules/{first.code}/index.html")
    index = _html(built_site, "rules/index.html")
    assert index.count('<a href="') >= len(rules)


def test_no_broken_link_and_nothing_external(built_site: Path) -> None:
    checked, broken, external = check(built_site)
    assert checked > 1000
    assert broken == []
    assert external == []


def test_built_html_has_no_raw_math(built_site: Path) -> None:
    raw = []
    for f in built_site.rglob("*.html"):
        body = f.read_text(encoding="utf-8").split("<article", 1)[-1].split("</article>", 1)[0]
        body = re.sub(r"<(pre|code)\b.*?</\1>", "", body, flags=re.S)  # code may hold a $
        if "$$" in body or "\\(" in body or "\\[" in body:
            raw.append(str(f.relative_to(built_site)))
    assert raw == []


def test_record_html_is_text_never_markup() -> None:
    html = site_prose_html('Is <script>alert("x")</script> run? <img src=x onerror=y>')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_drafts_and_error_records_are_left_out_and_named(small_site: tuple[Path, str]) -> None:
    site, log = small_site
    assert (site / "questions/fundamentals/neuron-sum.html").exists()
    assert not (site / "questions/fundamentals/unfinished-question.html").exists()
    assert not (site / "questions/fundamentals/broken-choices.html").exists()
    assert re.search(r"WARNING .*broken-choices\.yaml: not published: \d+ error finding\(s\): "
                     r"SCH\d{3}", log), log
    assert re.search(r"INFO .*unfinished-question\.yaml: not published: status: draft", log)
    assert "A bank of <strong>1</strong>" in _html(site, "index.html")


def test_variants_are_on_the_page_with_their_keys(small_site: tuple[Path, str]) -> None:
    page = _html(small_site[0], "questions/fundamentals/neuron-sum.html")
    assert page.count('<section class="qbank-variant"') == 3
    assert ('data-variant="0" data-key="11 ± 0.5" data-seed="1" '
            'data-variant-id="neuron-sum--s1" data-title="') in page
    assert ('data-variant="1" data-key="17 ± 0.5" data-seed="2" '
            'data-variant-id="neuron-sum--s2" data-title="') in page
    assert 'data-variant="2" data-key="25 ± 0.5" data-seed="3"' in page
    assert 'data-value="25.0" data-tolerance="0.5"' in page
    assert "Variant 1 of 3 (seed 1)" in page


def test_strict_build_fails_on_a_record_with_errors(small_bank: Path, tmp_path: Path) -> None:
    with pytest.raises(SiteError, match="warnings"):
        build_site(tmp_path / "out", strict=True, bank=small_bank)


def test_rule_pages_go_where_docs_url_points() -> None:
    from qbank.commands.site.hook import rules_dir

    assert rules_dir("https://qbank.dev/", "https://qbank.dev/rules/") == "rules"
    assert rules_dir("https://me.github.io/qbank/", "https://me.github.io/qbank/lint/rules/") \
        == "lint/rules"
    assert rules_dir("https://qbank.dev/", "https://elsewhere.org/rules/") == "rules"


def test_the_build_warns_only_of_records_left_out(
        built_site_and_log: tuple[Path, list[str]]) -> None:
    """What --strict would fail on, less the bank's own findings: no missing page, no broken
    link or anchor, no navigation warning."""
    _, log = built_site_and_log
    warnings = [line for line in log if line.startswith(("WARNING", "ERROR"))
                and ": not published: " not in line]
    assert warnings == []
