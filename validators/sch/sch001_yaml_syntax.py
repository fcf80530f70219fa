"""SCH001 yaml-syntax."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


@rule("SCH001", "yaml-syntax")
def yaml_syntax(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """The file is not valid YAML (or not readable as UTF-8 text).

    Why: a record that does not parse cannot be graded, published or exported, and one bad
    file must not hide the rest of the bank: the run goes on and reports it here, at the line
    where the parser gave up.

    Example:
    ~~~yaml
    # file: bank/fundamentals/epoch.yaml
    id: epoch
    title: "What is an epoch?
    ~~~

    Instead:
    ~~~yaml
    # file: bank/fundamentals/epoch.yaml
    id: epoch
    title: "What is an epoch?"
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [training]
    question: What is an epoch?
    answer: One full pass of the training algorithm over every example of the training set.
    ~~~
    """
    if rec.syntax is not None:
        yield Result(rec.syntax.message, hint="fix the YAML at this line: check quotes, colons "
                     "and indentation (block text goes under `key: |`)", at=rec.syntax.at)
