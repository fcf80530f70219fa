"""Q./A. pairs:

    Q. What is an epoch?            <- also "Q:", "Q1:", "Question 1." (and bold **Q:**)
    A. One full pass over the training set.

The question runs to the A. line (it may take several lines), the answer to the next Q."""

from __future__ import annotations

import re

from qbank.commands.importer.entry import Entry, Parsed
from qbank.commands.importer.text import (
    FENCE,
    Skipper,
    blank,
    marker_follows,
    skip_lines,
    to_markdown,
)

Q = re.compile(r"^\s*(?:\*\*|__)?Q(?:uestion)?\s*(\d{1,3})?\s*[.:)](?:\*\*|__)?\s*(.*)$")
A = re.compile(r"^\s*(?:\*\*|__)?A(?:ns(?:wer)?)?\s*(\d{1,3})?\s*[.:)](?:\*\*|__)?\s*(.*)$")


class QA:
    name = "Q./A. pairs"

    def detect(self, lines: list[str]) -> int:
        qs, ans = _marks(lines)
        return len(qs) if ans else 0

    def parse(self, lines: list[str]) -> Parsed:
        out = Parsed(self.name)
        skipper = Skipper()
        qs, ans = _marks(lines)
        covered = 0
        for k, at in enumerate(qs):
            skip_lines(skipper, lines, covered, at, "text outside any question")
            stop = qs[k + 1] if k + 1 < len(qs) else len(lines)
            a_at = next((a for a in ans if at < a < stop), None)
            m = Q.match(lines[at])
            assert m is not None
            q_lines = [m.group(2)] + lines[at + 1:a_at if a_at is not None else stop]
            body: list[str] = []
            if a_at is not None:
                am = A.match(lines[a_at])
                assert am is not None
                body = ([am.group(2)] if am.group(2).strip() else []) + lines[a_at + 1:stop]
            else:
                q_lines = [m.group(2)]
                body = lines[at + 1:stop]
            question, _ = to_markdown(q_lines)
            answer, made = (None, 0) if blank(body) else to_markdown(body)
            label = f"Q{m.group(1)}" if m.group(1) else None
            last = max([at] + [j for j in range(at + 1, stop) if lines[j].strip()])
            body_line = (a_at if a_at is not None else at) + 2
            out.entries.append(Entry(question, answer, at + 1, last + 1, label, None, made,
                                     body_line=body_line))
            covered = stop
        skip_lines(skipper, lines, covered, len(lines), "text outside any question")
        out.skips = skipper.skips
        return out

    def begins(self, lines: list[str], i: int) -> bool:
        """A `Q.` line that asks, with its `A.` line after it."""
        m = Q.match(lines[i])
        return bool(m and m.group(2).strip()) and marker_follows(lines, i, A, Q)


def _marks(lines: list[str]) -> tuple[list[int], list[int]]:
    qs: list[int] = []
    ans: list[int] = []
    in_fence = False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            if Q.match(line) and Q.match(line).group(2).strip():  # type: ignore[union-attr]
                qs.append(i)
            elif A.match(line):
                ans.append(i)
    return qs, ans
