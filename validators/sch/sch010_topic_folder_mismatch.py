"""SCH010 topic-folder-mismatch."""

import os
from collections.abc import Iterator
from pathlib import Path

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


@rule("SCH010", "topic-folder-mismatch", severity="warning")
def topic_folder_mismatch(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """The record is not in the folder of its topic (`bank/<topic>/<id>.yaml`).

    Why: authors find records by folder; a record filed under the wrong topic folder is
    listed under one topic on the site and found under another in git.

    Example:
    ~~~yaml
    # file: bank/training/epoch.yaml
    id: epoch
    title: What is an epoch?
    topic: fundamentals
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
    if not isinstance(topic, str) or topic not in ctx.bank.topics:
        return
    parts = Path(os.path.relpath(rec.file, ctx.bank.root)).parts
    folder = parts[0] if len(parts) > 1 else ""
    if folder != topic:
        where = f"`{folder}/`" if folder else "the bank's top folder"
        yield Result(f"topic is `{topic}` but the file is in {where}",
                     hint=f"move it: git mv {rec.path} {ctx.bank.root}/{topic}/{rec.file.name}",
                     at=rec.value_pos("topic"))
