"""The bank of broken records in tests/fixtures/broken: each defect gives its finding, at its
line, and the run exits 1; the good records of a bank are still validated."""

from __future__ import annotations

from pathlib import Path

import pytest

from qbank.core.schema import MODELINE
from tests.conftest import REPO, codes, run_bank

BROKEN = REPO / "tests" / "fixtures" / "broken"

EXPECTED = [
    ("SCH001", "syntax-error.yaml", 5),
    ("SCH003", "duplicate-key.yaml", 10),
    ("SCH004", "unknown-key.yaml", 9),
    ("SCH007", "wrong-name.yaml", 2),
    ("SCH007", "same-id-a.yaml", 2),
    ("SCH007", "same-id-b.yaml", 2),
    ("SCH008", "same-id-a.yaml", 2),
    ("SCH008", "same-id-b.yaml", 2),
    ("SCH009", "unknown-topic.yaml", 4),
    ("SCH011", "bad-type.yaml", 10),
    ("SCH012", "two-correct.yaml", 10),
    ("SCH013", "dangling.yaml", 10),
    ("SCH014", "dangling.yaml", 12),
    ("SCH006", "dangling.yaml", 15),
    ("TXT001", "placeholder.yaml", 13),
    ("TXT002", "curly-quotes.yaml", 14),
    ("TXT003", "flat-code.yaml", 15),
    ("TXT004", "too-short.yaml", 9),
    ("TXT005", "repeats-question.yaml", 9),
    ("TXT006", "open-fence.yaml", 12),
    ("TXT007", "mojibake.yaml", 10),
    ("TXT008", "script-tag.yaml", 11),
    ("TXT009", "unfenced.yaml", 11),
]


@pytest.fixture(scope="module")
def result():
    return run_bank(BROKEN, select=["SCH", "TXT"])


@pytest.mark.parametrize("expected", EXPECTED, ids=[f"{c}-{f}" for c, f, _ in EXPECTED])
def test_each_defect_is_found_at_its_line(result, expected) -> None:
    assert expected in codes(result)


def test_curly_quote_column_points_at_the_quote(result) -> None:
    cols = sorted(f.column for f in result.findings if f.code == "TXT002")
    text = (BROKEN / "training" / "curly-quotes.yaml").read_text().splitlines()[13]
    assert [text[c - 1] for c in cols] == ["\u201d", "\u201d"]


def test_nothing_unexpected_is_an_error(result) -> None:
    expected = {(c, f) for c, f, _ in EXPECTED}
    extra = [(c, f, ln) for c, f, ln in codes(result) if (c, f) not in expected]
    # the two incidental ones: the kept duplicate value is short, and so is the repeated answer
    assert sorted(extra) == [("TXT004", "duplicate-key.yaml", 9),
                             ("TXT004", "repeats-question.yaml", 9)]


def test_every_broken_record_fails_and_exit_status_is_1(result) -> None:
    assert all(v == "fail" for v in result.verdicts.values())
    assert result.exit_code() == 1


def test_a_malformed_record_does_not_stop_the_rest(make_bank) -> None:
    from tests.conftest import valid_record

    bank = make_bank({"fundamentals/epoch.yaml": valid_record(),
                      "fundamentals/broken.yaml": MODELINE + "\nid: broken\ntitle: [unclosed\n"})
    res = run_bank(bank, select=["SCH", "TXT"])
    assert codes(res) == [("SCH001", "broken.yaml", 4)]
    assert res.verdicts == {"bank/fundamentals/broken.yaml": "fail",
                            "bank/fundamentals/epoch.yaml": "pass"}


def test_targets_narrow_the_report_but_not_the_bank(make_bank) -> None:
    from tests.conftest import valid_record

    bank = make_bank({"fundamentals/a.yaml": valid_record("same"),
                      "fundamentals/b.yaml": valid_record("same")})
    res = run_bank(bank, select=["SCH008"], targets=[bank / "fundamentals" / "a.yaml"])
    assert codes(res) == [("SCH008", "a.yaml", 2)]
    assert list(res.verdicts) == ["bank/fundamentals/a.yaml"]


def test_suppression_with_reason_silences_the_code(make_bank) -> None:
    text = (BROKEN / "training" / "too-short.yaml").read_text() + (
        "allow:\n  - code: TXT004\n    reason: the one-line answer is the point of this card\n")
    bank = make_bank({"training/too-short.yaml": text})
    res = run_bank(bank, select=["SCH", "TXT"])
    assert codes(res) == []


def test_unknown_code_in_allow_is_reported(make_bank) -> None:
    text = (BROKEN / "training" / "too-short.yaml").read_text() + (
        "allow:\n  - code: TXT999\n    reason: there is no such rule at all\n")
    bank = make_bank({"training/too-short.yaml": text})
    res = run_bank(bank, select=["SCH", "TXT"])
    assert ("SCH015", "too-short.yaml", 11) in codes(res)


def test_paths_in_findings_are_relative_to_the_working_directory(make_bank) -> None:
    from tests.conftest import valid_record

    bank = make_bank({"fundamentals/x.yaml": valid_record("y")})
    res = run_bank(bank, select=["SCH"])
    assert [f.path for f in res.findings] == [str(Path("bank/fundamentals/x.yaml"))]
