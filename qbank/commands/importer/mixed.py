"""Documents that mix formats: entries of another format are split off where they stand.

The format that recognizes the most questions reads the document first (the host). Its
entries' answers, and the stretches between its entries, may still hold entries written in
another format:

    ## What is dropout?                 <- the host: Markdown headings
    Dropout randomly zeroes ...

    **What is an epoch?**               <- bold question alone as a paragraph
    One full pass over the data.

    Q. What is a tensor?                <- a Q./A. pair
    A. A multi-dimensional array.

    <details><summary>What is ReLU?</summary> ... </details>

Where such an entry begins (`Format.begins`: strict, only what cannot be answer text), the
stretch from there to the end of the host entry (or to the next heading that asks nothing)
is cut off and read by that format; the host reads the document again without it. The cut
stretch may itself hold a third format: it is split the same way. Lines keep their numbers
(the host reads the cut lines as blank ones; a cut stretch is read on its own and its line
numbers shifted back), cuts never fall inside a fenced block, and a `<details>` answer or a
scraped page is never split."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qbank.commands.importer.entry import Entry, Format, Parsed
from qbank.commands.importer.text import HEADING, clean, comment_before_code, fenced, question_like

MAX_DEPTH = 6  # formats nested in formats; deeper is not a real document
_BARE_LABEL = re.compile(r"^Q\d+$")


def parse_mixed(lines: list[str], fmt: Format, formats: Sequence[Format]) -> Parsed:
    parsed, names = _parse(lines, fmt, formats, 0)
    if len(names) > 1:
        parsed.format = " + ".join(names)
    return parsed


def _parse(lines: list[str], fmt: Format, formats: Sequence[Format],
           depth: int) -> tuple[Parsed, list[str]]:
    parsed = fmt.parse(lines)
    if depth >= MAX_DEPTH:
        return parsed, [fmt.name]
    others = [f for f in formats if f.name != fmt.name]
    cuts = _cuts(lines, parsed, others)
    if not cuts:
        return parsed, [fmt.name]
    rest = list(lines)
    for start, stop, _, _ in cuts:
        rest[start:stop] = [""] * (stop - start)
    host = fmt.parse(rest)
    for e in host.entries:  # text on both sides of a cut: one blank line between, not many
        if e.answer and any(e.line <= start and stop < e.end for start, stop, _, _ in cuts):
            e.answer = _one_blank(e.answer)
    entries, skips, names = list(host.entries), list(host.skips), [fmt.name]
    host_sections = {e.line: e.section for e in host.entries}
    for start, stop, other, (where, section) in cuts:
        if where is not None:  # cut off an answer: under the section the host now gives it
            section = host_sections.get(where, section)
        # read alone: no parser looks outside what it is given, so only line numbers shift
        sub, sub_names = _parse(lines[start:stop], other, formats, depth + 1)
        for e in sub.entries:
            e.line, e.end = e.line + start, e.end + start
            if e.body_line is not None:
                e.body_line += start
            _place(e, section)
        for s in sub.skips:
            s.line, s.end = s.line + start, s.end + start
        entries += sub.entries
        skips += sub.skips
        names += [n for n in sub_names if n not in names]
    entries.sort(key=lambda e: e.line)
    skips.sort(key=lambda s: s.line)
    return Parsed(parsed.format, entries, skips), names


def _one_blank(text: str) -> str:
    """Runs of blank lines outside fences as one blank line."""
    lines = text.split("\n")
    inside = fenced(lines)
    out = [x for k, x in enumerate(lines)
           if inside[k] or x.strip() or k == 0 or lines[k - 1].strip() or inside[k - 1]]
    return "\n".join(out)


def _place(entry: Entry, section: str | None) -> None:
    """An entry cut off another format's text stands under that text's section."""
    if entry.section is None and section:
        entry.section = section
        if entry.label and _BARE_LABEL.match(entry.label):
            entry.label = f"{section} {entry.label}"


_Cut = tuple[int, int, Format, tuple[int | None, str | None]]


def _cuts(lines: list[str], parsed: Parsed, others: Sequence[Format]) -> list[_Cut]:
    """(first line, end line exclusive, format, (line of the entry whose answer it is cut off,
    section)) of each stretch to cut off; 0-based, the entry's line as in `Entry.line`."""
    n = len(lines)
    inside = fenced(lines)
    held = [False] * n
    regions: list[tuple[int, int, int | None]] = []  # (from, to, the entry's line or None)
    for e in parsed.entries:
        held[e.line - 1:e.end] = [True] * (e.end - e.line + 1)
        if e.body_line is not None and e.body_line <= e.end:
            regions.append((e.body_line - 1, e.end, e.line))
    k = 0
    while k < n:  # the stretches no entry holds
        if held[k]:
            k += 1
            continue
        gap = k
        while k < n and not held[k]:
            k += 1
        regions.append((gap, k, None))
    cuts: list[_Cut] = []
    sections: list[str | None] | None = None
    for lo, hi, where in sorted(regions, key=lambda r: r[0]):
        i = lo
        while i < hi:
            if inside[i] or not lines[i].strip():
                i += 1
                continue
            fmt = next((f for f in others if f.begins(lines, i)), None)
            if fmt is None:
                i += 1
                continue
            stop = _stop(lines, inside, i, hi)
            sections = sections or _sections(lines, inside)
            cuts.append((i, stop, fmt, (where, sections[i])))
            i = stop
    return cuts


def _stop(lines: list[str], inside: list[bool], i: int, hi: int) -> int:
    """Where the stretch cut off at line i ends: at the next heading that asks nothing (of
    the same or a higher level when the stretch opens with a heading), else at `hi`."""
    h = HEADING.match(lines[i])
    level = len(h.group(1)) if h else 6
    for j in range(i + 1, hi):
        if inside[j]:
            continue
        m = HEADING.match(lines[j])
        if (m and len(m.group(1)) <= level and not comment_before_code(lines, j)
                and not question_like(m.group(2))):
            return j
    return hi


def _sections(lines: list[str], inside: list[bool]) -> list[str | None]:
    """Per line, the heading that asks nothing last before it: the section of what is cut
    there."""
    out: list[str | None] = []
    section: str | None = None
    for j, line in enumerate(lines):
        out.append(section)
        m = None if inside[j] else HEADING.match(line)
        if m and not comment_before_code(lines, j) and not question_like(m.group(2)):
            section = clean(m.group(2))
    return out
