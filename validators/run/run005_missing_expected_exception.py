"""RUN005 missing-expected-exception."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import analysis, in_setup, short


@rule("RUN005", "missing-expected-exception", scope="bank")
def missing_expected_exception(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A fence marked `raises=...` runs without raising it.

    Why: `python raises=ValueError` states that the code fails, usually to show a common
    mistake. If it runs cleanly, or raises something else, the answer describes behaviour the
    pinned version does not have.

    Example:
    ~~~yaml
    # file: bank/keras/shape-mismatch-error.yaml
    id: shape-mismatch-error
    title: Adding tensors of different shapes
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: What happens when you add tensors of shapes (2, 3) and (3,)?
    answer: |
      ```python raises=ValueError
      import numpy as np
      print(np.ones((2, 3)) + np.ones(3))
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/shape-mismatch-error.yaml
    id: shape-mismatch-error
    title: Adding tensors of different shapes
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: What happens when you add tensors of shapes (2, 3) and (2,)?
    answer: |
      ```python raises=ValueError
      import numpy as np
      print(np.ones((2, 3)) + np.ones(2))
      ```
    ~~~
    """
    for fr in analysis(ctx).runs:
        res, expected = fr.result, fr.fence.raises
        if res is None or not fr.wrong_raise:
            continue
        if res.status == "ok":
            yield fr.rec, Result(
                f"the fence is marked `raises={expected}` but ran without raising",
                hint="make the code raise what it says, or drop `raises=` from the fence",
                at=fr.fence.opening_pos(fr.rec))
        else:
            yield fr.rec, Result(
                f"expected {expected}, but the code raised {res.exc_type}"
                f"{in_setup(res.where)}: {short(res.message)}",
                hint=f"make the code raise {expected}, or change the fence to "
                     f"`python raises={res.exc_type}`", at=fr.pos(res.where, res.line))
