"""SCH003 duplicate-key."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


@rule("SCH003", "duplicate-key")
def duplicate_key(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """A key appears twice in the same mapping.

    Why: YAML loaders silently keep one of the two values, so half of what the author wrote is
    lost without a word; usually an answer pasted twice, or a field edited in two places.

    Example:
    ~~~yaml
    # file: bank/fundamentals/epoch.yaml
    id: epoch
    title: What is an epoch?
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [training]
    question: What is an epoch?
    answer: One pass over the data.
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
    for dup in rec.duplicate_keys:
        name = ".".join(str(p) for p in dup.path)
        yield Result(f"key `{name}` is given twice (first at line {dup.first.line}); only one "
                     "value would be kept", hint="merge the two values and delete one key",
                     at=dup.at)
