"""Split Markdown prose into sentences, keeping each sentence's offset in the source text.

Fenced blocks are blanked first (`qbank.core.fences.mask_fences`, offsets kept); inline code spans
are kept (their text matters: `Dropout(0.8)`, `return_sequences=True`) with the backticks removed.
Paragraph breaks, list items, headings and table rows always end a sentence.

Some sentences state nothing alone: a list item that is a fragment ("- Use gradient clipping",
fewer than 8 words) says what it says under the sentence that introduces its list ("Gradients
become too small. Solutions:"), and a table row ("Performance | Slightly better | Faster to
train") under its header row ("Feature | LSTM | GRU"). Such a sentence carries that reading in
`context` (empty for the others); a list item of full sentences stands alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from qbank.core.fences import mask_fences

_ABBREV = {"e.g", "i.e", "vs", "etc", "cf", "fig", "eq", "approx", "resp", "al", "no", "dr", "mr"}
_END = re.compile(r"[.!?]+[\"')\]]*\s+")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s|\||>\s?)")
_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+")
_FRAGMENT = 8  # a list item of fewer words is a fragment, read after its list's lead-in
_RULE_ROW = re.compile(r"^[\s|:-]*-{2,}[\s|:-]*$")  # a table's |---|---| line
_MARKUP = re.compile(r"\*\*|__|(?<![\w*])\*(?!\s)|(?<!\s)\*(?![\w*])|`|\$|"
                     r"^\s*(?:[-*+]|\d+[.)])\s+|^\s*#{1,6}\s+|^\s*>\s?")
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str  # cleaned, one line
    offset: int  # offset of its first character in the source text
    block: int = 0  # index of its paragraph: sentences of one paragraph share it
    context: str = ""  # the sentence read with what it depends on (list lead-in, table header)


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


def _spans(block: str) -> list[tuple[int, int]]:
    """(begin, end) of each sentence of one block."""
    out: list[tuple[int, int]] = []
    begin = 0
    for m in _END.finditer(block):
        before = block[begin:m.start()]
        last = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.split() else ""
        if last in _ABBREV or re.fullmatch(r"[a-z]", last):
            continue
        out.append((begin, m.end()))
        begin = m.end()
    out.append((begin, len(block)))
    return out


def _cells(row: str) -> list[str]:
    body = row.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return [clean(c) for c in body.split("|")]


def _lead(block: str) -> str:
    """The end of a paragraph that introduces a list: its last two sentences, short ones kept
    ("Solutions:")."""
    spans = [clean(block[b:e]) for b, e in _spans(block)]
    return " ".join(x for x in spans[-2:] if x)


def _table_reading(header: list[str], row: list[str]) -> str:
    """A table row read with its header: "Performance: LSTM Slightly better; GRU Faster"."""
    pairs = [f"{h} {c}".strip() for h, c in zip(header[1:], row[1:], strict=False) if c]
    if not pairs or len(header) < 2:
        return ""
    return (f"{row[0]}: " if row[0] else "") + "; ".join(pairs) + "."


def split(text: str, *, markdown: bool = True) -> list[Sentence]:
    """The sentences of `text` (Markdown prose: fences are ignored). With `markdown=False`
    (plain text such as scraped pages) every line is its own paragraph."""
    src = mask_fences(text) if markdown else text
    out: list[Sentence] = []
    # what came before, for the context of list items and table rows
    stack: list[tuple[int, str]] = []  # open list levels: (indent, lead text for their items)
    para_lead = ""  # the lead of a list that would start now (the last paragraph or heading)
    header: list[str] | None = None  # the header row of the table being read
    prev_end = -1
    for n, (base, block) in enumerate(_blocks(src, per_line=not markdown)):
        first = block.split("\n", 1)[0]
        item = _ITEM.match(first)
        is_row = first.count("|") >= 2
        context = ""
        if is_row:
            if header is None or base != prev_end:
                header = _cells(first)  # a new table: its first row is the header
            elif not _RULE_ROW.match(first):
                context = _table_reading(header, _cells(first))
            stack, para_lead = [], ""
        else:
            header = None
            if item:
                indent = len(item.group("indent"))
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                context_lead = stack[-1][1] if stack else para_lead
                b, e = _spans(block)[0]
                body = clean(block[b:e])
                if context_lead and body and len(re.findall(r"[A-Za-z]{2,}", body)) < _FRAGMENT:
                    context = f"{context_lead} {body}"
                stack.append((indent, _lead(block)))
            else:
                stack, para_lead = [], _lead(block) if block.strip() else ""
        prev_end = base + len(block)
        for i, (b, e) in enumerate(_spans(block)):
            _emit(out, block, b, e, base, n, context if i == 0 else "")
    return out


def _emit(out: list[Sentence], block: str, begin: int, end: int, base: int, n: int,
          context: str) -> None:
    raw = block[begin:end]
    lead = len(raw) - len(raw.lstrip())
    cleaned = clean(raw)
    if len(cleaned) >= 12 and re.search(r"[A-Za-z]{3}", cleaned):
        out.append(Sentence(cleaned, base + begin + lead, n, context if context != cleaned
                            else ""))
