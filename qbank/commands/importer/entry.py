"""What a parser hands the builder: entries found in a source, and the stretches it skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class Entry:
    """One question found in a source.

    `question` is "" when the source lost it (an answer standing alone on a scraped page);
    `answer` is None when the source gives none (a list of questions). Both are Markdown, code
    already fenced (see `qbank.commands.importer.text.to_markdown`)."""

    question: str
    answer: str | None
    line: int  # 1-based line of the question (of the answer when the question was lost)
    end: int  # last line of the entry
    label: str | None = None  # how the source numbers it: "Q6", "Fundamentals Q1"
    section: str | None = None  # the heading it stands under
    code_blocks: int = 0  # python fences the importer made from unfenced code
    # 1-based first line of the answer's own text (after the question and any `A.`/`Answer:`
    # line): from there on, entries of another format are split off the answer (a document
    # mixing formats, see `qbank.commands.importer.mixed`). None: the answer is never split (a
    # `<details>` block, a scraped page).
    body_line: int | None = None


@dataclass
class Skip:
    """Lines of the source that hold no question (navigation, promotion, page text)."""

    line: int
    end: int
    reason: str


@dataclass
class Parsed:
    format: str
    entries: list[Entry] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)


class Format(Protocol):
    """One way people keep question lists. `detect` says how many questions the format
    recognizes in the lines (0: not this format); `parse` splits them into entries; `begins`
    says whether line `i` (0-based, outside fences) opens an entry of this format standing
    inside the text of another format's entry. `begins` is stricter than `detect`: only what
    cannot be part of an answer (a bold question alone as a paragraph, a `Q.` line with its
    `A.` line, a `<details>` block that asks, `N. question?` with its `Answer:` line, a heading
    that asks), and every line it accepts is one `parse` starts an entry at."""

    name: str

    def detect(self, lines: list[str]) -> int: ...

    def parse(self, lines: list[str]) -> Parsed: ...

    def begins(self, lines: list[str], i: int) -> bool: ...
