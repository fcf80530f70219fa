"""TXT010 trailing-whitespace."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord, Pos
from validators.base import Context, Result, rule


@rule("TXT010", "trailing-whitespace", severity="info")
def trailing_whitespace(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """Lines of the file end in spaces or tabs.

    Why: invisible, but it makes noisy diffs, and in Markdown two trailing spaces are a hard
    line break. `qbank fmt` removes them.

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
    lines = [i for i, line in enumerate(rec.text.split("\n"), 1)
             if line != line.rstrip(" \t")]
    if lines:
        shown = ", ".join(map(str, lines[:8])) + (" ..." if len(lines) > 8 else "")
        yield Result(f"{len(lines)} line(s) end in whitespace: {shown}",
                     hint="run `qbank fmt` to strip it", at=Pos(lines[0], 1))
