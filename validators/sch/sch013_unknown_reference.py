"""SCH013 unknown-reference."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


@rule("SCH013", "unknown-reference")
def unknown_reference(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """An id in `related` names no record of the bank, or the record itself.

    Why: `related` links records on the site and tells the duplicate finder which pairs are
    known relatives; a dangling id is a broken link, usually left by a rename.

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
    related: [batch-size-vs-epoch]
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
    related = rec.field("related")
    if not isinstance(related, list):
        return
    ids = ctx.memo("sch.ids", lambda: {r.id for r in ctx.bank.records})
    for i, other in enumerate(related):
        if not isinstance(other, str):
            continue
        if other == rec.id:
            yield Result(f"`related` lists the record itself (`{other}`)",
                         hint="remove it", at=rec.pos("related", i))
        elif other not in ids:
            yield Result(f"`related` names `{other}`, which is not a record of the bank",
                         hint="fix the id (was the record renamed?) or remove it",
                         at=rec.pos("related", i))
