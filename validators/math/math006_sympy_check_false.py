"""MATH006 sympy-check-false."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.math import check_run


@rule("MATH006", "sympy-check-false", scope="bank")
def sympy_check_false(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A `sympy` check's relation does not simplify to true.

    Why: a `sympy` check states an exact fact the answer relies on (`Eq((12 - 3 + 2*0)/1 + 1,
    10)` for a convolution's output size). Numbers in it are read as exact rationals (0.1 is
    1/10), so the relation holds exactly or not at all; for `Eq(a, b)`, a - b must simplify to 0.

    Example:
    ~~~yaml
    # file: bank/cnn/conv-output-size.yaml
    id: conv-output-size
    title: Output size of a convolution
    topic: cnn
    type: open
    difficulty: easy
    tags: [convolution]
    question: |
      What is the output size of a 3 x 3 convolution (stride 1, no padding) on a 12 x 12 input?
    answer: |
      A 3 x 3 window fits in 10 positions along each axis: the output is 10 x 10.
    checks:
      - name: formula gives 10 for I=12, F=3, P=0, S=1
        sympy: "Eq((12 - 3 + 2*0)/1 + 1, 9)"
    ~~~

    Instead:
    ~~~yaml
    # file: bank/cnn/conv-output-size.yaml
    id: conv-output-size
    title: Output size of a convolution
    topic: cnn
    type: open
    difficulty: easy
    tags: [convolution]
    question: |
      What is the output size of a 3 x 3 convolution (stride 1, no padding) on a 12 x 12 input?
    answer: |
      A 3 x 3 window fits in 10 positions along each axis: the output is 10 x 10.
    checks:
      - name: formula gives 10 for I=12, F=3, P=0, S=1
        sympy: "Eq((12 - 3 + 2*0)/1 + 1, 10)"
    ~~~
    """
    run = check_run(ctx)
    for rec in ctx.target_records():
        for o in run.outcomes.get(rec.path, []):
            if o.kind == "sympy" and o.status == "failed":
                yield rec, Result(f"check `{o.name}` is false: {o.message}",
                                  hint="fix the claim (in the answer and in the check)",
                                  at=rec.value_pos("checks", o.index, "sympy"))
