"""RUN010 legacy-tf1-api."""

from collections.abc import Iterator

from qbank.core.issues import Issue
from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import analysis, severity_of


def wording(issue: Issue) -> tuple[str, str]:
    """The message and hint of a RUN010 issue (the catalog's `what`, else by severity)."""
    what = issue.fact("what") or ("a TensorFlow 1 API" + (
        " (removed in TensorFlow 2)" if issue.severity != "warning"
        else " (kept only under `tf.compat.v1`)"))
    return f"`{issue.fact('name')}` is {what}", f"use {issue.fact('use')}"


@rule("RUN010", "legacy-tf1-api", scope="bank")
def legacy_tf1_api(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """The code uses a TensorFlow 1 API (or a legacy Keras 2 one); the finding names its
    replacement.

    Why: sessions, placeholders, `tf.contrib` and the TF1 optimizers were removed from
    TensorFlow 2 (or survive only under `tf.compat.v1`); code using them fails or teaches a
    style nobody writes any more. The same goes for Keras 2 APIs that Keras 3 dropped or keeps
    only as legacy: the backend functions (`K.mean`, `K.square` after `from keras import
    backend as K`) are gone from `keras.backend` (an error) and survive only in
    `tf.keras.backend` (a warning); Keras 3 has `keras.ops`. The catalogs of replacements are
    data: `validators/run/tf1.yaml` and `validators/run/keras_backend.yaml`.

    Example:
    ~~~yaml
    # file: bank/keras/run-a-computation.yaml
    id: run-a-computation
    title: Running a computation
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you evaluate a TensorFlow expression?
    answer: |
      ```python fragment
      import tensorflow as tf
      sess = tf.Session()
      print(sess.run(tf.add(1, 2)))
      ```
    # file: bank/keras/custom-loss.yaml
    id: custom-loss
    title: A custom loss in Keras
    topic: keras
    type: open
    difficulty: medium
    tags: [keras]
    question: How do you define a custom loss function in Keras?
    answer: |
      ```python fragment
      from tensorflow.keras import backend as K
      def mse(y_true, y_pred):
          return K.mean(K.square(y_true - y_pred), axis=-1)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/run-a-computation.yaml
    id: run-a-computation
    title: Running a computation
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you evaluate a TensorFlow expression?
    answer: |
      ```python fragment
      import tensorflow as tf
      print(tf.add(1, 2).numpy())
      ```
    # file: bank/keras/custom-loss.yaml
    id: custom-loss
    title: A custom loss in Keras
    topic: keras
    type: open
    difficulty: medium
    tags: [keras]
    question: How do you define a custom loss function in Keras?
    answer: |
      ```python fragment
      import keras
      def mse(y_true, y_pred):
          return keras.ops.mean(keras.ops.square(y_true - y_pred), axis=-1)
      ```
    ~~~
    """
    for fr, issue in analysis(ctx).static("RUN010"):
        message, hint = wording(issue)
        yield fr.rec, Result(message, hint=hint, at=fr.at(issue), severity=severity_of(issue))
