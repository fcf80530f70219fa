"""RUN003 code-raises."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import results_for


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
    yield from results_for(ctx, "RUN003")
