"""RUN008 tf-warning."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import results_for


@rule("RUN008", "tf-warning", scope="bank", severity="warning")
def tf_warning(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """TensorFlow or Keras warns about the code when it runs (a deprecated or ignored argument).

    Why: a warning from the pinned version (`input_shape` passed to a layer, `input_length`
    on `Embedding`, deprecated arguments) means the code is written for an older API, and
    readers copy the warning along with the code. Fragments are checked statically for the
    best-known cases.

    Example:
    ~~~yaml
    # file: bank/keras/sequential-input-shape.yaml
    id: sequential-input-shape
    title: Input shape of a Sequential model
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you give a Sequential model its input shape?
    answer: |
      ```python
      import keras
      model = keras.Sequential([keras.layers.Dense(4, input_shape=(3,))])
      print(model.output_shape)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/sequential-input-shape.yaml
    id: sequential-input-shape
    title: Input shape of a Sequential model
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you give a Sequential model its input shape?
    answer: |
      ```python
      import keras
      model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(4)])
      print(model.output_shape)
      ```
    ~~~
    """
    yield from results_for(ctx, "RUN008")
