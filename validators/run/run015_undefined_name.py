"""RUN015 undefined-name."""

from collections.abc import Iterator

from qbank.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import results_for


@rule("RUN015", "undefined-name", scope="bank")
def undefined_name(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A runnable fence that does not parse (RUN001) also uses names that neither it nor the
    record's `setup` defines; found statically with pyflakes.

    Why: code pasted from a web page fails twice: first on its typographic quotes, then, once
    those are fixed, on the `model` or `X_train` it never defined. Both are reported at once,
    so the author fixes the fence in one pass. A fence that parses is simply run, and a
    NameError is then RUN003.

    Example:
    ~~~yaml
    # file: bank/keras/evaluate-model.yaml
    id: evaluate-model
    title: Evaluating a Keras model
    topic: keras
    type: code
    difficulty: easy
    tags: [keras]
    question: How do you evaluate a Keras model?
    answer: |
      ```python
      loss, accuracy = model.evaluate(X_test, y_test)
      print(f”Test Accuracy: {accuracy}”)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/evaluate-model.yaml
    id: evaluate-model
    title: Evaluating a Keras model
    topic: keras
    type: code
    difficulty: easy
    tags: [keras]
    question: How do you evaluate a Keras model?
    answer: |
      ```python fragment
      loss, accuracy = model.evaluate(X_test, y_test)
      print(f"Test Accuracy: {accuracy}")
      ```
    ~~~
    """
    yield from results_for(ctx, "RUN015")
