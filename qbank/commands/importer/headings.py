"""Markdown headings as questions, the answer below them:

    ## Training                     <- no question: a section
    ### Q1: What is an epoch?       <- also "#### 1) ...", "## What is an epoch?"
    One full pass over the training set.

A heading is a question when it is numbered (Q1:, 1), 1.) or reads like one. The answer runs to
the next heading of the same or a higher level; deeper headings stay in the answer."""

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
    number_of,
    question_like,
    skip_lines,
    strip_prefix,
    to_markdown,
)

_QNUM = re.compile(r"^Q(?:uestion)?\s*\d{1,3}\s*[:.)\-]", re.IGNORECASE)


class Headings:
    name = "Markdown headings"

    def detect(self, lines: list[str]) -> int:
        return sum(1 for _, _, q in _headings(lines) if q)

    def parse(self, lines: list[str]) -> Parsed:
        out = Parsed(self.name)
        skipper = Skipper()
        heads = _headings(lines)
        qlevels = [lvl for _, lvl, q in heads if q]
        top = min(qlevels) if qlevels else 1
        section: str | None = None
        covered = 0
        for k, (at, level, is_q) in enumerate(heads):
            if not is_q:
                if level < top or (level == top and at >= covered):
                    skip_lines(skipper, lines, covered, at, "text outside any question")
                    section = clean(HEADING.match(lines[at]).group(2))  # type: ignore[union-attr]
                    covered = at + 1
                continue
            skip_lines(skipper, lines, covered, at, "text outside any question")
            stop = len(lines)
            for nat, nlevel, nq in heads[k + 1:]:
                if nlevel <= level or nq:
                    stop = nat
                    break
            title = HEADING.match(lines[at]).group(2)  # type: ignore[union-attr]
            body = lines[at + 1:stop]
            answer, made = (None, 0) if blank(body) else to_markdown(body)
            label = label_of(number_of(title), section)
            last = max([at] + [at + 1 + j for j, x in enumerate(body) if x.strip()])
            out.entries.append(Entry(strip_prefix(title), answer, at + 1, last + 1, label,
                                     section, made, body_line=at + 2))
            covered = stop
        skip_lines(skipper, lines, covered, len(lines), "text outside any question")
        out.skips = skipper.skips
        return out

    def begins(self, lines: list[str], i: int) -> bool:
        """A heading that asks with a "?" or is numbered as a question ("Q3: Explain ...");
        "### How it works" or "#### 2) Resize" may be a part of an answer."""
        h = HEADING.match(lines[i])
        if not h or comment_before_code(lines, i) or not question_like(h.group(2)):
            return False
        text = clean(h.group(2))
        return text.endswith("?") or bool(_QNUM.match(text))


def _headings(lines: list[str]) -> list[tuple[int, int, bool]]:
    """(line index, level, is a question) of every Markdown heading outside fences."""
    found: list[tuple[int, int, bool]] = []
    in_fence = False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        h = None if in_fence else HEADING.match(line)
        if h and not comment_before_code(lines, i):
            text = h.group(2)
            found.append((i, len(h.group(1)), number_of(text) is not None or question_like(text)))
    return found
