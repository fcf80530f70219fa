"""SCH005 missing-field."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.sch import dotted, errors_of


@rule("SCH005", "missing-field")
def missing_field(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """A required field is missing.

    Why: every record needs `id`, `title`, `topic`, `type`, `difficulty`, `tags` and
    `question` to be graded, filed and published.

    Example:
    ~~~yaml
    # file: bank/fundamentals/epoch.yaml
    id: epoch
    title: What is an epoch?
    topic: fundamentals
    type: open
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
    for err in errors_of(rec, {"missing"}):
        yield Result(f"required field `{dotted(err)}` is missing",
                     hint=f"add `{err['loc'][-1]}:` (see docs/records.md for its values)",
                     at=rec.error_pos(err))
