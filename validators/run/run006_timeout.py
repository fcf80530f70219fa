"""RUN006 timeout."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import analysis, fence_timeout


@rule("RUN006", "timeout", scope="bank")
def timeout(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A python fence does not finish within its time limit.

    Why: answers are run on every validation; code that takes minutes (or never ends) blocks
    everyone. The default limit is 30 s of wall time; a fence can ask for more with
    ```` ```python timeout=60 ````.

    Example:
    ~~~yaml
    # file: bank/keras/waiting-for-a-result.yaml
    id: waiting-for-a-result
    title: Sleeping in Python
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you pause a Python program?
    answer: |
      ```python timeout=1
      import time
      time.sleep(5)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/waiting-for-a-result.yaml
    id: waiting-for-a-result
    title: Sleeping in Python
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you pause a Python program?
    answer: |
      ```python timeout=5
      import time
      time.sleep(0.1)
      ```
    ~~~
    """
    for fr in analysis(ctx).runs:
        if fr.result is not None and fr.result.status == "timeout":
            yield fr.rec, Result(
                f"the code did not finish within {fence_timeout(fr.fence):g} s",
                hint="make it faster (fewer epochs, smaller data); if it must be slow, allow "
                     "more with `python timeout=60`", at=fr.fence.opening_pos(fr.rec))
