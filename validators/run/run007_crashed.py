"""RUN007 crashed."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import results_for


@rule("RUN007", "crashed", scope="bank")
def crashed(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """The interpreter dies while running a python fence (a signal, `os._exit`, the memory limit).

    Why: a snippet that kills Python (a segfault in native code, `os._exit`, a memory bomb,
    a fork bomb) cannot be what an answer means to show. The sandbox contains it and reports
    how it ended.

    Example:
    ~~~yaml
    # file: bank/keras/exit-a-script.yaml
    id: exit-a-script
    title: Ending a script
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How does a training script end?
    answer: |
      ```python
      import os
      print("training done")
      os._exit(1)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/exit-a-script.yaml
    id: exit-a-script
    title: Ending a script
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How does a training script end?
    answer: |
      ```python
      print("training done")
      ```
    ~~~
    """
    yield from results_for(ctx, "RUN007")
