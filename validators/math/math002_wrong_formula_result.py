"""MATH002 wrong-formula-result."""

from collections.abc import Iterator

from qbank.core.issues import Issue
from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.math import prose_issues


def wording(issue: Issue) -> tuple[str, str]:
    """The message and hint of a MATH002 issue, from its facts (`kind` of claim, what is
    written, its true value as `expected`)."""
    f = issue.facts
    kind, want = f["kind"], f["expected"]
    if kind == "formula":
        return (f"{f['name']} = {f['formula']} with {f['given']} is {want}, but the text says "
                f"{f['written']}", f"write {want}, or fix the values substituted")
    if kind == "substitution":
        return (f"with {f['given']} (given earlier), {f['expression']} is {want}, not "
                f"{f['written']}", f"write {want}, or fix the values substituted")
    if kind == "softmax":
        return f"the softmax of {f['input']} is {want}, not {f['written']}", f"write {want}"
    if kind == "pooling-shape":
        return (f"max pooling {f['pool']} with stride {f['stride']} of the {f['input']} input "
                f"gives a {f['shape']} output ({want}), not {f['written']}",
                f"write the {f['shape']} result: {want}")
    if kind == "pooling-row":
        return (f"max pooling {f['pool']} with stride {f['stride']}: row {f['row']} of the "
                f"output is {want}, not {f['step']}", f"the whole result is {f['result']}")
    if kind == "gate":
        g = f["gate"]
        what = (f"computes {f['computes']}" if f["computes"] else
                f"outputs {f['table']} for (0,0) (0,1) (1,0) (1,1)")
        w1, w2 = f["weights"]
        return (f"with bias {f['bias']} and weights {w1}, {w2} a step neuron {what}, not {g}",
                f"choose a bias and weights whose truth table is {g}: {want} for (0,0) (0,1) "
                "(1,0) (1,1)")
    if kind == "step-function":
        return (f"`{f['call']} = ... = {f['written']}`: a step function of {f['argument']} is "
                f"{want}, not {f['written']}",
                f"write {want} (the step is 1 for a positive sum, 0 for a negative one)")
    if kind == "truth-table":
        g = f["gate"]
        x1, x2 = f["inputs"]
        return (f"`{f['call']} = ... = {f['written']}` for inputs ({x1}, {x2}): {g}({x1}, {x2}) "
                f"is {want}, so these weights do not implement {g}",
                "choose a bias and weights for which every row of the truth table holds")
    raise ValueError(f"MATH002: unknown kind of claim {kind!r}")


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
    for issue in prose_issues(rec, ctx):
        if issue.code == "MATH002":
            message, hint = wording(issue)
            yield Result(message, hint=hint, at=rec.text_pos(issue.field, issue.offset))
