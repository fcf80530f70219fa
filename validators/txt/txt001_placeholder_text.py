"""TXT001 placeholder-text."""

import re
from collections.abc import Iterator
from functools import cache

from qbank.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.txt import catalog


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(e["name"], re.compile(e["pattern"], re.IGNORECASE))
            for e in catalog("placeholders.yaml")]


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
    for path, text in rec.text_fields():
        if path and path[0] in ("sources", "allow", "id"):
            continue
        for name, pattern in _patterns():
            for m in pattern.finditer(text):
                yield Result(f"placeholder text ({name}): {m.group(0)!r}",
                             hint="replace it with the real content, or delete it",
                             at=rec.text_pos(path, m.start()))
