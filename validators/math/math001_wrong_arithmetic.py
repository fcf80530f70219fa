"""MATH001 wrong-arithmetic."""

from collections.abc import Iterator

from qbank.core.issues import Issue
from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.math import prose_issues


def wording(issue: Issue) -> tuple[str, str]:
    """The message and hint of a MATH001 issue, from its facts (`kind` of claim, the step as
    written, its true value as `expected`)."""
    f = issue.facts
    want, written = f["expected"], f["written"]
    if f["kind"] == "argument":  # `F(a) = f(b)`: a = b
        return (f"`{f['step']}` does not hold: the argument is {want}, not {written}",
                f"write {f['function']}({want})")
    if f["kind"] == "sum":  # "[...] (which sums to 1.6)"
        return f"{f['list']} sums to {want}, not {written}", f"write {want}"
    return (f"`{f['step']}` does not hold: {f['computed']} is {want}, not {written}",
            f"write {want} (or fix the step before it)")


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
    for issue in prose_issues(rec, ctx):
        if issue.code == "MATH001":
            message, hint = wording(issue)
            yield Result(message, hint=hint, at=rec.text_pos(issue.field, issue.offset))
