"""MATH003 numeric-key-mismatch."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


@rule("MATH003", "numeric-key-mismatch")
def numeric_key_mismatch(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """The number a `numeric` record's answer arrives at is not its `numeric.value`.

    Why: a numeric question is graded against `numeric.value` (± `tolerance`), while readers
    see the answer's working: when the two disagree, either the key or the explanation is
    wrong, and students are marked wrong for the right number. The answer's final number is its
    last **bold** number, else the last number of its last equality chain; it matches when it
    is within `tolerance` of the key, or is the key rounded to the precision written.

    Example:
    ~~~yaml
    # file: bank/fundamentals/neuron-output.yaml
    id: neuron-output
    title: Output of a neuron with a linear activation
    topic: fundamentals
    type: numeric
    difficulty: easy
    tags: [neuron]
    question: |
      Inputs (2, 3, 4), weights (4, 5, 6), no bias, activation f(z) = 3z. What is the output?
    answer: |
      The output is 3 (2*4 + 3*5 + 4*6) = 3 (8 + 15 + 24) = 3 * 47 = 141.
    numeric:
      value: 47
      tolerance: 0
    ~~~

    Instead:
    ~~~yaml
    # file: bank/fundamentals/neuron-output.yaml
    id: neuron-output
    title: Output of a neuron with a linear activation
    topic: fundamentals
    type: numeric
    difficulty: easy
    tags: [neuron]
    question: |
      Inputs (2, 3, 4), weights (4, 5, 6), no bias, activation f(z) = 3z. What is the output?
    answer: |
      The output is 3 (2*4 + 3*5 + 4*6) = 3 (8 + 15 + 24) = 3 * 47 = 141.
    numeric:
      value: 141
      tolerance: 0
    ~~~
    """
    if rec.field("type") != "numeric":
        return
    num = rec.field("numeric")
    answer = rec.field("answer")
    if not isinstance(num, dict) or not isinstance(answer, str):
        return
    value, tol = num.get("value"), num.get("tolerance", 0) or 0
    if isinstance(value, bool) or not isinstance(value, (int, float)) or \
            not isinstance(tol, (int, float)):
        return
    from qbank.core.cache import Cache
    from validators.math import engine_digest

    cache = ctx.memo("math.key-cache", lambda: Cache.for_config(ctx.config, "math-key", 1))
    key = cache.key({"engine": engine_digest(), "answer": answer, "value": value, "tol": tol})
    verdict = cache.get(key)
    if not isinstance(verdict, dict):  # SymPy is imported only for an answer not seen before
        from validators.math.final_number import verdict as compute_verdict

        verdict = compute_verdict(answer, value, tol)
        cache.put(key, verdict)
    if verdict.get("text") is not None:
        yield Result(f"the answer arrives at {verdict['text']}, but `numeric.value` is {value}"
                     + (f" (± {tol})" if tol else ""),
                     hint="correct whichever is wrong: the key or the answer's working",
                     at=rec.text_pos(("answer",), int(verdict["offset"])))
