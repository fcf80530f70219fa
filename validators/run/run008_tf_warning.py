"""RUN008 tf-warning."""

from collections.abc import Iterator

from qbank.core.findings import Severity
from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import analysis, in_setup, severity_of, short


@rule("RUN008", "tf-warning", scope="bank", severity="warning")
def tf_warning(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """TensorFlow or Keras warns about the code when it runs (a deprecated or ignored argument).

    Why: a warning from the pinned version (`input_shape` passed to a layer, `input_length`
    on `Embedding`, deprecated arguments) means the code is written for an older API, and
    readers copy the warning along with the code. Fragments are checked statically for the
    best-known cases.

    Example:
    ~~~yaml
    # file: bank/keras/sequential-input-shape.yaml
    id: sequential-input-shape
    title: Input shape of a Sequential model
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you give a Sequential model its input shape?
    answer: |
      ```python
      import keras
      model = keras.Sequential([keras.layers.Dense(4, input_shape=(3,))])
      print(model.output_shape)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/sequential-input-shape.yaml
    id: sequential-input-shape
    title: Input shape of a Sequential model
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you give a Sequential model its input shape?
    answer: |
      ```python
      import keras
      model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(4)])
      print(model.output_shape)
      ```
    ~~~
    """
    for fr in analysis(ctx).runs:
        for issue in fr.issues("RUN008"):  # found statically: a deprecated argument
            yield fr.rec, Result(
                f"Keras warns about `{issue.fact('keyword')}=` in `{issue.fact('callee')}(...)`",
                hint=issue.fact("advice"), at=fr.at(issue), severity=severity_of(issue))
        seen: set[tuple[str, int | None]] = set()
        warned = fr.static_warned  # a static warning on the line explains it better
        for w in fr.warnings:
            key = (str(w.get("message")), w.get("line"))
            if key in seen or (w.get("where") == "<fence>" and w.get("line") in warned):
                continue
            seen.add(key)
            where = w.get("where")
            yield fr.rec, Result(
                f"{'TensorFlow' if 'tensorflow' in str(w.get('filename') or '') else 'Keras'}"
                f" warns{in_setup(where)}: {short(str(w.get('message')), 240)}",
                hint="change the code so that the pinned version does not warn (readers copy it)",
                at=fr.pos(where, w.get("line")), severity=Severity.WARNING)
