"""SCH012 bad-choices."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from qbank.core.model import CHOICE_ERRORS
from validators.base import Context, Result, rule
from validators.sch import errors_of


@rule("SCH012", "bad-choices")
def bad_choices(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """The choices cannot be graded: fewer than two, a `single_choice` without exactly one
    correct choice, a `multiple_choice` with none, or the same choice twice.

    Why: an answer key with two right answers to a single-choice question (or none) marks
    every candidate wrong, and a repeated option is a giveaway.

    Example:
    ~~~yaml
    # file: bank/activations/relu-range.yaml
    id: relu-range
    title: Range of ReLU
    topic: activations
    type: single_choice
    difficulty: easy
    tags: [relu]
    question: What is the range of ReLU?
    answer: max(0, x) is 0 for negative inputs and x otherwise.
    choices:
      - {text: "[0, inf)", correct: true}
      - {text: "(0, 1)", correct: true}
    ~~~

    Instead:
    ~~~yaml
    # file: bank/activations/relu-range.yaml
    id: relu-range
    title: Range of ReLU
    topic: activations
    type: single_choice
    difficulty: easy
    tags: [relu]
    question: What is the range of ReLU?
    answer: max(0, x) is 0 for negative inputs and x otherwise.
    choices:
      - {text: "[0, inf)", correct: true}
      - {text: "(0, 1)", correct: false}
    ~~~
    """
    for err in errors_of(rec, CHOICE_ERRORS):
        hint = ("mark exactly one choice `correct: true`" if "exactly one" in err["msg"]
                else "reword or remove the repeated choice" if err["type"] == "duplicate_choice"
                else "give at least two choices, at least one `correct: true`")
        yield Result(err["msg"], hint=hint, at=rec.error_pos(err))
