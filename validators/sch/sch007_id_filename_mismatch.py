"""SCH007 id-filename-mismatch."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


@rule("SCH007", "id-filename-mismatch")
def id_filename_mismatch(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """The record's `id` differs from its file name.

    Why: the id is how records refer to each other (`related`) and how the site links them;
    when it differs from the file name, authors edit one file while reports name another.

    Example:
    ~~~yaml
    # file: bank/fundamentals/epochs.yaml
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
    value = rec.field("id")
    if isinstance(value, str) and value and value != rec.stem:
        yield Result(f"id `{value}` differs from the file name `{rec.file.name}`",
                     hint=f"rename the file to `{value}.yaml` (git mv), or set `id: {rec.stem}`",
                     at=rec.value_pos("id"))
