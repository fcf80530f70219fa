"""RUN012 legacy-save-format."""

import re
from collections.abc import Iterator

from qbank.core.issues import Issue
from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import analysis, severity_of


def wording(issue: Issue) -> tuple[str, str]:
    """The message and hint of a RUN012 issue: weights to a path Keras 3 refuses, a model in
    the legacy HDF5 format, or a model to a path Keras 3 refuses."""
    f = issue.facts
    path = f["path"]  # None: not a literal
    call = f"`{f['call']}({'..., ' if f['after_args'] else ''}" \
        + (f"{path!r})`" if path is not None else "...)`")

    def to(ext: str) -> str:
        if path is None:
            return f"end the path in `{ext}`"
        stem = re.sub(r"(\.weights)?(\.(keras|h5|hdf5))?/*$", "", path, flags=re.IGNORECASE)
        return f"save to `{stem}{ext}`"

    if f["kind"] == "weights":
        return (f"{call} saves weights: Keras 3 writes them only to a path ending in "
                "`.weights.h5` and raises on any other", to(".weights.h5"))
    if f["kind"] == "legacy":
        return (f"{call} saves the whole model in the legacy HDF5 format "
                "(Keras 3 warns that it is legacy)",
                to(".keras") + " (the native Keras 3 format)"
                + (", or pass `save_weights_only=True` and end the path in "
                   "`.weights.h5`" if f["weights_option"] else ""))
    accepts = f["accepts"]
    exts = ", ".join(f"`{e}`" for e in accepts[:-1]) + f" or `{accepts[-1]}`"
    return (f"{call}: Keras 3 saves a model only to a path ending in {exts} "
            "and raises on any other",
            to(".keras") + (f", or use `{f['owner']}.export({path!r})` for a TensorFlow "
                            "SavedModel" if f["export"] else ""))


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
    for fr, issue in analysis(ctx).static("RUN012"):
        message, hint = wording(issue)
        yield fr.rec, Result(message, hint=hint, at=fr.at(issue), severity=severity_of(issue))
