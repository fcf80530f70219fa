"""Plain text pages, as scraped from the web: paragraphs separated by blank lines, the questions'
headings often lost, navigation and promotion around and between them.

What is skipped: navigation (runs of short list items and short labels before the first and
after the last paragraph of content), page text about the page itself (ratings, "these
interview questions will help you", salaries, sign-up calls), promotion lines in italics
between entries.

Where an entry starts (the questions' headings being lost, the cuts are inferred):
- a paragraph that asks (a "?" in its first sentence, or an asking first word);
- after a promotion line (it stood between two questions);
- an answer opener ("**Answer:**", "Correct answer is B", "Option c is the correct answer",
  "Yes, ...", "The output will be ...") once the current entry already has an answer body;
- a definition ("Dropout is a regularization technique ...") of something the current entry
  never mentions;
- a paragraph identical to the first paragraph of an earlier entry (the page repeats itself).

An entry that starts with a question paragraph keeps it (with its tables and footnotes) as the
question; otherwise the question was lost and the entry has none."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qbank.commands.importer.entry import Entry, Parsed
from qbank.commands.importer.text import Skipper, question_like, to_markdown

_CHROME = re.compile(
    r"interview questions?\b|questions? and answers|questions to ask|salary|payscale|"
    r"professionals can|dream (job|career)|recruiters?\b|submitted questions|privacy policy|"
    r"mentorship|by tapping submit|career advisor|supercharge your career|bootcamp|"
    r"view all courses|explore our courses|know more|reader\(s\)|question\(s\)|mins of read|"
    r"\d(\.\d)? rating\b", re.IGNORECASE)
_PROMO = re.compile(r"^\*[^*].*\*$")
_OPENER = re.compile(
    r"^(?:[-*+]\s+)?(?:\*\*\s*answer\s*:?\s*\*\*|\*\*\s*answer\s*:|answer\s*:|"
    r"(?:the )?correct answer|all of the above|option\s+[a-z0-9]\b.*\b(?:is|would be)\b.*correct|"
    r"(?:yes|no)\b\s*[,.]|the answer (?:is|will be)|the output will be|the above code|"
    r"the result will be)", re.IGNORECASE)
_LOST_CONTEXT = re.compile(r"\bthis scenario\b|^(?:[-*+]\s+)?the above code\b", re.IGNORECASE)
_DEFINES = re.compile(
    r"^(?:[-*+]\s+)?(?:an?\s+|the\s+)?(?P<subject>[A-Za-z][\w’'()/ -]{1,60}?)\s+"
    r"(?:is|are)\s+(?:a|an|the|one)\s|^(?:[-*+]\s+)?(?P<subject2>[A-Za-z][\w’'()/ -]{1,60}?)"
    r"\s+(?:occurs in|refers to|stands for|is defined as)\b", re.IGNORECASE)
_STOP = {"a", "an", "the", "of", "in", "and", "or", "its", "it", "this", "that", "to", "for"}
_NOT_SUBJECT = {"below", "above", "here", "there", "this", "that", "these", "those", "it", "we",
                "you", "they", "which", "what", "one", "result", "answer", "output", "reason"}


@dataclass
class _Block:
    start: int  # 0-based first line
    end: int  # 0-based last line
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def first(self) -> str:
        return self.lines[0].strip()


@dataclass
class _Draft:
    question: list[_Block] = field(default_factory=list)
    answer: list[_Block] = field(default_factory=list)
    state: str = "question"  # question -> opening -> body
    promo_seen: bool = False


def _blocks(lines: list[str]) -> list[_Block]:
    out: list[_Block] = []
    cur: list[int] = []
    for i, line in enumerate(lines + [""]):
        if line.strip():
            cur.append(i)
        elif cur:
            out.append(_Block(cur[0], cur[-1], [lines[k] for k in cur]))
            cur = []
    return out


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z]{2,}", text))


def _prose(b: _Block) -> bool:
    """A paragraph of content: a long line of sentences."""
    return any(_words(x) >= 10 and len(x.strip()) >= 60 for x in b.lines) and not _is_list(b)


def _is_list(b: _Block) -> bool:
    return all(re.match(r"^\s*[-*+]\s", x) for x in b.lines)


def _nav(b: _Block) -> bool:
    """Navigation: short labels and lists of short items, no sentences."""
    return not _prose(b) and all(len(x.strip()) <= 90 and not x.strip().endswith((".", "?"))
                                 for x in b.lines)


def _chrome(b: _Block) -> bool:
    return bool(_CHROME.search(b.text)) and not _PROMO.match(b.first)


def _promo(b: _Block) -> bool:
    return len(b.lines) == 1 and bool(_PROMO.match(b.first)) and not b.first.startswith("**")


def _asks(b: _Block) -> bool:
    if _is_list(b):
        return False
    first = re.split(r"(?<=[.?!])\s", b.first.strip(), maxsplit=1)[0]
    return "?" in first[:300] or (question_like(first) and "?" in b.first[:400])


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def _new_subject(b: _Block, draft: _Draft) -> bool:
    m = _DEFINES.match(b.first)
    if not m:
        return False
    subject = m.group("subject") or m.group("subject2") or ""
    words = subject.lower().split()
    if len(words) > 5 or _NOT_SUBJECT & set(words):
        return False
    known = set().union(*(_stems(x.text) for x in draft.question + draft.answer))
    wanted = _stems(subject)
    return bool(wanted) and not wanted <= known


class TextPage:
    name = "plain text page"

    def detect(self, lines: list[str]) -> int:
        return 1 if any(_prose(b) for b in _blocks(lines)) else 0

    def parse(self, lines: list[str]) -> Parsed:
        out = Parsed(self.name)
        skipper = Skipper()
        blocks = _blocks(lines)
        content = [k for k, b in enumerate(blocks) if _prose(b) and not _chrome(b)]
        if not content:
            for b in blocks:
                skipper.add(b.start + 1, b.end + 1, "no paragraph of content")
            out.skips = skipper.skips
            return out
        first, last = content[0], content[-1]
        drafts: list[_Draft] = []
        openings: dict[str, int] = {}  # first paragraph of an entry -> entry index
        draft: _Draft | None = None
        for k, b in enumerate(blocks):
            if k < first or k > last:
                skipper.add(b.start + 1, b.end + 1,
                            "page text about the page" if _chrome(b) and _prose(b)
                            else "navigation" if _nav(b) else "page text outside the content")
                continue
            if _promo(b):
                skipper.add(b.start + 1, b.end + 1, "promotion line")
                if draft is not None:
                    draft.promo_seen = True
                    if draft.question and not draft.answer:
                        draft.state = "opening"  # the question ended; the answer follows
                continue
            if _chrome(b) and _prose(b):
                skipper.add(b.start + 1, b.end + 1, "page text about the page")
                continue
            key = " ".join(b.text.split())
            starts = draft is None or self._starts(b, draft, key, openings)
            if draft is not None:
                draft.promo_seen = False
            if starts or draft is None:
                draft = _Draft()
                drafts.append(draft)
                openings.setdefault(key, len(drafts) - 1)
                if _asks(b):
                    draft.question.append(b)
                    continue
                draft.state = "opening" if _OPENER.match(b.first) else "body"
                draft.answer.append(b)
                continue
            if draft.state == "question" and not draft.answer and (
                    not _prose(b) or "|" in b.first
                    or (b.first.startswith("*") and not b.first.startswith("**"))):
                draft.question.append(b)  # the question's table, matrix, footnote
                continue
            if draft.state in ("question", "opening") and not _OPENER.match(b.first):
                draft.state = "body"
            if not draft.answer and draft.question:  # a repeat of this answer alone starts one
                openings.setdefault(key, len(drafts) - 1)
            draft.answer.append(b)
        for d in drafts:
            out.entries.append(_entry(lines, d))
        out.skips = skipper.skips
        return out

    def begins(self, lines: list[str], i: int) -> bool:
        return False  # nothing in a page is sure enough to split another format's entry

    @staticmethod
    def _starts(b: _Block, draft: _Draft, key: str, openings: dict[str, int]) -> bool:
        if key in openings:
            return True
        if draft.promo_seen and draft.answer:
            return True
        if _asks(b):
            return True
        if _OPENER.match(b.first) or _LOST_CONTEXT.search(b.first):
            return draft.state == "body"
        return bool(draft.answer) and _new_subject(b, draft)


def _entry(lines: list[str], d: _Draft) -> Entry:
    def md(blocks: list[_Block]) -> tuple[str, int]:
        if not blocks:
            return "", 0
        return to_markdown(lines[blocks[0].start:blocks[-1].end + 1])

    question, _ = md(d.question)
    answer, made = md(d.answer)
    first = (d.question or d.answer)[0]
    last = (d.answer or d.question)[-1]
    return Entry(question=question, answer=answer or None, line=first.start + 1,
                 end=last.end + 1, code_blocks=made)
