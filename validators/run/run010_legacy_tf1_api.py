"""RUN010 legacy-tf1-api."""

from collections.abc import Iterator

from qbank.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import results_for


@rule("RUN010", "legacy-tf1-api", scope="bank")
def legacy_tf1_api(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """The code uses a TensorFlow 1 API; the finding names its TensorFlow 2 replacement.

    Why: sessions, placeholders, `tf.contrib` and the TF1 optimizers were removed from
    TensorFlow 2 (or survive only under `tf.compat.v1`); code using them fails or teaches a
    style nobody writes any more. The catalog of replacements is data:
    `validators/run/tf1.yaml`.

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
    ~~~
    """
    yield from results_for(ctx, "RUN010")
