"""TXT011 fence-without-language."""

from collections.abc import Iterator

from qbank.core.codelines import looks_like_code
from qbank.core.fences import record_fences
from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


@rule("TXT011", "fence-without-language", severity="warning")
def fence_without_language(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """A code fence without a language, whose content looks like Python.

    Why: only ```` ```python ```` fences are executed: an unlabelled fence of Python is never
    checked, and the site cannot highlight it.

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
      Add a Dropout layer with the fraction of units to drop:

      ```
      import keras
      layer = keras.layers.Dropout(0.5)
      ```
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
      Add a Dropout layer with the fraction of units to drop:

      ```python
      import keras
      layer = keras.layers.Dropout(0.5)
      ```
    ~~~
    """
    for f in record_fences(rec):
        if not f.lang and any(looks_like_code(line) for line in f.body.splitlines()):
            yield Result("this fence has no language but holds Python: it is never run",
                         hint="write ```python (or ```python fragment, or ```text)",
                         at=f.opening_pos(rec))
