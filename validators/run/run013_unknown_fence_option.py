"""RUN013 unknown-fence-option."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import results_for


@rule("RUN013", "unknown-fence-option", scope="bank")
def unknown_fence_option(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A word after ```python that qbank does not know, or a `timeout=` that is not seconds.

    Why: the options say how a fence is checked: `fragment` (static checks only),
    `raises=ErrorName` (must raise it), `timeout=SECONDS` (a longer limit). A typo
    (`raise=ValueError`, `fragement`) is silently something else: the fence then runs without
    what its author meant, and fails for a reason that is hard to see.

    Example:
    ~~~yaml
    # file: bank/keras/bad-reshape.yaml
    id: bad-reshape
    title: Reshaping to an impossible shape
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: What happens when a reshape does not preserve the number of elements?
    answer: |
      ```python raise=ValueError
      import numpy as np
      np.zeros(6).reshape(4, 2)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/bad-reshape.yaml
    id: bad-reshape
    title: Reshaping to an impossible shape
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: What happens when a reshape does not preserve the number of elements?
    answer: |
      ```python raises=ValueError
      import numpy as np
      np.zeros(6).reshape(4, 2)
      ```
    ~~~
    """
    yield from results_for(ctx, "RUN013")
