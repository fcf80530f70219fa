"""RUN005 missing-expected-exception."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import results_for


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
    yield from results_for(ctx, "RUN005")
