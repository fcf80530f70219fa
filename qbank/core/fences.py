"""Fenced code blocks in a record's Markdown, with their options and positions.

```` ```python ```` runs; ```` ```python fragment ```` is checked statically only;
```` ```python raises=ValueError ```` must raise; ```` ```python timeout=60 ```` allows longer;
```` ```output ```` right after a python fence is that fence's expected standard output;
```` ```python unfenced ```` is `qbank import`'s mark on a fence it made from code the source had
outside any fence: the fence runs as it would without the mark, but where the code starts and
ends is the importer's guess (TXT009 reports the mark until a reviewer checks and removes it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from qbank.core.loader import KeyPath, LoadedRecord, Pos

MARKDOWN_FIELDS = ("question", "answer")
_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")
PYTHON_LANGS = {"python", "py", "python3", "pycon"}

# The words after the language that qbank knows (RUN013 reports any other): flags, and
# options written `name=value`.
UNFENCED = "unfenced"
FENCE_FLAGS: dict[str, str] = {
    "fragment": "cannot run alone: checked statically only",
    "norun": "never run",
    UNFENCED: "made by `qbank import` from code outside any fence: its extent is a guess",
}
FENCE_OPTIONS: dict[str, str] = {"raises": "an exception name", "timeout": "seconds (1 to 600)"}

# What word processors and web pages put in code, and what the code needs instead
# (TXT002 reports them; the RUN static checks read code with them straightened).
TYPOGRAPHIC: dict[str, str] = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2026": "...",
}


@dataclass(frozen=True)
class Fence:
    path: KeyPath  # the field holding the Markdown
    lang: str
    options: dict[str, str] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()
    body: str = ""
    start: int = 0  # offset of the opening fence line in the field's text
    body_start: int = 0  # offset of the first body line
    closed: bool = True
    index: int = 0  # position among the record's fences

    @property
    def is_python(self) -> bool:
        return self.lang in PYTHON_LANGS

    @property
    def runs(self) -> bool:
        return self.is_python and "fragment" not in self.flags and "norun" not in self.flags

    @property
    def unfenced(self) -> bool:
        """Made by the importer from code the source had outside any fence (a guess)."""
        return UNFENCED in self.flags

    @property
    def raises(self) -> str | None:
        return self.options.get("raises")

    def body_line_pos(self, rec: LoadedRecord, body_line: int) -> Pos:
        """The file position of line `body_line` (1-based) of this fence's body."""
        offset = self.body_start
        for _ in range(body_line - 1):
            nxt = self.body.find("\n", offset - self.body_start)
            if nxt < 0:
                break
            offset = self.body_start + nxt + 1
        return rec.text_pos(self.path, offset)

    def opening_pos(self, rec: LoadedRecord) -> Pos:
        return rec.text_pos(self.path, self.start)


def parse_info(info: str) -> tuple[str, dict[str, str], frozenset[str]]:
    words = info.strip().split()
    if not words:
        return "", {}, frozenset()
    lang = words[0].lower().lstrip("{.").rstrip("}")
    options: dict[str, str] = {}
    flags: set[str] = set()
    for word in words[1:]:
        if "=" in word:
            key, _, value = word.partition("=")
            options[key.lower()] = value.strip("\"'")
        else:
            flags.add(word.lower())
    return lang, options, frozenset(flags)


def fences_in(text: str, path: KeyPath) -> Iterator[Fence]:
    lines = text.splitlines(keepends=True)
    offset = 0
    i = 0
    count = 0
    while i < len(lines):
        m = _OPEN.match(lines[i].rstrip("\r\n"))
        if not m:
            offset += len(lines[i])
            i += 1
            continue
        marker = m.group("fence")
        start = offset
        offset += len(lines[i])
        body_start = offset
        body_lines: list[str] = []
        closed = False
        i += 1
        close = re.compile(r"^ {0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}\s*$")
        while i < len(lines):
            line = lines[i]
            offset += len(line)
            i += 1
            if close.match(line.rstrip("\r\n")):
                closed = True
                break
            body_lines.append(line)
        lang, options, flags = parse_info(m.group("info"))
        yield Fence(path, lang, options, flags, "".join(body_lines), start, body_start, closed,
                    count)
        count += 1


def record_fences(rec: LoadedRecord) -> list[Fence]:
    """The record's fences, parsed once per record."""
    cached: list[Fence] | None = rec.memo.get("fences")
    if cached is not None:
        return cached
    out: list[Fence] = []
    for name in MARKDOWN_FIELDS:
        value = rec.field(name)
        if isinstance(value, str):
            out.extend(fences_in(value, (name,)))
    rec.memo["fences"] = out
    return out


def expected_output(fences: list[Fence], fence: Fence) -> Fence | None:
    """The ```output fence right after `fence`, in the same field, if any."""
    for nxt in fences:
        if nxt.path == fence.path and nxt.start > fence.start:
            return nxt if nxt.lang == "output" else None
    return None


@lru_cache(maxsize=16384)
def mask_fences(text: str, inline: bool = False) -> str:
    """The text with every fenced block (and, with `inline`, every `code span`) blanked out,
    keeping offsets: prose checks then map positions straight back to the file."""
    chars = list(text)
    for f in fences_in(text, ()):
        end = f.body_start + len(f.body)
        nl = text.find("\n", end)
        stop = len(text) if (nl < 0 or not f.closed) else nl
        _blank(chars, f.start, stop)
    if inline:
        for m in re.finditer(r"(`+)[^`\n]+?\1", "".join(chars)):
            _blank(chars, m.start(), m.end())
    return "".join(chars)


def _blank(chars: list[str], start: int, stop: int) -> None:
    for i in range(start, stop):
        if chars[i] != "\n":
            chars[i] = " "
