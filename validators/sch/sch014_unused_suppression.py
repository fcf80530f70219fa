"""SCH014 unused-suppression."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


@rule("SCH014", "unused-suppression", severity="warning", phase=1)
def unused_suppression(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """An `allow` entry suppresses nothing: the rule it names found nothing on this record.

    Why: suppressions outlive the problem they excused; a stale one would silently hide the
    next, unrelated finding of that rule.

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
      - {code: TXT001, reason: "the word TODO is quoted here on purpose"}
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
    for i, entry in enumerate(allows):
        if not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
            continue
        code = entry["code"]
        if code in ctx.enabled_codes and (rec.path, i) not in ctx.used_allows:
            yield Result(f"`allow: {code}` suppresses nothing on this record",
                         hint="remove this entry", at=rec.pos("allow", i))
