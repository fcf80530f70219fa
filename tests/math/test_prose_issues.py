"""MATH's prose analysis returns `qbank.core.issues.Issue`s: facts (the kind of claim, the step
as written, its true value), no wording; MATH001's and MATH002's rule modules word them. Each
kind of claim is pinned here to the message and hint the findings have always had, and every
issue survives the cache's wire form unchanged."""

from __future__ import annotations

import doctest
import json
from typing import Any, ClassVar

import pytest

import validators.math.prose
from qbank.core.issues import Issue
from validators.math import describe, wording
from validators.math.prose import check_segments, check_text, record_issues

# (kind, text, code, offset, line, column (0-based), message, hint, step, expected)
KINDS = [
    ('step', 'so 3 (8 + 15 + 24) = 3 * 47 = 142.',
     'MATH001', 30, 1, 30,
     '`3 * 47 = 142` does not hold: 3 * 47 is 141, not 142',
     'write 141 (or fix the step before it)',
     '3 * 47 = 142', '141'),
    ('argument', 'F(-1.5*1 + 1*1 + 1*1) = f(1.5) = 1',
     'MATH001', 24, 1, 24,
     '`F(-1.5*1 + 1*1 + 1*1) = f(1.5)` does not hold: the argument is 0.5, not 1.5',
     'write f(0.5)',
     'F(-1.5*1 + 1*1 + 1*1) = f(1.5)', '0.5'),
    ('sum', 'the input [0.1, 0.2, 0.3] (which sums to 0.7) is small',
     'MATH001', 41, 1, 41,
     '[0.1, 0.2, 0.3] sums to 0.6, not 0.7',
     'write 0.6',
     '[0.1, 0.2, 0.3] (which sums to 0.7', '0.6'),
    ('formula', 'C = ((I - F + 2P)/S) + 1, where I = 12, F = 3, P = 0, S = 1.\n\nTherefore the answer is 11 X 11 matrix.',
     'MATH002', 86, 3, 24,
     'C = ((I - F + 2P)/S) + 1 with I = 12, F = 3, P = 0, S = 1 is 10, but the text says 11 X 11',
     'write 10, or fix the values substituted',
     '11 X 11', '10'),
    ('substitution', 'with x = 3, y = 2x + 1 = 8',
     'MATH002', 25, 1, 25,
     'with x = 3 (given earlier), 2x + 1 is 7, not 8',
     'write 7, or fix the values substituted',
     '2x + 1 = 8', '7'),
    ('softmax', 'the softmax of [1, 2, 3] is [0.090, 0.245, 0.775]',
     'MATH002', 43, 1, 43,
     'the softmax of [1, 2, 3] is [0.090, 0.245, 0.665], not [0.090, 0.245, 0.775]',
     'write [0.090, 0.245, 0.665]',
     'softmax of [1, 2, 3] is [0.090, 0.245, 0.775]', '[0.090, 0.245, 0.665]'),
    ('pooling-shape', 'a max pooling of size 2 X 2 with a stride of 2\n\n1 | 2 | 3 | 4 |\n5 | 6 | 7 | 8 |\n1 | 2 | 3 | 4 |\n5 | 6 | 7 | 8 |\n\n6 | 8 |\n',
     'MATH002', 113, 8, 0,
     'max pooling 2x2 with stride 2 of the 4x4 input gives a 2x2 output (6 8 / 6 8), not 1x2',
     'write the 2x2 result: 6 8 / 6 8',
     '', '6 8 / 6 8'),
    ('pooling-row', 'a max pooling of size 2 X 2 with a stride of 2\n\n1 | 2 | 3 | 4 |\n5 | 6 | 7 | 8 |\n1 | 2 | 3 | 4 |\n5 | 6 | 7 | 8 |\n\n6 | 8 |\n6 | 9 |\n',
     'MATH002', 121, 9, 0,
     'max pooling 2x2 with stride 2: row 2 of the output is 6 8, not 6 9',
     'the whole result is 6 8 / 6 8',
     '6 9', '6 8'),
    ('gate', 'For the AND gate: Bias = -0.5, w1 = 1, w2 = 1',
     'MATH002', 25, 1, 25,
     'with bias -0.5 and weights 1, 1 a step neuron computes OR, not AND',
     'choose a bias and weights whose truth table is AND: [0, 0, 0, 1] for (0,0) (0,1) (1,0) (1,1)',
     'Bias = -0.5, w1 = 1, w2 = 1', '[0, 0, 0, 1]'),
    ('gate', 'For the AND gate: Bias = -0.5, w1 = 1, w2 = -1',
     'MATH002', 25, 1, 25,
     'with bias -0.5 and weights 1, -1 a step neuron outputs [0, 0, 1, 0] for (0,0) (0,1) (1,0) (1,1), not AND',
     'choose a bias and weights whose truth table is AND: [0, 0, 0, 1] for (0,0) (0,1) (1,0) (1,1)',
     'Bias = -0.5, w1 = 1, w2 = -1', '[0, 0, 0, 1]'),
    ('step-function', 'A step function: F(-1.5*1 + 1*1 + 1*1) = f(0.5) = 0',
     'MATH002', 50, 1, 50,
     '`F(-1.5*1 + 1*1 + 1*1) = ... = 0`: a step function of 0.5 is 1, not 0',
     'write 1 (the step is 1 for a positive sum, 0 for a negative one)',
     'F(-1.5*1 + 1*1 + 1*1) = 0', '1'),
    ('truth-table', 'The AND gate with a step function: F(-0.5*1 + 1*1 + 1*0) = f(0.5) = 1',
     'MATH002', 68, 1, 68,
     '`F(-0.5*1 + 1*1 + 1*0) = ... = 1` for inputs (1, 0): AND(1, 0) is 0, so these weights do not implement AND',
     'choose a bias and weights for which every row of the truth table holds',
     'F(-0.5*1 + 1*1 + 1*0)', '0'),
]


@pytest.mark.parametrize("kind,text,code,offset,line,column,message,hint,step,expected", KINDS,
                         ids=[f"{k[0]}-{n}" for n, k in enumerate(KINDS)])
def test_each_kind_of_claim_is_worded_by_its_rule(kind: str, text: str, code: str, offset: int,
                                                   line: int, column: int, message: str,
                                                   hint: str, step: str, expected: str) -> None:
    (issue,) = check_text(text)
    assert isinstance(issue, Issue)
    assert (issue.code, issue.offset, issue.line, issue.column) == (code, offset, line, column)
    assert (issue.fact("kind"), issue.fact("step"), issue.fact("expected")) == (
        kind, step, expected)
    assert wording(issue) == (message, hint)
    # the analysis reports facts only: the words are the rule module's
    assert not any(message in str(v) or hint in str(v) for v in issue.facts.values())


@pytest.mark.parametrize("text", [k[1] for k in KINDS])
def test_an_issue_survives_the_cache_unchanged(text: str) -> None:
    for issue in check_text(text):
        back = Issue.from_wire(json.loads(json.dumps(issue.to_wire())))
        assert back == issue and back.facts == issue.facts
        assert wording(back) == wording(issue)


def test_record_issues_name_their_field() -> None:
    class Rec:
        data: ClassVar[dict[str, Any]] = {
            "question": "Given 6 * 7 = 43, what?",
            "answer": "so 3 * 47 = 142.",
            "choices": [{"text": "a", "why": "fine"}, {"text": "b", "why": "2 + 2 = 5 so"}],
        }

        def field(self, name: str) -> Any:
            return self.data.get(name)

    found = [(i.field, i.offset, i.line, i.column, i.fact("expected"))
             for i in record_issues(Rec())]
    assert found == [(("question",), 14, 1, 14, "42"), (("answer",), 12, 1, 12, "141"),
                     (("choices", 1, "why"), 8, 1, 8, "4")]
    assert all("segment" not in i.facts for i in record_issues(Rec()))


def test_check_segments_say_which_segment() -> None:
    issues = check_segments(["fine", "so 3 * 47 = 142."])
    assert [(i.fact("segment"), i.offset, i.line) for i in issues] == [(1, 12, 1)]


def test_describe_and_the_doctest() -> None:
    (issue,) = check_text("first line\n\nthe output is 3 * 47 = 142 here")
    assert describe(issue) == "3:24: MATH001 `3 * 47 = 142` does not hold: 3 * 47 is 141, not 142"
    assert doctest.testmod(validators.math.prose).failed == 0


def test_wording_is_for_prose_codes_only() -> None:
    with pytest.raises(ValueError):
        wording(Issue("MATH003"))
