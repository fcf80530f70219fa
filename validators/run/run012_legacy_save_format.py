"""RUN012 legacy-save-format."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import results_for


@rule("RUN012", "legacy-save-format", scope="bank")
def legacy_save_format(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A Keras model saved in a format Keras 3 dropped (a path without `.keras`: the old
    SavedModel directory) or keeps only as legacy (`.h5` HDF5), or weights saved to a path
    that does not end in `.weights.h5`.

    Why: Keras 3 saves a whole model to a `.keras` file. `model.save("my_model")` raises
    `ValueError` (to write a TensorFlow SavedModel, use `model.export(path)`);
    `model.save("model.h5")`, `keras.saving.save_model(model, "model.h5")` and
    `ModelCheckpoint("best.h5")` still write the legacy HDF5 format, with a warning (a
    warning here too); weights (`save_weights`, `ModelCheckpoint(save_weights_only=True)`) go
    only to a `.weights.h5` path, anything else raises. The saving calls and where their path
    argument is are data: `validators/run/saving.yaml`. Checked statically, in fragments too.

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
    # file: bank/keras/keep-the-best-model.yaml
    id: keep-the-best-model
    title: Keeping the best model during training
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you keep the best model seen during training?
    answer: |
      ```python fragment
      from tensorflow.keras.callbacks import ModelCheckpoint
      checkpoint = ModelCheckpoint("best_model.h5", save_best_only=True)
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
    # file: bank/keras/keep-the-best-model.yaml
    id: keep-the-best-model
    title: Keeping the best model during training
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you keep the best model seen during training?
    answer: |
      ```python fragment
      import keras
      checkpoint = keras.callbacks.ModelCheckpoint("best_model.keras", save_best_only=True)
      weights = keras.callbacks.ModelCheckpoint("best.weights.h5", save_best_only=True,
                                                save_weights_only=True)
      ```
    ~~~
    """
    yield from results_for(ctx, "RUN012")
