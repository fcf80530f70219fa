"""SCH017 code-type-without-code."""

from collections.abc import Iterator

from qbank.core.fences import record_fences
from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


@rule("SCH017", "code-type-without-code")
def code_type_without_code(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """A `type: code` record has no python fence in its answer.

    Why: `code` promises that the answer is code that qbank executes; without a fence there is
    nothing to run, and the record is really an `open` one.

    Example:
    ~~~yaml
    # file: bank/keras/keras-dropout.yaml
    id: keras-dropout
    title: Dropout in Keras
    topic: keras
    type: code
    difficulty: easy
    tags: [dropout]
    question: How do you add dropout to a Keras model?
    answer: Add a Dropout layer with the rate of units to drop.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/keras-dropout.yaml
    id: keras-dropout
    title: Dropout in Keras
    topic: keras
    type: code
    difficulty: easy
    tags: [dropout]
    question: How do you add dropout to a Keras model?
    answer: |
      Add a `Dropout` layer with the rate of units to drop:

      ```python
      import keras
      layer = keras.layers.Dropout(0.5)
      ```
    ~~~
    """
    if rec.field("type") == "code" and not any(
            f.is_python and f.path == ("answer",) for f in record_fences(rec)):
        yield Result("a `type: code` record has no ```python fence in its answer",
                     hint="add the code in a ```python fence, or set `type: open`",
                     at=rec.value_pos("type"))
