"""MATH005 check-error."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.math import check_run


@rule("MATH005", "check-error", scope="bank")
def check_error(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A check cannot be evaluated: its expression (or the record's `setup`) raises, times out,
    or, for a `sympy` check, is not a plain SymPy expression.

    Why: a check that errors proves nothing, so the claim it guards is unchecked. `python`
    checks run in the sandbox after the record's `setup`, with `np`, `tf`, `keras` and `sympy`
    imported; `sympy` checks are read by a restricted parser (numbers, arithmetic, comparisons,
    SymPy functions: no attributes, subscripts or strings) and get 5 seconds.

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
      The output is 3 (2*4 + 3*5 + 4*6) = 3 (8 + 15 + 24) = 3 * 47 = 141.
    checks:
      - name: weighted sum, times 3
        python: "float(3 * np.dot([2, 3, 4], [4, 5]))"
        expect: 141
      - name: the same with sympy
        sympy: "Eq(3 * (2*4 + 3*5 + 4*6), __import__('os'))"
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
    checks:
      - name: weighted sum, times 3
        python: "float(3 * np.dot([2, 3, 4], [4, 5, 6]))"
        expect: 141
      - name: the same with sympy
        sympy: "Eq(3 * (2*4 + 3*5 + 4*6), 141)"
    ~~~
    """
    run = check_run(ctx)
    for rec in ctx.target_records():
        for o in run.outcomes.get(rec.path, []):
            if o.status != "error":
                continue
            at = rec.pos("setup") if o.in_setup else rec.value_pos("checks", o.index, o.where)
            yield rec, Result(f"check `{o.name}` {o.message}",
                              hint="make the expression evaluate (it runs after `setup`, with "
                                   "np, tf, keras and sympy imported)" if o.kind == "python"
                              else "write a SymPy relation such as Eq(3*47, 141)",
                              at=at)
