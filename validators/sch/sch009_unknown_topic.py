"""SCH009 unknown-topic."""

import difflib
from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


@rule("SCH009", "unknown-topic")
def unknown_topic(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """The record's `topic` is not a key of `bank/topics.yaml`.

    Why: topics organise the published site and the printed sets; an unknown topic leaves the
    question out of every listing.

    Example:
    ~~~yaml
    # file: bank/fundamentals/epoch.yaml
    id: epoch
    title: What is an epoch?
    topic: fundamental
    type: open
    difficulty: easy
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
    topic = rec.field("topic")
    if not isinstance(topic, str) or topic in ctx.bank.topics:
        return
    known = sorted(ctx.bank.topics)
    near = difflib.get_close_matches(topic, known, n=1)
    hint = (f"did you mean `{near[0]}`?" if near else
            f"use one of: {', '.join(known)}; or add `{topic}` to bank/topics.yaml")
    yield Result(f"topic `{topic}` is not in bank/topics.yaml", hint=hint,
                 at=rec.value_pos("topic"))
