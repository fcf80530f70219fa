"""`qbank grade` on the real bank's keys: choices by letter or text with R/exams' partial-credit
rules, numbers with tolerance and stated precision, problem rows reported by line while every
valid row is graded, and the item analysis's flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qbank.commands.cli import app
from qbank.commands.grade import grade_file
from qbank.commands.grade.choice import score_choices
from qbank.commands.grade.numeric import NumericKey, grade_number
from qbank.commands.grade.responses import Response
from qbank.commands.grade.score import grade
from qbank.core.loader import load_bank
from qbank.core.model import Record
from tests.conftest import REPO

BANK = load_bank(REPO / "bank")
REC = {r.id: r.record for r in BANK.records if r.record is not None}
RELU = "relu-in-the-output-layer"  # single choice, key B
OPS = "tensorflow-operations"  # multiple choice: A-D correct, E wrong
NEURON = "neuron-output-with-linear-activation"  # numeric, 141 ± 0
runner = CliRunner()


def resp(question: str, response: str, learner: str = "ana") -> Response:
    return Response(1, learner, question, response)


def test_single_choice_by_letter_or_by_text() -> None:
    assert grade(REC[RELU], resp(RELU, "b")).score == 1.0
    text = REC[RELU].choices[1].text  # type: ignore[index]
    assert grade(REC[RELU], resp(RELU, text)).status == "correct"
    wrong = grade(REC[RELU], resp(RELU, "A"))
    assert wrong.score == 0.0 and wrong.feedback.startswith("the key is B; A: Wrong:")
    bad = grade(REC[RELU], resp(RELU, "F"))
    assert bad.status == "invalid" and "'F' names no choice" in bad.feedback


@pytest.mark.parametrize(("rule", "ticked", "score"), [
    ("false2", "A,B,E", 0.0),        # 2/4 - 1/max(1, 2) = 0
    ("false2", "A,B,C,E", 0.25),     # 3/4 - 1/2
    ("false", "A,B,C,E", 0.0),       # 3/4 - 1/1, clamped
    ("true", "A,B,C,E", 0.5),        # 3/4 - 1/4
    ("none", "A,B,C,E", 0.75),
    ("all-or-nothing", "A,B,C", 0.0),
    ("all-or-nothing", "ABCD", 1.0),
])
def test_multiple_choice_partial_credit_rules(rule: str, ticked: str, score: float) -> None:
    v = grade(REC[OPS], resp(OPS, ticked), rule=rule)  # type: ignore[arg-type]
    assert v.score == pytest.approx(score)


def test_negative_scores_only_when_allowed() -> None:
    assert score_choices(("E",), {"A", "B", "C", "D"}, 5, single=False, rule="false") == 0.0
    assert score_choices(("E",), {"A", "B", "C", "D"}, 5, single=False, rule="false",
                         negative=True) == -1.0


def test_numeric_key_tolerance_precision_and_expressions() -> None:
    assert grade(REC[NEURON], resp(NEURON, "141")).score == 1.0
    assert grade(REC[NEURON], resp(NEURON, "3*47")).score == 1.0
    off = grade(REC[NEURON], resp(NEURON, "142"))
    assert off.score == 0.0 and off.feedback == "the key is 141; 142 is off by 1"
    third = NumericKey(1 / 3)
    assert grade_number("0.33", third)[0] is True  # right at the precision it states
    assert grade_number("0.3", third)[0] is False  # one significant digit is not enough
    assert grade_number("0.34", third)[0] is False
    assert grade_number("1/3", third)[0] is True
    assert grade_number("1,000", NumericKey(1000))[0] is True
    assert grade_number("−2.5e-3", NumericKey(-0.0025))[0] is True
    assert grade_number("12.5 %", NumericKey(0.125))[0] is True
    assert grade_number("105", NumericKey(100, rel_tol=0.05))[0] is True
    assert grade_number("__import__('os')", NumericKey(1))[0] is None
    assert grade_number("9**9**9", NumericKey(1))[0] is None  # bounded, never hangs


def test_open_questions_are_listed_for_manual_grading() -> None:
    rec = Record.model_validate({"id": "x", "title": "X", "topic": "fundamentals",
                                 "type": "open", "difficulty": "easy", "tags": ["x"],
                                 "question": "Why?", "answer": "Because."})
    v = grade(rec, resp("x", "because"))
    assert v.score is None and v.status == "manual"


def test_problem_rows_are_reported_by_line_and_valid_rows_still_graded(tmp_path: Path) -> None:
    f = tmp_path / "r.csv"
    f.write_text("learner,question,response,seed\n"
                 f"ana,{RELU},B,\n"
                 f"ana,{RELU},A,\n"             # line 3: a duplicate
                 "ana,no-such-question,A,\n"     # line 4: unknown id
                 f"bo,{RELU},B\n"                # line 5: too few fields
                 f"bo,{NEURON},141,x\n"          # line 6: bad seed
                 f"bo,{OPS},\"A,B,C,D\",\n")
    g = grade_file(BANK, f)
    assert [(p.line, p.message.split(":")[0]) for p in g.problems] == [
        (3, f"learner 'ana' answered '{RELU}' already on line 2"),
        (4, "no question with id 'no-such-question'"),
        (5, "3 fields where the header has 4"),
        (6, "seed 'x' is not a whole number"),
    ]
    assert [(v.line, v.score) for v in g.verdicts] == [(2, 1.0), (7, 1.0)]
    assert g.exit_code == 1 and g.learners == {"ana": {"score": 1.0, "graded": 1, "manual": 0},
                                               "bo": {"score": 1.0, "graded": 1, "manual": 0}}


def test_item_analysis_flags_a_key_the_strongest_learners_reject(tmp_path: Path) -> None:
    """Ten learners; the five who answer the numeric question right all choose D on the ReLU
    question (a distractor), the others choose the key B: negative discrimination and the
    'is the key wrong?' flag."""
    rows = ["learner,question,response"]
    for i in range(10):
        strong = i < 5
        rows.append(f"l{i},{NEURON},{141 if strong else 140}")
        rows.append(f"l{i},{OPS},{'ABCD' if strong else 'E'}")
        rows.append(f"l{i},{RELU},{'D' if strong else 'B'}")
    (tmp_path / "r.csv").write_text("\n".join(rows) + "\n")
    g = grade_file(BANK, tmp_path / "r.csv")
    relu = next(i for i in g.items if i.question == RELU)
    assert relu.facility == 0.5 and relu.discrimination == -1.0
    assert relu.choices == {"B": 5, "D": 5}
    assert any(f.startswith("negative discrimination") for f in relu.flags)
    assert any("distractor D is chosen by 3 of the 3 strongest" in f for f in relu.flags)
    neuron = next(i for i in g.items if i.question == NEURON)
    assert neuron.facility == 0.5 and neuron.flags == []


def test_cli_json_report_and_jsonl_input(tmp_path: Path) -> None:
    f = tmp_path / "r.jsonl"
    f.write_text(json.dumps({"learner": "ana", "question": OPS, "response": ["A", "B"]})
                 + "\nnot json\n")
    out = tmp_path / "report.json"
    res = runner.invoke(app, ["grade", str(f), "--format", "json", "-o", str(out)])
    assert res.exit_code == 1
    data = json.loads(out.read_text())
    assert data["verdicts"][0]["score"] == 0.5 and data["verdicts"][0]["status"] == "partial"
    assert data["problems"] == [{"path": str(f), "line": 2,
                                 "message": "not JSON: Expecting value"}]
    again = runner.invoke(app, ["grade", str(f), "--format", "json", "-o", str(out)])
    assert again.exit_code == 2 and "exists: pass --force" in again.stderr
