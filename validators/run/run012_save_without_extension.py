"""RUN012 save-without-extension."""

from collections.abc import Iterator

from qbank.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import results_for


@rule("RUN012", "save-without-extension", scope="bank")
def save_without_extension(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """`model.save(path)` with a path that Keras 3 does not accept (no `.keras` or `.h5` extension).

    Why: Keras 3 saves a model only to a `.keras` file (or a legacy `.h5`); `model.save("my_model")`
    raises `ValueError`. To write a TensorFlow SavedModel directory, use `model.export(path)`.
    Checked statically, in fragments too.

    Example:
    ~~~yaml
    # file: bank/keras/save-a-model.yaml
    id: save-a-model
    title: Saving a Keras model
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you save a trained Keras model?
    answer: |
      ```python fragment
      model.save("my_model")
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/save-a-model.yaml
    id: save-a-model
    title: Saving a Keras model
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you save a trained Keras model?
    answer: |
      ```python fragment
      model.save("my_model.keras")
      ```
    ~~~
    """
    yield from results_for(ctx, "RUN012")
