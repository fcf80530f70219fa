"""TXT001 placeholder-text."""

import re
from collections.abc import Iterator
from functools import cache

from qbank.core.findings import Severity
from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.txt import catalog


@cache
def _pattern() -> tuple[re.Pattern[str], list[str], re.Pattern[str]]:
    """All catalog patterns as one alternation of named groups (one pass over each text), the
    entries' names, and the pre-filter's trigger substrings."""
    entries = catalog("placeholders.yaml")
    names = [e["name"] for e in entries]
    joined = "|".join(f"(?P<p{i}>{e['pattern']})" for i, e in enumerate(entries))
    triggers = re.compile("|".join(re.escape(t) for e in entries for t in e["triggers"]))
    return re.compile(joined, re.IGNORECASE), names, triggers


@rule("TXT001", "placeholder-text")
def placeholder_text(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """Placeholder text left in a record: any spelling of lorem ipsum, TODO, TBD, FIXME,
    "Answer here", "[insert ...]".

    Why: scraped and drafted content is full of filler that was meant to be replaced; on the
    published site or a printed exam it reads as a broken question. The patterns live in
    `validators/txt/placeholders.yaml`.

    Example:
    ~~~yaml
    # file: bank/keras/keras-simple-network.yaml
    id: keras-simple-network
    title: A simple network in Keras
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you create a simple neural network using Keras?
    answer: Stack Dense layers in a Sequential model. Lorem Ispum
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/keras-simple-network.yaml
    id: keras-simple-network
    title: A simple network in Keras
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you create a simple neural network using Keras?
    answer: Stack Dense layers in a Sequential model, then compile it with a loss and optimizer.
    ~~~
    """
    pattern, names, triggers = _pattern()
    # a draft may still hold placeholders: a reminder, not a failure
    severity = Severity.WARNING if rec.field("status") == "draft" else None
    for path, text in rec.text_fields():
        if path and path[0] in ("sources", "allow", "id"):
            continue
        if not triggers.search(text.lower()):
            continue
        for m in pattern.finditer(text):
            name = names[int((m.lastgroup or "p0")[1:])]
            yield Result(f"placeholder text ({name}): {m.group(0)!r}",
                         hint="replace it with the real content, or delete it",
                         severity=severity, at=rec.text_pos(path, m.start()))
