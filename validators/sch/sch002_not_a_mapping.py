"""SCH002 not-a-mapping."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


@rule("SCH002", "not-a-mapping")
def not_a_mapping(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """The file is valid YAML but is not a mapping of fields (it is empty, a list or a string).

    Why: a record is a set of named fields (`id`, `title`, `question`, ...); anything else is
    usually a file saved half-written, or a list pasted without its keys.

    Example:
    ~~~yaml
    # file: bank/fundamentals/epoch.yaml
    - What is an epoch?
    - One full pass over the training data.
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
    if rec.syntax is None and not isinstance(rec.data, dict):
        kind = "empty" if rec.data is None else f"a {type(rec.data).__name__}"
        yield Result(f"the record is {kind}, not a mapping of fields",
                     hint="write the record as `key: value` lines: id, title, topic, type, "
                     "difficulty, tags, question, answer (see `qbank new`)", at=rec.value_pos())
