"""TXT006 unbalanced-fence."""

from collections.abc import Iterator

from qbank.core.fences import record_fences
from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


@rule("TXT006", "unbalanced-fence")
def unbalanced_fence(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """A code fence is opened and never closed.

    Why: everything after the opening fence, prose included, is rendered as code on the site
    and executed as code by the runner.

    Example:
    ~~~yaml
    # file: bank/keras/keras-dropout.yaml
    id: keras-dropout
    title: Dropout in Keras
    topic: keras
    type: open
    difficulty: easy
    tags: [dropout]
    question: How do you add dropout to a Keras model?
    answer: |
      Add a Dropout layer:

      ```python
      import keras
      layer = keras.layers.Dropout(0.5)

      The rate is the fraction of units dropped during training.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/keras-dropout.yaml
    id: keras-dropout
    title: Dropout in Keras
    topic: keras
    type: open
    difficulty: easy
    tags: [dropout]
    question: How do you add dropout to a Keras model?
    answer: |
      Add a Dropout layer:

      ```python
      import keras
      layer = keras.layers.Dropout(0.5)
      ```

      The rate is the fraction of units dropped during training.
    ~~~
    """
    for f in record_fences(rec):
        if not f.closed:
            yield Result(f"the ```{f.lang} fence opened here is never closed",
                         hint="close it with ``` on a line of its own after the code",
                         at=f.opening_pos(rec))
