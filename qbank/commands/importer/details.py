"""HTML `<details>` answers, as kept in GitHub READMEs:

    1. What is an epoch?                           <- the question before the block, when
    <details><summary>Answer</summary>                the summary only says "Answer"
    One full pass over the training set.
    </details>

    <details>
    <summary>What is dropout?</summary>            <- or the question in the summary
    ...
    </details>
"""

from __future__ import annotations

import re

from qbank.commands.importer.entry import Entry, Parsed
from qbank.commands.importer.text import (
    HEADING,
    Skipper,
    blank,
    clean,
    number_of,
    question_like,
    skip_lines,
    strip_prefix,
    to_markdown,
)

OPEN = re.compile(r"<details\b[^>]*>", re.IGNORECASE)
CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)
SUMMARY = re.compile(r"<summary\b[^>]*>(.*?)</summary\s*>", re.IGNORECASE | re.DOTALL)
GENERIC = re.compile(r"^(show |see |click (here )?(to )?(see |show |reveal |expand )?(the )?)?"
                     r"(answer|solution|reveal|expand|explanation|details)s?\W*$", re.IGNORECASE)
_MARKERS = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+)?")


class Details:
    name = "HTML <details> answers"

    def detect(self, lines: list[str]) -> int:
        return len(_blocks(lines))

    def parse(self, lines: list[str]) -> Parsed:
        out = Parsed(self.name)
        skipper = Skipper()
        covered = 0
        for start, stop in _blocks(lines):
            block = "\n".join(lines[start:stop + 1])
            sm = SUMMARY.search(block)
            summary = clean(sm.group(1)) if sm else ""
            q_at = start
            if not summary or GENERIC.match(summary):
                prev = [j for j in range(covered, start) if lines[j].strip()]
                if not prev:
                    skip_lines(skipper, lines, start, stop + 1, "answer block without a question")
                    covered = stop + 1
                    continue
                q_at = prev[-1]
                while q_at - 1 in prev and not _marker(lines[q_at]):
                    q_at -= 1  # a question wrapped over several lines
                question_src = " ".join(x.strip() for x in lines[q_at:prev[-1] + 1])
                num = number_of(re.sub(r"^\s*(?:#{1,6}\s+|[-*+]\s+)", "", question_src))
                question_src = _MARKERS.sub("", question_src, count=1)
            else:
                question_src = summary
                num = number_of(summary)
            skip_lines(skipper, lines, covered, q_at, "text outside any question")
            inner = block[sm.end():] if sm else OPEN.sub("", block, count=1)
            inner = CLOSE.split(inner)[0]
            body = inner.split("\n")
            answer, made = (None, 0) if blank(body) else to_markdown(body)
            section = None
            for j in range(0, q_at):
                h = HEADING.match(lines[j])
                if h and j != q_at:
                    section = clean(h.group(2))
            label = f"Q{num}" if num is not None else None
            out.entries.append(Entry(strip_prefix(question_src), answer, q_at + 1, stop + 1,
                                     label, section, made))
            covered = stop + 1
        skip_lines(skipper, lines, covered, len(lines), "text outside any question")
        out.skips = skipper.skips
        return out

    def begins(self, lines: list[str], i: int) -> bool:
        """A `<details>` block whose summary asks; or, when the summary only says "Answer",
        the question standing just before it (line i opens that question)."""
        if OPEN.search(lines[i]):
            summary = _summary(lines, i)
            return bool(summary) and not GENERIC.match(summary) and question_like(summary)
        if not lines[i].strip():
            return False
        j = i
        while j < len(lines) and j - i < 4 and lines[j].strip() and not OPEN.search(lines[j]):
            j += 1
        last = j - 1  # the question's last line (a question of up to 4 lines)
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j >= len(lines) or not OPEN.search(lines[j]) or not lines[last].strip():
            return False
        summary = _summary(lines, j)
        if summary and not GENERIC.match(summary):
            return False
        q_at = last  # where `parse` finds the question's first line
        while q_at - 1 >= 0 and lines[q_at - 1].strip() and not _marker(lines[q_at]):
            q_at -= 1
        text = " ".join(x.strip() for x in lines[q_at:last + 1])
        return q_at == i and question_like(_MARKERS.sub("", text, count=1))


def _marker(line: str) -> bool:
    """The line opens an item: a heading, list or number marker."""
    m = _MARKERS.match(line)
    return bool(m and m.group(0))


def _summary(lines: list[str], start: int) -> str:
    """The summary of the <details> block opening on line `start` ("" when none)."""
    j = start
    while j < len(lines) and j - start < 20 and not CLOSE.search(lines[j]):
        j += 1
    sm = SUMMARY.search("\n".join(lines[start:j + 1]))
    return clean(sm.group(1)) if sm else ""


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line index of every <details> ... </details> block."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if OPEN.search(lines[i]):
            j = i
            while j < len(lines) and not CLOSE.search(lines[j]):
                j += 1
            found.append((i, min(j, len(lines) - 1)))
            i = j + 1
        else:
            i += 1
    return found
