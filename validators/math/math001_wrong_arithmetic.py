"""MATH001 wrong-arithmetic."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.math import prose_issues


@rule("MATH001", "wrong-arithmetic")
def wrong_arithmetic(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """A step of a computation written in the text does not hold.

    Why: answers show their working (`3 (2*4 + 3*5 + 4*6) = 3 (8 + 15 + 24) = 3 * 47 = 141`),
    and a reader checks each step. Every equality chain of the question, answer and choice
    feedback is read with exact rationals (plain text or LaTeX: `\\cdot`, `\\times`, `x`, `·`,
    `\\frac{}{}`, `\\lfloor \\rfloor`, `^`, `**`, `%`, implicit `3 (8 + 15)`); each step whose
    two sides are numbers must hold, a written decimal at the precision written (0.024 is right
    for 0.0236). `F(a) = f(b)` checks a = b; "[...] (which sums to 1.6)" checks the sum.
    Code, versions (2.21.0), dates, ranges (0.5-0.8) and list numbers are left alone. See
    `validators/math/prose.py` and `patterns.yaml`.

    Example:
    ~~~yaml
    # file: bank/fundamentals/neuron-output.yaml
    id: neuron-output
    title: Output of a neuron with a linear activation
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [neuron]
    question: |
      Inputs (2, 3, 4), weights (4, 5, 6), no bias, activation f(z) = 3z. What is the output?
    answer: |
      The output is 3 (2*4 + 3*5 + 4*6) = 3 (8 + 15 + 24) = 3 * 47 = 142.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/fundamentals/neuron-output.yaml
    id: neuron-output
    title: Output of a neuron with a linear activation
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [neuron]
    question: |
      Inputs (2, 3, 4), weights (4, 5, 6), no bias, activation f(z) = 3z. What is the output?
    answer: |
      The output is 3 (2*4 + 3*5 + 4*6) = 3 (8 + 15 + 24) = 3 * 47 = 141.
    ~~~
    """
    for loc in prose_issues(rec, ctx):
        i = loc.issue
        if i.code == "MATH001":
            yield Result(i.message, hint=i.hint, at=rec.text_pos(loc.path, i.offset))
