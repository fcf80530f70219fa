"""Split Markdown prose into sentences, keeping each sentence's offset in the source text.

Fenced blocks are blanked first (`qbank.fences.mask_fences`, offsets kept); inline code spans are
kept (their text matters: `Dropout(0.8)`, `return_sequences=True`) with the backticks removed.
Paragraph breaks, list items, headings and table rows always end a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from qbank.fences import mask_fences

_ABBREV = {"e.g", "i.e", "vs", "etc", "cf", "fig", "eq", "approx", "resp", "al", "no", "dr", "mr"}
_END = re.compile(r"[.!?]+[\"')\]]*\s+")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s|\||>\s?)")
_MARKUP = re.compile(r"\*\*|__|(?<![\w*])\*(?!\s)|(?<!\s)\*(?![\w*])|`|\$|"
                     r"^\s*(?:[-*+]|\d+[.)])\s+|^\s*#{1,6}\s+|^\s*>\s?")
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str  # cleaned, one line
    offset: int  # offset of its first character in the source text
    block: int = 0  # index of its paragraph: sentences of one paragraph share it


def clean(raw: str) -> str:
    """Markup removed, typographic quotes/dashes normalised, whitespace collapsed."""
    s = raw.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    s = s.replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", " - ")
    s = s.replace("\u2212", "-").replace("\u00a0", " ")
    s = "\n".join(_MARKUP.sub("", line) for line in s.split("\n"))
    s = s.replace("|", " ")
    return _WS.sub(" ", s).strip()


def _blocks(text: str, per_line: bool = False) -> Iterator[tuple[int, str]]:
    """(offset, text) of each paragraph, list item, heading or table row (each line, with
    `per_line`)."""
    start = None
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if not body.strip():
            if start is not None:
                yield start, text[start:pos]
                start = None
        elif per_line or body.count("|") >= 2:  # a table row stands alone
            if start is not None:
                yield start, text[start:pos]
            yield pos, line
            start = None
        elif _BLOCK_START.match(body):
            if start is not None:
                yield start, text[start:pos]
            start = pos
        elif start is None:
            start = pos
        pos += len(line)
    if start is not None:
        yield start, text[start:]


def split(text: str, *, markdown: bool = True) -> list[Sentence]:
    """The sentences of `text` (Markdown prose: fences are ignored). With `markdown=False`
    (plain text such as scraped pages) every line is its own paragraph."""
    src = mask_fences(text) if markdown else text
    out: list[Sentence] = []
    for n, (base, block) in enumerate(_blocks(src, per_line=not markdown)):
        begin = 0
        for m in _END.finditer(block):
            before = block[begin:m.start()]
            last = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.split() else ""
            if last in _ABBREV or re.fullmatch(r"[a-z]", last):
                continue
            _emit(out, block, begin, m.end(), base, n)
            begin = m.end()
        _emit(out, block, begin, len(block), base, n)
    return out


def _emit(out: list[Sentence], block: str, begin: int, end: int, base: int, n: int) -> None:
    raw = block[begin:end]
    lead = len(raw) - len(raw.lstrip())
    cleaned = clean(raw)
    if len(cleaned) >= 12 and re.search(r"[A-Za-z]{3}", cleaned):
        out.append(Sentence(cleaned, base + begin + lead, n))
