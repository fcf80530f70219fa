"""RUN015 undefined-name."""

from collections.abc import Iterator

from qbank.core.issues import Issue
from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import analysis, severity_of


def wording(issue: Issue) -> tuple[str, str]:
    """The message and hint of a RUN015 issue."""
    return (f"`{issue.fact('name')}` is used but never defined: once the code parses, it will "
            "raise NameError",
            "define or import it in the fence, put shared code in the record's "
            "`setup`, or mark the fence `python fragment`")


@rule("RUN015", "undefined-name", scope="bank")
def undefined_name(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A runnable fence that does not parse (RUN001) also uses names that neither it nor the
    record's `setup` defines; found statically with pyflakes.

    Why: code pasted from a web page fails twice: first on its typographic quotes, dashes and
    ellipses or its lost indentation, then, once those are fixed, on the `model` or `X_train`
    it never defined. Both are reported at once, so the author fixes the fence in one pass:
    the names are looked up in the code read as its author meant it (quotes straightened, a
    `…` standing for omitted arguments dropped, flattened blocks indented again). A fence
    that parses is simply run, and a NameError is then RUN003.

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
    # file: bank/keras/fine-tune-top-layers.yaml
    id: fine-tune-top-layers
    title: Fine-tuning the top layers
    topic: keras
    type: code
    difficulty: easy
    tags: [keras]
    question: How do you unfreeze the last layers of a pre-trained model?
    answer: |
      ```python
      for layer in model.layers[-5:]:
      layer.trainable = True
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
    # file: bank/keras/fine-tune-top-layers.yaml
    id: fine-tune-top-layers
    title: Fine-tuning the top layers
    topic: keras
    type: code
    difficulty: easy
    tags: [keras]
    question: How do you unfreeze the last layers of a pre-trained model?
    answer: |
      ```python
      import keras
      model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8), keras.layers.Dense(2)])
      for layer in model.layers[-1:]:
          layer.trainable = True
      ```
    ~~~
    """
    for fr, issue in analysis(ctx).static("RUN015"):
        message, hint = wording(issue)
        yield fr.rec, Result(message, hint=hint, at=fr.at(issue), severity=severity_of(issue))
