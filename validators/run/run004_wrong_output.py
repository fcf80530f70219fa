"""RUN004 wrong-output."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import analysis


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
    for fr in analysis(ctx).runs:
        if fr.output_diff is not None and fr.expected is not None:
            yield fr.rec, Result(
                f"the code's output differs from the ```output fence: {fr.output_diff}",
                hint="update the expected output to what the pinned TensorFlow/Keras prints "
                     "(seeded, deterministic), or fix the code",
                at=fr.expected.opening_pos(fr.rec))
