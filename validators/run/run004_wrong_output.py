"""RUN004 wrong-output."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import results_for


@rule("RUN004", "wrong-output", scope="bank")
def wrong_output(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A python fence prints something else than its ```output fence.

    Why: the expected output is part of the answer, and readers compare it with what they
    get. Whitespace is normalized and numbers are compared at the precision the expected
    output prints them (`0.12` matches `0.1234`), so only real differences are reported. Runs
    are seeded and deterministic.

    Example:
    ~~~yaml
    # file: bank/keras/integer-division.yaml
    id: integer-division
    title: Integer division
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: What does `7 // 2` evaluate to?
    answer: |
      ```python
      print(7 // 2)
      ```

      ```output
      3.5
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/integer-division.yaml
    id: integer-division
    title: Integer division
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: What does `7 // 2` evaluate to?
    answer: |
      ```python
      print(7 // 2)
      ```

      ```output
      3
      ```
    ~~~
    """
    yield from results_for(ctx, "RUN004")
