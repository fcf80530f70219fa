"""SCH011 field-not-for-type."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from qbank.core.model import TYPE_FIELD_ERRORS
from validators.base import Context, Result, rule
from validators.sch import errors_of

_HINTS = {
    "choices_forbidden": "set `type: single_choice` or `multiple_choice`, or remove `choices`",
    "numeric_forbidden": "set `type: numeric`, or remove `numeric`",
    "choices_required": "add `choices:` with a `text` and `correct` for each option",
    "numeric_required": "add `numeric: {value: ..., tolerance: ...}`",
    "answer_required": "write the model answer under `answer: |`",
}


@rule("SCH011", "field-not-for-type")
def field_not_for_type(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """The record's fields do not fit its `type`.

    `choices` belong to `single_choice` and `multiple_choice` only, `numeric` to `numeric`
    only; choice types need `choices`, numeric needs `numeric`, open and code need an `answer`.

    Why: the grader reads the answer key from the field its type names; a key in the wrong
    field is never graded, and a question without a key cannot be.

    Example:
    ~~~yaml
    # file: bank/cnn/conv-output-size.yaml
    id: conv-output-size
    title: Output size of a convolution
    topic: cnn
    type: open
    difficulty: easy
    tags: [convolution]
    question: A 3x3 filter slides with stride 1 and no padding over a 12x12 input. Output size?
    answer: 10x10, since (12 - 3 + 0) / 1 + 1 = 10.
    numeric: {value: 10, tolerance: 0}
    ~~~

    Instead:
    ~~~yaml
    # file: bank/cnn/conv-output-size.yaml
    id: conv-output-size
    title: Output size of a convolution
    topic: cnn
    type: numeric
    difficulty: easy
    tags: [convolution]
    question: A 3x3 filter slides with stride 1 and no padding over a 12x12 input. Output width?
    answer: 10, since (12 - 3 + 0) / 1 + 1 = 10.
    numeric: {value: 10, tolerance: 0}
    ~~~
    """
    for err in errors_of(rec, TYPE_FIELD_ERRORS):
        yield Result(err["msg"], hint=_HINTS[err["type"]], at=rec.error_pos(err))
