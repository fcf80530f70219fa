"""SCH015 unknown-suppressed-code."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


@rule("SCH015", "unknown-suppressed-code")
def unknown_suppressed_code(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """An `allow` entry names a code that is no rule of qbank.

    Why: a misspelt code suppresses nothing, and the author believes the finding is handled.

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
    allow:
      - {code: TXT999, reason: "short answers are fine for this one"}
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
    allows = rec.field("allow")
    if not isinstance(allows, list):
        return
    known = ctx.rules
    for i, entry in enumerate(allows):
        code = entry.get("code") if isinstance(entry, dict) else None
        if isinstance(code, str) and code not in known:
            yield Result(f"`allow` names `{code}`, which is not a qbank rule",
                         hint="see `qbank rules` for the codes",
                         at=rec.value_pos("allow", i, "code"))
