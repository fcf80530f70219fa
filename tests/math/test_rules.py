"""MATH001-003 through the real engine, on real YAML: code, record and line of each finding."""

from __future__ import annotations

from qbank.core.stats import MathProseStats
from tests.conftest import run_bank

HEAD = """\
# yaml-language-server: $schema=../../schema/record.schema.json
id: {id}
title: Output of a neuron with a linear activation
topic: fundamentals
type: {type}
difficulty: easy
tags: [neuron]
status: published
question: |
  A neuron has inputs (2, 3, 4), weights (4, 5, 6), no bias and the activation f(z) = 3z.
  What is its output?
"""


def record(rid: str, answer: str, type_: str = "open", extra: str = "") -> str:
    body = "answer: |\n" + "".join(f"  {line}\n" if line else "\n"
                                   for line in answer.splitlines())
    return HEAD.format(id=rid, type=type_) + body + extra


def findings(make_bank, files: dict[str, str], select: str = "MATH") -> list[tuple[str, str, int]]:
    bank = make_bank(files)
    res = run_bank(bank, select=[select])
    return sorted((f.code, f.question or "", f.line) for f in res.findings)


def test_a_wrong_step_in_a_latex_answer_is_reported_at_its_line(make_bank) -> None:
    answer = ("The neuron computes the weighted sum, then the activation:\n"
              "\n"
              r"$$z = 2 \cdot 4 + 3 \cdot 5 + 4 \cdot 6 = 8 + 15 + 24 = 47, \qquad" "\n"
              r"f(z) = 3 \cdot 47 = 142.$$")
    got = findings(make_bank, {"fundamentals/neuron.yaml": record("neuron", answer)})
    # the answer starts on line 13; its fourth line holds the wrong step
    assert got == [("MATH001", "neuron", 16)]


def test_a_right_answer_is_clean(make_bank) -> None:
    answer = (r"$$z = 2 \cdot 4 + 3 \cdot 5 + 4 \cdot 6 = 8 + 15 + 24 = 47, \qquad" "\n"
              r"f(z) = 3 \cdot 47 = 141.$$")
    assert findings(make_bank, {"fundamentals/neuron.yaml": record("neuron", answer)}) == []


def test_choice_feedback_is_checked(make_bank) -> None:
    extra = """\
choices:
  - text: "10 x 10"
    correct: true
    why: "(12 - 3 + 2*0)/1 + 1 = 10."
  - text: "11 x 11"
    correct: false
    why: "That would be a 2 x 2 filter: 12 - 2 + 1 = 12."
"""
    text = record("conv", "The output is 10 x 10.", "single_choice", extra)
    got = findings(make_bank, {"fundamentals/conv.yaml": text})
    assert got == [("MATH001", "conv", text.splitlines().index(
        '    why: "That would be a 2 x 2 filter: 12 - 2 + 1 = 12."') + 1)]


def test_formula_with_substituted_values(make_bank) -> None:
    answer = ("The output size is $C = \\lfloor (I - F + 2P)/S \\rfloor + 1$, where $I$ is the\n"
              "input size, $F$ the filter size, $P$ the padding and $S$ the stride. Here\n"
              "$I = 12$, $F = 3$, $P = 0$, $S = 1$:\n"
              "\n"
              "$$C = \\frac{12 - 3 + 0}{1} + 1 = 10$$\n"
              "\n"
              "With $S = 2$ instead, the answer is 6 x 6.")
    got = findings(make_bank, {"fundamentals/conv.yaml": record("conv", answer)})
    # with S = 2: floor(9/2) + 1 = 5, not 6 (the answer's last line, file line 19)
    assert got == [("MATH002", "conv", 19)]


def test_numeric_key_mismatch(make_bank) -> None:
    answer = "The output is 3 (2*4 + 3*5 + 4*6) = 3 * 47 = **141**."
    wrong = record("neuron", answer, "numeric", "numeric:\n  value: 47\n  tolerance: 0\n")
    right = record("neuron2", answer, "numeric", "numeric:\n  value: 141\n  tolerance: 0\n")
    got = findings(make_bank, {"fundamentals/neuron.yaml": wrong,
                               "fundamentals/neuron2.yaml": right}, select="MATH003")
    assert got == [("MATH003", "neuron", 13)]


def test_numeric_key_at_the_precision_written(make_bank) -> None:
    answer = "The probability is 0.4/1.6 = **0.25**, about a quarter."
    ok = record("p", answer, "numeric", "numeric:\n  value: 0.2500001\n  tolerance: 0\n")
    off = record("q", answer, "numeric", "numeric:\n  value: 0.3\n  tolerance: 0.01\n")
    got = findings(make_bank, {"fundamentals/p.yaml": ok, "fundamentals/q.yaml": off},
                   select="MATH003")
    assert got == [("MATH003", "q", 13)]


def test_suppression_with_allow(make_bank) -> None:
    extra = ("allow:\n  - code: MATH001\n"
             "    reason: \"the seed's wrong working is quoted on purpose\"\n")
    text = record("neuron", "A student wrote 3 * 47 = 142, which is wrong.", extra=extra)
    assert findings(make_bank, {"fundamentals/neuron.yaml": text}) == []


def test_prose_results_are_cached_by_content(make_bank) -> None:
    text = record("neuron", "The output is 3 * 47 = 142.")
    bank = make_bank({"fundamentals/neuron.yaml": text})
    first = run_bank(bank, select=["MATH001"])
    second = run_bank(bank, select=["MATH001"])
    assert first.stats.math_prose == MathProseStats(records=1, cached=0)
    assert second.stats.math_prose == MathProseStats(records=1, cached=1)
    assert [(f.code, f.line) for f in second.findings] == [("MATH001", 13)]
    (bank / "fundamentals" / "neuron.yaml").write_text(text.replace("142", "141"))
    third = run_bank(bank, select=["MATH001"])
    assert third.findings == [] and third.stats.math_prose.cached == 0
