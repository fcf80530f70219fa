"""TXT009 unfenced-code."""

from collections.abc import Iterator

from qbank.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.txt import unfenced_code_lines


@rule("TXT009", "unfenced-code")
def unfenced_code(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """Lines of Python in the prose, outside any code fence.

    Why: code outside a fence is reflowed as a paragraph on the site (its line breaks and
    indentation are lost), it is not highlighted, and qbank cannot run it to prove it works.

    Example:
    ~~~yaml
    # file: bank/keras/keras-compile-fit.yaml
    id: keras-compile-fit
    title: Compiling and training in Keras
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you compile and train a model in Keras?
    answer: |
      Compile with an optimizer and a loss, then fit:
      model.compile(optimizer='adam', loss='binary_crossentropy')
      model.fit(X_train, y_train, epochs=10)
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/keras-compile-fit.yaml
    id: keras-compile-fit
    title: Compiling and training in Keras
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you compile and train a model in Keras?
    answer: |
      Compile with an optimizer and a loss, then fit:

      ```python fragment
      model.compile(optimizer='adam', loss='binary_crossentropy')
      model.fit(X_train, y_train, epochs=10)
      ```
    ~~~
    """
    last_path, last_end = None, -2
    for line in unfenced_code_lines(rec):
        # one finding per run of consecutive code lines
        if line.path == last_path and line.offset <= last_end + 1:
            last_end = line.offset + len(line.text)
            continue
        last_path, last_end = line.path, line.offset + len(line.text)
        yield Result(f"code outside a fence: {line.text.strip()[:60]!r}",
                     hint="put the code in a ```python fence (```python fragment if it cannot "
                     "run alone)", at=rec.text_pos(line.path, line.offset))
