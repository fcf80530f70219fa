"""Shared helpers of the parsers: what a question looks like, and how answer lines become
Markdown with their code fenced.

The importer fences code; it never fixes it. Typographic quotes, lost indentation, TF1 APIs
and placeholder text stay exactly as the source has them, so that the gate reports them. Every
fence it makes carries the `unfenced` mark (```` ```python unfenced ````): where the code starts
and ends is its guess, and TXT009 reports the mark until a reviewer has checked it."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

from qbank.commands.importer.entry import Skip
from qbank.core.codelines import is_sentence, looks_like_code, looks_like_output
from qbank.core.fences import UNFENCED

_ASK = re.compile(
    r"^(what|what's|whats|why|how|when|where|which|who|whom|whose|is|are|can|could|do|does|did|"
    r"should|would|will|explain|describe|define|compare|contrast|list|name|give|state|discuss|"
    r"differentiate|distinguish|outline|mention|write|implement|derive|calculate|compute|"
    r"suppose|given|consider|tell|walk|summarize|summarise|show|prove|design)\b",
    re.IGNORECASE)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_PREFIX = re.compile(r"^(?:Q(?:uestion)?\s*\d*\s*[:.)\-]\s*|\d{1,3}\s*[:.)]\s+)", re.IGNORECASE)
_NUMBER = re.compile(r"^(?:Q(?:uestion)?\s*)?(\d{1,3})\s*[:.)\-]", re.IGNORECASE)

# A line of Python standing in prose; the same test as TXT009 (validators/txt), so that what
# the importer leaves unfenced is what the gate would not call code either.
# Lines that continue a run of code once it has started.
_MORE = re.compile(
    r"""^\s*(
        (\#.*)
      | ([\w.\[\]'"]+(\s*,\s*[\w.\[\]]+)*\s*([-+*/%@]|//|\*\*)?=\s*\S.*)   # assignment
      | ([\w.]+\(.*\)\s*[)\],]*\s*(\#.*)?)                               # a call
      | (return\b.*|pass|break|continue|raise\b.*|yield\b.*|assert\b.*)
      | ((else|try|finally)\s*:.*|(elif|except|with|for|while|if)\b.*:\s*(\#.*)?)
      | (@[\w.]+.*)
      | ([)\]}]+[)\]},:]*\s*)
    )$""", re.VERBOSE)


def clean(text: str) -> str:
    """Inline Markdown emphasis and HTML tags removed, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return " ".join(text.split())


def strip_prefix(text: str) -> str:
    """'Q3: What is X?' / '3) What is X?' -> 'What is X?'."""
    return _PREFIX.sub("", clean(text), count=1).strip()


def number_of(text: str) -> int | None:
    m = _NUMBER.match(clean(text))
    return int(m.group(1)) if m else None


def label_of(num: int | None, section: str | None = None) -> str | None:
    """An entry's label in the import report: "Q3", or "Fundamentals Q3" under a section."""
    if num is None:
        return None
    return f"{section} Q{num}" if section else f"Q{num}"


def question_like(text: str) -> bool:
    t = strip_prefix(text)
    return bool(t) and ("?" in t or bool(_ASK.match(t)))


def continues_code(line: str, previous: str) -> bool:
    s = line.strip()
    if not s or len(s) > 200:
        return False
    if _open_brackets(previous) > 0 or previous.rstrip().endswith((":", ",", "\\", "(", "[", "{")):
        return not is_sentence(s)
    return looks_like_code(s) or (bool(_MORE.match(s)) and not is_sentence(s))


def _open_brackets(line: str) -> int:
    depth = 0
    for ch in re.sub(r"(['\"‘’“”]).*?\1", "", line):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
    return depth


def to_markdown(lines: list[str]) -> tuple[str, int]:
    """Answer (or question) lines as Markdown: existing fences kept as they are, runs of
    unfenced Python wrapped in a ```python unfenced fence, and the output that a sentence
    announces ("The output will be as follows:") in a ```text unfenced fence. Returns the text
    and the fences made."""
    lines = textwrap.dedent("\n".join(lines)).split("\n")
    out: list[str] = []
    made = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line)
        if m:  # an existing fence: copied through to its closing line
            out.append(line)
            i += 1
            while i < len(lines):
                out.append(lines[i])
                i += 1
                if lines[i - 1].strip().startswith(m.group(1)):
                    break
            continue
        if _starts_code(lines, i):
            run = [line]
            i += 1
            while i < len(lines):
                nxt = lines[i]
                if not nxt.strip():
                    after = next((x for x in lines[i + 1:] if x.strip()), "")
                    if after and looks_like_code(after) and not FENCE.match(after):
                        run.append("")
                        i += 1
                        continue
                    break
                if FENCE.match(nxt) or not continues_code(nxt, run[-1]):
                    break
                run.append(nxt)
                i += 1
            while run and not run[-1].strip():
                run.pop()
            out.append(f"```python {UNFENCED}")
            out.extend(run)
            out.append("```")
            made += 1
            continue
        said = next((x for x in reversed(out) if x.strip()), "")
        if looks_like_output(line, said) and not FENCE.match(said):
            run = [line]
            i += 1
            while i < len(lines) and lines[i].strip() and looks_like_output(lines[i], said):
                run.append(lines[i])
                i += 1
            out.append(f"```text {UNFENCED}")
            out.extend(run)
            out.append("```")
            made += 1
            continue
        out.append(line)
        i += 1
    return _trim("\n".join(x.rstrip() for x in out)), made


def _starts_code(lines: list[str], i: int) -> bool:
    return looks_like_code(lines[i]) or comment_before_code(lines, i)


def comment_before_code(lines: list[str], i: int) -> bool:
    """A '# words' line followed by code: a Python comment, not a Markdown heading."""
    if not re.match(r"^\s*#\s", lines[i]):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return looks_like_code(nxt)


def _trim(text: str) -> str:
    return text.strip("\n")


def marker_follows(lines: list[str], i: int, marker: re.Pattern[str],
                   stop: re.Pattern[str]) -> bool:
    """The question on line i is followed by its answer marker (`A.`, `Answer:`): on a later
    line of the same paragraph (the question may wrap over a few lines), or on the first line
    after the blank lines that end it. A `stop` line (another question) or a fence first: no."""
    j = i + 1
    while j < len(lines) and lines[j].strip() and j <= i + 6:
        if marker.match(lines[j]):
            return True
        if stop.match(lines[j]) or FENCE.match(lines[j]):
            return False
        j += 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j < len(lines) and bool(marker.match(lines[j]))


def fenced(lines: list[str]) -> list[bool]:
    """Per line: inside a fenced block (its fence lines included), as the parsers count it."""
    out: list[bool] = []
    inside = False
    for line in lines:
        if FENCE.match(line):
            inside = not inside
            out.append(True)
        else:
            out.append(inside)
    return out


def blank(lines: Iterable[str]) -> bool:
    return all(not x.strip() for x in lines)


class Skipper:
    """Collects skipped lines into stretches with one reason each."""

    def __init__(self) -> None:
        self.skips: list[Skip] = []

    def add(self, line: int, end: int, reason: str) -> None:
        last = self.skips[-1] if self.skips else None
        if last and last.reason == reason and line <= last.end + 2:
            last.end = max(last.end, end)
        else:
            self.skips.append(Skip(line, end, reason))


def skip_lines(skipper: Skipper, lines: list[str], start: int, stop: int, reason: str) -> None:
    """Record lines[start:stop] (0-based) as skipped when they hold any text."""
    text_at = [k for k in range(start, stop) if lines[k].strip()]
    if text_at:
        skipper.add(text_at[0] + 1, text_at[-1] + 1, reason)
