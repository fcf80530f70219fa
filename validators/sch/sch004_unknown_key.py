"""SCH004 unknown-key."""

import difflib
from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.sch import dotted, errors_of


@rule("SCH004", "unknown-key")
def unknown_key(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """A key that the record format does not know.

    Why: an unknown key is almost always a typo (`anwser`, `dificulty`) whose value is then
    silently ignored; the field the author meant stays empty.

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
    sorces: [{seed: 002_85c670baeb7c97bd.txt}]
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
    sources: [{seed: 002_85c670baeb7c97bd.txt}]
    ~~~
    """
    for err in errors_of(rec, {"extra_forbidden"}):
        loc = err["loc"]
        key = str(loc[-1])
        known = _known_keys(rec, loc[:-1])
        near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"did you mean `{near[0]}`?" if near else f"known keys here: {', '.join(known)}"
        yield Result(f"unknown key `{dotted(err)}`", hint=hint, at=rec.pos(*loc))


def _known_keys(rec: LoadedRecord, parent: tuple[object, ...]) -> list[str]:
    from qbank.core import model

    models: dict[str, type[model.Strict]] = {"choices": model.Choice, "numeric": model.Numeric,
                                             "sources": model.Source, "allow": model.Allow,
                                             "checks": model.Check}
    head = next((p for p in parent if isinstance(p, str)), None)
    cls = models.get(head) if head else model.Record
    return list((cls or model.Record).model_fields)
