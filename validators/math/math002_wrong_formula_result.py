"""MATH002 wrong-formula-result."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.math import prose_issues


@rule("MATH002", "wrong-formula-result")
def wrong_formula_result(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """A formula or a named computation, applied to the values the text gives, does not give
    the result the text states.

    Why: "C = ((I - F + 2P)/S) + 1, here I = 12, F = 3, P = 0, S = 1, so the answer is 10 X 10"
    is only right if the values put into the formula give 10. Checked exactly: a formula
    `NAME = expr` defined with symbols, the values given for them (`I = 12`, "where/with/here
    ..."), and the result stated after them (`NAME = ... = 10`, "the answer / output is 10 x
    10"); an expression in symbols given earlier followed by a number (`1/(1 - \\beta_2) = 1000`
    after `\\beta_2 = 0.999`); "the softmax of [...] is [...]"; a max pooling "of size 3 X 3
    with a stride of 2" followed by its input and output matrices; and perceptron truth tables
    (`F(-1.5*1 + 1*1 + 1*1) = f(0.5) = 1`: a step function, checked against the AND/OR gate the
    text names). Written decimals are held to the precision written.

    Example:
    ~~~yaml
    # file: bank/cnn/conv-output-size.yaml
    id: conv-output-size
    title: Output size of a convolution
    topic: cnn
    type: open
    difficulty: easy
    tags: [convolution]
    question: |
      What is the output size of a 3 x 3 convolution (stride 1, no padding) on a 12 x 12 input?
    answer: |
      The size of the output is C = ((I - F + 2P)/S) + 1, where I is the input size, F the
      filter size, P the padding and S the stride. Here I = 12, F = 3, P = 0, S = 1.

      Therefore the answer is 9 X 9 matrix.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/cnn/conv-output-size.yaml
    id: conv-output-size
    title: Output size of a convolution
    topic: cnn
    type: open
    difficulty: easy
    tags: [convolution]
    question: |
      What is the output size of a 3 x 3 convolution (stride 1, no padding) on a 12 x 12 input?
    answer: |
      The size of the output is C = ((I - F + 2P)/S) + 1, where I is the input size, F the
      filter size, P the padding and S the stride. Here I = 12, F = 3, P = 0, S = 1.

      Therefore the answer is 10 X 10 matrix.
    ~~~
    """
    for loc in prose_issues(rec, ctx):
        i = loc.issue
        if i.code == "MATH002":
            yield Result(i.message, hint=i.hint, at=rec.text_pos(loc.path, i.offset))
