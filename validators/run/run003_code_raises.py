"""RUN003 code-raises."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import analysis, in_setup, short

if TYPE_CHECKING:
    from qbank.services.sandbox import JobResult


def _hint(res: JobResult) -> str:
    name = res.exc_type or ""
    msg = res.message or ""
    if name == "NameError":
        return ("the fence uses a name it does not define: define or import it in the fence, "
                "put shared code in the record's `setup`, or mark the fence `python fragment`")
    if name in ("ModuleNotFoundError", "ImportError"):
        return ("only the pinned packages (TensorFlow, Keras, NumPy, ...) are installed in the "
                "sandbox: use them, or mark the fence `python fragment`")
    if name == "FileNotFoundError" or "No such file" in msg:
        return ("the sandbox starts in an empty directory: create the data in the fence (or "
                "in `setup`), or mark the fence `python fragment`")
    if "Unrecognized keyword arguments" in msg or "not recognized" in msg:
        return "the argument does not exist in the pinned Keras: see the layer's signature"
    if name in ("OSError", "ConnectionError", "URLError", "gaierror") and (
            "unreachable" in msg or "resolution" in msg or "Name or service" in msg):
        return ("the sandbox has no network: build the data in the fence instead of "
                "downloading it, or mark the fence `python fragment`")
    return ("fix the code so that it runs with the pinned TensorFlow/Keras; if raising is the "
            f"point of the example, mark the fence `python raises={name or 'ErrorName'}`")


@rule("RUN003", "code-raises", scope="bank")
def code_raises(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A python fence raises an exception when it runs.

    Why: every runnable fence is executed in the sandbox with the pinned TensorFlow/Keras
    (after the record's `setup`), and a reader who copies it must get what the answer promises,
    not a traceback. The finding points at the line of the fence that raised. If the error is
    the point of the example, say so with ```` ```python raises=ValueError ````; if the code
    cannot run alone, mark it ```` ```python fragment ````.

    Example:
    ~~~yaml
    # file: bank/keras/matrix-product-shapes.yaml
    id: matrix-product-shapes
    title: Shapes in a matrix product
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: What shapes can be multiplied?
    answer: |
      The inner dimensions must agree:

      ```python
      import numpy as np
      a = np.ones((2, 3))
      b = np.ones((2, 3))
      print((a @ b).shape)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/matrix-product-shapes.yaml
    id: matrix-product-shapes
    title: Shapes in a matrix product
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: What shapes can be multiplied?
    answer: |
      The inner dimensions must agree:

      ```python
      import numpy as np
      a = np.ones((2, 3))
      b = np.ones((3, 4))
      print((a @ b).shape)
      ```
    ~~~
    """
    for fr in analysis(ctx).runs:
        res = fr.result
        if res is not None and fr.unexplained_raise:  # else RUN005 or a static finding
            yield fr.rec, Result(
                f"the code raises {res.exc_type}{in_setup(res.where)}: {short(res.message)}",
                hint=_hint(res), at=fr.pos(res.where, res.line))
