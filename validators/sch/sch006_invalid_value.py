"""SCH006 invalid-value."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from qbank.core.model import CHOICE_ERRORS, TYPE_FIELD_ERRORS
from validators.base import Context, Result, rule
from validators.sch import dotted, errors_of

_CLAIMED = {"missing", "extra_forbidden"} | TYPE_FIELD_ERRORS | CHOICE_ERRORS
_HINTS = {
    "string_pattern_mismatch": "use a lowercase slug: letters, digits and single hyphens",
    "enum": "use one of the values listed in the message",
    "literal_error": "use one of the values listed in the message",
    "list_type": "write a YAML list: `[a, b]` or one `- item` per line",
    "string_type": "write text (quote it if it looks like a number, date or yes/no)",
    "too_short": "this list or text may not be empty",
    "duplicate_item": "list each item once",
    "source_origin": "give the source's `seed`, `url` or `file`",
    "check_kind": "give the check either `python:` (with `expect:`) or `sympy:`",
}


@rule("SCH006", "invalid-value")
def invalid_value(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """A field has a value of the wrong type or outside its allowed values.

    Why: `difficulty: medium-hard`, an id with capitals, or `tags: relu` where a list is
    expected break grading, filtering and the published site's navigation.

    Example:
    ~~~yaml
    # file: bank/fundamentals/epoch.yaml
    id: epoch
    title: What is an epoch?
    topic: fundamentals
    type: open
    difficulty: trivial
    tags: [training]
    question: What is an epoch?
    answer: One full pass of the training algorithm over every example of the training set.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/fundamentals/epoch.yaml
    id: epoch
    title: What is an epoch?
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [training]
    question: What is an epoch?
    answer: One full pass of the training algorithm over every example of the training set.
    ~~~
    """
    for err in errors_of(rec, _CLAIMED, exclude=True):
        yield Result(f"`{dotted(err)}`: {err['msg']}",
                     hint=_HINTS.get(err["type"], "see docs/records.md for this field's format"),
                     at=rec.error_pos(err))
