"""Bold questions, the answer after them:

    **What is an epoch?**
    One full pass over the training set.

    **Q2. Why shuffle the data?** Because ...      <- an answer may start on the same line

A bold line is a question when it is numbered or reads like one; `**Pros:**` is not."""

from __future__ import annotations

import re

from qbank.commands.importer.entry import Entry, Parsed
from qbank.commands.importer.text import (
    FENCE,
    HEADING,
    Skipper,
    blank,
    clean,
    label_of,
    number_of,
    question_like,
    skip_lines,
    strip_prefix,
    to_markdown,
)

BOLD = re.compile(r"^\s*(?:[-*+]\s+|\d{1,3}[.)]\s+)?(\*\*|__)(.+?)\1\s*(.*)$")
ALONE = re.compile(r"^ {0,3}(\*\*|__)((?:(?!\1).)+)\1\s*$")  # a whole line in bold, no marker


def _question(line: str) -> tuple[str, str] | None:
    m = BOLD.match(line)
    if not m:
        return None
    inner = m.group(2).strip()
    if number_of(inner) is None and not ("?" in inner or (question_like(inner) and
                                         len(inner) > 15 and not inner.endswith(":"))):
        return None
    return inner, m.group(3)


class Bold:
    name = "bold questions"

    def detect(self, lines: list[str]) -> int:
        return len(_starts(lines))

    def parse(self, lines: list[str]) -> Parsed:
        out = Parsed(self.name)
        skipper = Skipper()
        starts = _starts(lines)
        covered = 0
        section: str | None = None
        for k, at in enumerate(starts):
            skip_lines(skipper, lines, covered, at, "text outside any question")
            stop = starts[k + 1] if k + 1 < len(starts) else len(lines)
            for j in range(at + 1, stop):  # a heading ends the answer
                if HEADING.match(lines[j]):
                    stop = j
                    break
            for j in range(covered, at):
                h = HEADING.match(lines[j])
                if h:
                    section = clean(h.group(2))
            q = _question(lines[at])
            assert q is not None
            inner, rest = q
            body = ([rest] if rest.strip() else []) + lines[at + 1:stop]
            answer, made = (None, 0) if blank(body) else to_markdown(body)
            label = label_of(number_of(inner), section)
            last = max([at] + [j for j in range(at + 1, stop) if lines[j].strip()])
            out.entries.append(Entry(strip_prefix(inner), answer, at + 1, last + 1, label,
                                     section, made, body_line=at + 2))
            covered = stop
        skip_lines(skipper, lines, covered, len(lines), "text outside any question")
        out.skips = skipper.skips
        return out

    def begins(self, lines: list[str], i: int) -> bool:
        """A bold question standing alone as a paragraph: the whole line in bold, after a
        blank line, ending with "?" (an answer may follow on the next line), or reading like a
        question and being the whole paragraph. `**Note:** use a small learning rate.` is
        emphasis inside an answer, not a question."""
        m = ALONE.match(lines[i])
        if not m or (i > 0 and lines[i - 1].strip()) or _question(lines[i]) is None:
            return False
        inner = m.group(2).strip()
        if inner.endswith("?"):
            return True
        whole = i + 1 >= len(lines) or not lines[i + 1].strip()
        return whole and question_like(inner)


def _starts(lines: list[str]) -> list[int]:
    found: list[int] = []
    in_fence = False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and _question(line):
            found.append(i)
    return found
