"""RUN002 unknown-api."""

from collections.abc import Iterator

from qbank.core.issues import Issue
from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import analysis, severity_of


def wording(issue: Issue) -> tuple[str, str]:
    """The message and hint of a RUN002 issue: an unknown name, a removed third-party name or
    a removed `Model` method."""
    f = issue.facts
    if f["kind"] == "removed":
        return f"`{f['name']}` does not exist any more: {f['removed']}", f"use {f['use']}"
    if f["kind"] == "method":
        return f"`Model.{f['method']}` does not exist in Keras 3", f"use {f['use']}"
    name, near = f["name"], f["near"]
    return (f"`{name}` does not exist in the pinned TensorFlow/Keras "
            f"(TensorFlow {f['tensorflow']}, Keras {f['keras']})",
            f"did you mean `{near}`?" if near else
            f"see what `{name.rsplit('.', 1)[0]}` offers in the pinned version's API docs")


@rule("RUN002", "unknown-api", scope="bank")
def unknown_api(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A `tf.` or `keras.` name that does not exist in the pinned TensorFlow/Keras, or a
    third-party name that its library removed (`TFBertForSequenceClassification`).

    Why: APIs move and disappear between versions (`keras.layers.merge`, `tf.keras.wrappers`),
    and a misspelt name (`tf.nn.relux`) fails as soon as a reader runs the code. Names are
    resolved through the fence's imports (`from tensorflow.keras import layers`) against an
    index of the pinned version's public API; fragments are checked too. Names that other
    libraries removed (Hugging Face Transformers 5 dropped its `TF...` classes) are data:
    `validators/run/removed.yaml`.

    Example:
    ~~~yaml
    # file: bank/keras/relu-in-tensorflow.yaml
    id: relu-in-tensorflow
    title: ReLU in TensorFlow
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you apply a ReLU to a tensor?
    answer: |
      ```python fragment
      y = tf.nn.relux(x)
      ```
    # file: bank/transformers/fine-tune-bert.yaml
    id: fine-tune-bert
    title: Fine-tuning BERT
    topic: transformers
    type: open
    difficulty: medium
    tags: [bert]
    question: How do you load BERT for sequence classification?
    answer: |
      ```python fragment
      from transformers import TFBertForSequenceClassification
      model = TFBertForSequenceClassification.from_pretrained("bert-base-uncased")
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/relu-in-tensorflow.yaml
    id: relu-in-tensorflow
    title: ReLU in TensorFlow
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you apply a ReLU to a tensor?
    answer: |
      ```python fragment
      y = tf.nn.relu(x)
      ```
    # file: bank/transformers/fine-tune-bert.yaml
    id: fine-tune-bert
    title: Fine-tuning BERT
    topic: transformers
    type: open
    difficulty: medium
    tags: [bert]
    question: How do you load BERT for sequence classification?
    answer: |
      ```python fragment
      from transformers import BertForSequenceClassification
      model = BertForSequenceClassification.from_pretrained("bert-base-uncased")
      ```
    ~~~
    """
    for fr, issue in analysis(ctx).static("RUN002"):
        message, hint = wording(issue)
        yield fr.rec, Result(message, hint=hint, at=fr.at(issue), severity=severity_of(issue))
