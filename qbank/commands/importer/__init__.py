"""`qbank import`: question lists in the formats people keep them in -> draft records.

One parser per format (`Format`: detect + parse -> entries), a builder (entries -> records),
and `run.import_sources` (never overwrites, idempotent, reports what it did). A document that
mixes formats is read by the one that recognizes the most questions, then the entries written
in another format are split off (`qbank.commands.importer.mixed`). See docs/importing.md."""

from __future__ import annotations

from qbank.commands.importer.bold import Bold
from qbank.commands.importer.details import Details
from qbank.commands.importer.entry import Entry, Format, Parsed, Skip
from qbank.commands.importer.headings import Headings
from qbank.commands.importer.mixed import parse_mixed
from qbank.commands.importer.numbered import Numbered
from qbank.commands.importer.qa import QA
from qbank.commands.importer.textpage import TextPage

# In order of precedence when two formats recognize as many questions.
FORMATS: tuple[Format, ...] = (Details(), QA(), Headings(), Numbered(), Bold())
FALLBACK: Format = TextPage()

__all__ = ["FALLBACK", "FORMATS", "Entry", "Format", "Parsed", "Skip", "choose", "parse"]


def choose(lines: list[str]) -> Format:
    """The format that recognizes the most questions; a plain text page when none does."""
    best, count = FALLBACK, 0
    for fmt in FORMATS:
        n = fmt.detect(lines)
        if n > count:
            best, count = fmt, n
    return best


def parse(text: str) -> Parsed:
    lines = [x.rstrip() for x in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return parse_mixed(lines, choose(lines), FORMATS)
