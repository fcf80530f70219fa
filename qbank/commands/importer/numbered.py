"""Numbered lists of questions, with or without answers:

    # Fundamentals              <- a heading that is no question names the section
    1. What is an epoch?
    Answer:                     <- optional; "Answer: text" on one line works too
    One full pass over the training set.
    2. Describe dropout.        <- no answer: the entry has none

Items count as questions when they read like one (a "?" or an asking verb) or continue the
numbering; a numbered list inside an answer (steps 1, 2, 3) does neither and stays in it."""

from __future__ import annotations

import re

from qbank.commands.importer.entry import Entry, Parsed
from qbank.commands.importer.text import (
    FENCE,
    HEADING,
    Skipper,
    blank,
    clean,
    comment_before_code,
    label_of,
    marker_follows,
    question_like,
    skip_lines,
    to_markdown,
)

ITEM = re.compile(r"^(\d{1,3})\s*[.)]\s+(\S.*)$")
ANSWER = re.compile(r"^\s*(?:\*\*|__)?(?:Answer|Ans)\s*[:.]\s*(?:\*\*|__)?\s*(.*)$", re.IGNORECASE)


class Numbered:
    name = "numbered list"

    def detect(self, lines: list[str]) -> int:
        return sum(1 for n, _, _ in _items(lines) if n is not None)

    def parse(self, lines: list[str]) -> Parsed:
        out = Parsed(self.name)
        skipper = Skipper()
        starts = _items(lines)
        section: str | None = None
        covered = 0
        for k, (num, at, kind) in enumerate(starts):
            if kind == "heading":
                skip_lines(skipper, lines, covered, at, "text outside any question")
                section = clean(HEADING.match(lines[at]).group(2))  # type: ignore[union-attr]
                covered = at + 1
                continue
            skip_lines(skipper, lines, covered, at, "text outside any question")
            stop = starts[k + 1][1] if k + 1 < len(starts) else len(lines)
            out.entries.append(_entry(lines, at, stop, num, section))
            covered = stop
        skip_lines(skipper, lines, covered, len(lines), "text outside any question")
        out.skips = skipper.skips
        return out

    def begins(self, lines: list[str], i: int) -> bool:
        """`N. question?` with its `Answer:` line after it (a numbered list inside an answer
        has none)."""
        m = ITEM.match(lines[i])
        return (m is not None and question_like(m.group(2))
                and marker_follows(lines, i, ANSWER, ITEM))


def _items(lines: list[str]) -> list[tuple[int | None, int, str]]:
    """(number, line index, 'item' | 'heading') of every question item and section heading."""
    found: list[tuple[int | None, int, str]] = []
    last = 0
    nested = False
    in_fence = False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        h = HEADING.match(line)
        if h and not comment_before_code(lines, i) and not question_like(h.group(2)):
            found.append((None, i, "heading"))
            last, nested = 0, False
            continue
        m = ITEM.match(line)
        if m:
            n = int(m.group(1))
            if question_like(m.group(2)) or (n == last + 1 and last > 0 and not nested):
                found.append((n, i, "item"))
                last, nested = n, False
            else:
                nested = True  # a numbered list inside an answer: its numbers continue nothing
    return found


def _entry(lines: list[str], at: int, stop: int, num: int | None, section: str | None) -> Entry:
    m = ITEM.match(lines[at])
    assert m is not None
    question = [re.sub(r"^(\*\*|__)(.+)\1$", r"\2", m.group(2).strip())]  # **Q?** -> Q?
    body = lines[at + 1:stop]
    marker = next((j for j, x in enumerate(body) if ANSWER.match(x)), None)
    if marker is not None:
        question += body[:marker]
        rest = ANSWER.match(body[marker]).group(1)  # type: ignore[union-attr]
        body = ([rest] if rest.strip() else []) + body[marker + 1:]
    q, _ = to_markdown(question)
    body_line = at + 2 if marker is None else at + marker + 3
    if blank(body):
        answer, made = None, 0
    else:
        answer, made = to_markdown(body)
    last = max([at] + [at + 1 + j for j, x in enumerate(lines[at + 1:stop]) if x.strip()])
    label = label_of(num, section)
    return Entry(question=q, answer=answer, line=at + 1, end=last + 1, label=label,
                 section=section, code_blocks=made, body_line=body_line)
