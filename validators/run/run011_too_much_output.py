"""RUN011 too-much-output."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import analysis


@rule("RUN011", "too-much-output", scope="bank")
def too_much_output(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A python fence prints more than the output limit (1 MiB).

    Why: an answer's code should print what the reader needs to see (shapes, a few values).
    Megabytes of output are a mistake (a whole array, an endless loop, a progress bar), and the
    sandbox stops them.

    Example:
    ~~~yaml
    # file: bank/keras/inspect-an-array.yaml
    id: inspect-an-array
    title: Inspecting a large array
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you look at a large array?
    answer: |
      ```python
      values = [0.0] * 2_000_000
      print(values)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/inspect-an-array.yaml
    id: inspect-an-array
    title: Inspecting a large array
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you look at a large array?
    answer: |
      ```python
      import numpy as np
      a = np.zeros(2_000_000)
      print(a.shape, a[:3])
      ```
    ~~~
    """
    for fr in analysis(ctx).runs:
        if fr.result is not None and fr.result.status == "output-limit":
            yield fr.rec, Result(
                f"the code printed too much: {fr.result.message}",
                hint="print a summary (shapes, a few values), not whole arrays or endless "
                     "loops; pass `verbose=0` to `fit`", at=fr.fence.opening_pos(fr.rec))
