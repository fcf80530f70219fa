"""RUN009 bad-keyword-argument."""

from collections.abc import Iterator

from qbank.core.issues import Issue
from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import analysis, severity_of


def wording(issue: Issue) -> tuple[str, str]:
    """The message and hint of a RUN009 issue."""
    f = issue.facts
    callee, renamed, near, params = f["callee"], f["renamed"], f["near"], f["params"]
    leaf = callee.rsplit(".", 1)[-1]
    hint = ((f"use {renamed}" if renamed.startswith("`") else renamed) if renamed else
            f"did you mean `{near}=`?" if near else
            f"`{leaf}` accepts: " + ", ".join(f"`{p}`" for p in params)[:300] if params else
            f"`{leaf}` takes no keyword arguments")
    return (f"`{callee}` has no keyword argument `{f['keyword']}` in the pinned version "
            f"(TensorFlow {f['tensorflow']}, Keras {f['keras']})", hint)


@rule("RUN009", "bad-keyword-argument", scope="bank")
def bad_keyword_argument(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A TensorFlow/Keras call passes a keyword argument that its signature does not have.

    Why: Keras renamed many arguments (`nb_epoch` → `epochs`, `lr` → `learning_rate`,
    `stride` → `strides`) and some never existed where answers put them (`label_smoothing` in
    `compile`). The pinned version raises on them. Keyword arguments are bound to the real
    signatures of the pinned version, in fragments too (`model.fit(...)` is checked against
    `keras.Model.fit`).

    Example:
    ~~~yaml
    # file: bank/keras/strided-convolution.yaml
    id: strided-convolution
    title: A strided convolution
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you halve the resolution with a convolution?
    answer: |
      ```python fragment
      from tensorflow.keras import layers
      x = layers.Conv2D(16, 3, stride=2, padding="same")(inputs)
      model.fit(X, y, nb_epoch=3)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/strided-convolution.yaml
    id: strided-convolution
    title: A strided convolution
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you halve the resolution with a convolution?
    answer: |
      ```python fragment
      from tensorflow.keras import layers
      x = layers.Conv2D(16, 3, strides=2, padding="same")(inputs)
      model.fit(X, y, epochs=3)
      ```
    ~~~
    """
    for fr, issue in analysis(ctx).static("RUN009"):
        message, hint = wording(issue)
        yield fr.rec, Result(message, hint=hint, at=fr.at(issue), severity=severity_of(issue))
