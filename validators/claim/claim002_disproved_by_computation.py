"""CLAIM002 disproved-by-computation."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.claim.scan import computations

_WHAT = {"range": "output range of", "params": "trainable parameters of",
         "invariance": "invariance of"}


@rule("CLAIM002", "disproved-by-computation", scope="bank")
def disproved_by_computation(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """An answer states something TensorFlow disproves: an activation's output range, whether a
    layer has trainable parameters, or whether a function is shift- or scale-invariant.

    Why: such statements can be settled by running the real function instead of trusting the
    text. Statements are recognised with patterns declared in
    `validators/claim/computable.yaml` ("tanh outputs values between 0 and 1", "batch
    normalization has no trainable parameters", "softmax is scale invariant") and checked by
    evaluating the pinned TensorFlow/Keras in a child process, started at most once per run and
    only when a statement's fact is not already cached.

    Example:
    ~~~yaml
    # file: bank/activations/tanh-range.yaml
    id: tanh-range
    title: The range of tanh
    topic: activations
    type: open
    difficulty: easy
    tags: [tanh]
    question: What is the output range of tanh?
    answer: |
      The tanh function outputs values between 0 and 1, like the sigmoid.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/activations/tanh-range.yaml
    id: tanh-range
    title: The range of tanh
    topic: activations
    type: open
    difficulty: easy
    tags: [tanh]
    question: What is the output range of tanh?
    answer: |
      The tanh function outputs values between -1 and 1, and it is zero-centred.
    ~~~
    """
    for loc, v in computations(ctx):
        if v.true is not False:
            continue
        st = v.statement
        yield loc.rec, Result(
            f'disproved by computation: "{st.text}" — TensorFlow: {v.actual}',
            hint=f"correct the {_WHAT[st.kind]} {st.subject} (evaluated with the pinned "
                 f"TensorFlow/Keras; see validators/claim/computable.yaml)",
            at=loc.pos)
