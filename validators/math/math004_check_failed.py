"""MATH004 check-failed."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.math import check_run


@rule("MATH004", "check-failed", scope="bank")
def check_failed(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A `python` check does not produce its `expect` value within its `tolerance`.

    Why: `checks` state, in a form a machine can verify, the results an answer computes in
    prose (the softmax values, a pooled matrix, a perceptron's outputs). The expression runs in
    the sandbox with `np`, `tf`, `keras` and `sympy` imported, after the record's `setup`; its
    value (tensors and arrays as lists) is compared with `expect` elementwise, within
    `tolerance` (absolute, default 1e-9). Results are cached by content, so a bank whose checks
    did not change is checked without running anything.

    Example:
    ~~~yaml
    # file: bank/activations/softmax-example.yaml
    id: softmax-example
    title: Softmax of a small vector
    topic: activations
    type: open
    difficulty: easy
    tags: [softmax]
    question: What is the softmax of [1, 2, 3, 4, 1, 2, 3]?
    answer: |
      About [0.024, 0.064, 0.175, 0.475, 0.024, 0.064, 0.175]: most of the weight goes where
      the 4 was.
    checks:
      - name: softmax of [1, 2, 3, 4, 1, 2, 3]
        python: "np.round(tf.nn.softmax([1., 2., 3., 4., 1., 2., 3.]).numpy(), 3).tolist()"
        expect: [0.024, 0.064, 0.175, 0.575, 0.024, 0.064, 0.175]
        tolerance: 0.001
    ~~~

    Instead:
    ~~~yaml
    # file: bank/activations/softmax-example.yaml
    id: softmax-example
    title: Softmax of a small vector
    topic: activations
    type: open
    difficulty: easy
    tags: [softmax]
    question: What is the softmax of [1, 2, 3, 4, 1, 2, 3]?
    answer: |
      About [0.024, 0.064, 0.175, 0.475, 0.024, 0.064, 0.175]: most of the weight goes where
      the 4 was.
    checks:
      - name: softmax of [1, 2, 3, 4, 1, 2, 3]
        python: "np.round(tf.nn.softmax([1., 2., 3., 4., 1., 2., 3.]).numpy(), 3).tolist()"
        expect: [0.024, 0.064, 0.175, 0.475, 0.024, 0.064, 0.175]
        tolerance: 0.001
    ~~~
    """
    run = check_run(ctx)
    for rec in ctx.target_records():
        for o in run.outcomes.get(rec.path, []):
            if o.kind == "python" and o.status == "failed":
                yield rec, Result(f"check `{o.name}` {o.message}",
                                  hint="fix the computed claim (in the answer and in `expect`), "
                                       "or the expression",
                                  at=rec.value_pos("checks", o.index, "expect"))
