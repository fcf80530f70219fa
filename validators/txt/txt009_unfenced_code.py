"""TXT009 unfenced-code."""

from collections.abc import Iterator

from qbank.core.fences import UNFENCED, record_fences
from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.txt import unfenced_code_lines, unfenced_output_lines


@rule("TXT009", "unfenced-code")
def unfenced_code(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """Lines of Python (or of its output) in the prose, outside any code fence; or a fence that
    `qbank import` made around such lines (marked ```` ```python unfenced ````).

    Why: code outside a fence is reflowed as a paragraph on the site (its line breaks and
    indentation are lost), it is not highlighted, and qbank cannot run it to prove it works.
    The importer fences such code so that it can run, but the source never said where the code
    starts and ends: the `unfenced` mark says the fence is its guess, until a reviewer checks it.

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
    # file: bank/keras/keras-evaluate.yaml
    id: keras-evaluate
    title: Evaluating a Keras model
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    status: draft
    question: How do you evaluate a trained model in Keras?
    answer: |
      Call evaluate on held-out data:

      ```python fragment unfenced
      loss, accuracy = model.evaluate(X_test, y_test)
      print(accuracy)
      ```

      The output will be as follows:

      0.9375
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
    for fence in record_fences(rec):
        if fence.unfenced:
            yield Result(
                f"code that had no fence in the source: `qbank import` fenced it "
                f"(```{fence.lang} {UNFENCED}) and guessed where it starts and ends",
                hint=f"check where the code starts and ends, then remove `{UNFENCED}` from the "
                "fence line", at=fence.opening_pos(rec))
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
    last_path, last_end = None, -2
    for line in unfenced_output_lines(rec):
        if line.path == last_path and line.offset <= last_end + 1:
            last_end = line.offset + len(line.text)
            continue
        last_path, last_end = line.path, line.offset + len(line.text)
        yield Result(f"program output outside a fence: {line.text.strip()[:60]!r}",
                     hint="put it in an ```output fence right after its ```python fence "
                     "(```text when the code is not there)",
                     at=rec.text_pos(line.path, line.offset))
