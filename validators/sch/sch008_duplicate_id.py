"""SCH008 duplicate-id."""

from collections.abc import Iterator

from qbank.core.findings import Location
from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule


@rule("SCH008", "duplicate-id", scope="bank")
def duplicate_id(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """Two records use the same `id`.

    Why: ids must be unique across the bank (in different topic folders too): `related`,
    the site's links and the variant generator all look records up by id.

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
    answer: One full pass of the training algorithm over every example of the training set.
    # file: bank/training/epoch.yaml
    id: epoch
    title: Epochs in Keras
    topic: training
    type: open
    difficulty: easy
    tags: [training]
    question: What does the `epochs` argument of `fit` set?
    answer: How many full passes over the training data `fit` makes before it returns.
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
    # file: bank/training/keras-epochs-argument.yaml
    id: keras-epochs-argument
    title: Epochs in Keras
    topic: training
    type: open
    difficulty: easy
    tags: [training]
    question: What does the `epochs` argument of `fit` set?
    answer: How many full passes over the training data `fit` makes before it returns.
    ~~~
    """
    for rid, recs in bank.by_id().items():
        if len(recs) < 2:
            continue
        for rec in recs:
            others = tuple(Location(o.path, o.value_pos("id").line, o.value_pos("id").column, rid)
                           for o in recs if o is not rec)
            yield rec, Result(f"id `{rid}` is also used by {', '.join(o.path for o in others)}",
                              hint="give each record its own id (and file name)",
                              at=rec.value_pos("id"), related=others)
