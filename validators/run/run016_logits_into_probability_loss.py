"""RUN016 logits-into-probability-loss."""

from collections.abc import Iterator

from qbank.core.issues import Issue
from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import analysis, severity_of


def wording(issue: Issue) -> tuple[str, str]:
    """The message and hint of a RUN016 issue: the model, its output, the loss."""
    f = issue.facts
    name, out = f["model"], f["output"]
    what = (f"`{name}` ends in `{out}`, a layer without activation, so it outputs "
            "logits" if f["layer"] else f"`{name}` is a `{out}`, which outputs logits")
    given = f"`loss={f['loss']}`" + (f" (`{f['loss_is']}`)" if f["loss_is"] is not None
                                     else "")
    flag = "its default `from_logits=False`" if f["default"] else "`from_logits=False`"
    act = f["ends_with"]
    hint = (f"pass `from_logits=True`: `loss=keras.losses.{f['class']}"
            "(from_logits=True)`" + (f"; or end the model with a {act} "
                                     f"(`activation=\"{act}\"` on its last layer)"
                                     if f["layer"] else ""))
    return (f"{what}, but {given} reads its input as probabilities ({flag}): training "
            "silently minimises the wrong loss", hint)


@rule("RUN016", "logits-into-probability-loss", scope="bank")
def logits_into_probability_loss(bank: Bank,
                                 ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A model that outputs logits is compiled with a cross-entropy loss that expects
    probabilities.

    Why: Keras' cross-entropies (`loss="sparse_categorical_crossentropy"`,
    `"categorical_crossentropy"`, `"binary_crossentropy"`, and their classes and functions
    such as `keras.losses.SparseCategoricalCrossentropy()`) default to `from_logits=False`:
    they read the model's output as probabilities. A model whose last layer has no activation
    (`Dense(10)`), or a Hugging Face `...ForSequenceClassification` model, outputs logits;
    training then raises nothing and silently minimises a different, wrong loss. Found
    statically in the fence (after the record's `setup`): a `Sequential` list or `.add`
    sequence, or a functional `Model(inputs, outputs)`, whose last layer has no activation
    (no `Activation("softmax")`/`Softmax()` after it), or a class known to output logits,
    then `compile(loss=...)` with such a loss without `from_logits=True`. What outputs logits
    and which losses expect probabilities is data: `validators/run/logits.yaml`.

    Example:
    ~~~yaml
    # file: bank/keras/digit-classifier.yaml
    id: digit-classifier
    title: A digit classifier
    topic: keras
    type: code
    difficulty: easy
    tags: [keras]
    question: How do you build and compile a classifier for the ten digits?
    answer: |
      ```python fragment
      from tensorflow import keras
      model = keras.Sequential([
          keras.layers.Flatten(),
          keras.layers.Dense(128, activation="relu"),
          keras.layers.Dense(10),
      ])
      model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
      ```
    # file: bank/keras/spam-classifier.yaml
    id: spam-classifier
    title: A spam classifier
    topic: keras
    type: code
    difficulty: easy
    tags: [keras]
    question: How do you build a binary classifier with the functional API?
    answer: |
      ```python fragment
      import keras
      inputs = keras.Input((20,))
      x = keras.layers.Dense(16, activation="relu")(inputs)
      outputs = keras.layers.Dense(1)(x)
      model = keras.Model(inputs, outputs)
      model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy())
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/digit-classifier.yaml
    id: digit-classifier
    title: A digit classifier
    topic: keras
    type: code
    difficulty: easy
    tags: [keras]
    question: How do you build and compile a classifier for the ten digits?
    answer: |
      ```python fragment
      from tensorflow import keras
      model = keras.Sequential([
          keras.layers.Flatten(),
          keras.layers.Dense(128, activation="relu"),
          keras.layers.Dense(10, activation="softmax"),
      ])
      model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
      ```
    # file: bank/keras/spam-classifier.yaml
    id: spam-classifier
    title: A spam classifier
    topic: keras
    type: code
    difficulty: easy
    tags: [keras]
    question: How do you build a binary classifier with the functional API?
    answer: |
      ```python fragment
      import keras
      inputs = keras.Input((20,))
      x = keras.layers.Dense(16, activation="relu")(inputs)
      outputs = keras.layers.Dense(1)(x)
      model = keras.Model(inputs, outputs)
      model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
      ```
    ~~~
    """
    for fr, issue in analysis(ctx).static("RUN016"):
        message, hint = wording(issue)
        yield fr.rec, Result(message, hint=hint, at=fr.at(issue), severity=severity_of(issue))
