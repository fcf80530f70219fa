"""What the export tests share: the real bank, what it should export (computed from the
records and the GEN engine, not from the exporter), and a small GIFT parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape as html_unescape

import generators
from qbank.commands.export.items import html
from qbank.core.loader import load_bank
from qbank.core.model import Record
from tests.conftest import REPO

BANK = load_bank(REPO / "bank")
RECORDS = {r.id: r.record for r in BANK.records if r.record is not None}
PUBLISHED = {i: r for i, r in RECORDS.items() if r.status.value != "draft"}
N_VARIANTS = 5


def is_template(rec: Record) -> bool:
    check = getattr(generators, "is_template", None)
    return bool(callable(check) and check(rec))


def template_title(rec: Record) -> str:
    """The title of a template's default instance (`generators.published`)."""
    published = getattr(generators, "published", None)
    return published(rec).title if callable(published) else rec.title


def expected_items(n: int = N_VARIANTS) -> dict[str, tuple[Record, str | None]]:
    """Every item a full export holds: id -> (resolved record, template id or None)."""
    out: dict[str, tuple[Record, str | None]] = {}
    for rid, rec in PUBLISHED.items():
        if is_template(rec):
            for v in generators.variants(rec, list(range(1, n + 1))):
                out[v.id] = (v.record, rid)
        else:
            out[rid] = (rec, None)
    return out


def text_of(fragment: str) -> str:
    """An HTML fragment's text, whitespace folded (for comparing across formats)."""
    return " ".join(html_unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def body(text: str | None) -> str:
    return html(text)


# ---- a GIFT parser (what Moodle's import reads) -------------------------------------------

SPECIAL = set("~=#{}:\\")


def gift_unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            nxt = text[i + 1]
            assert nxt in SPECIAL or nxt == "n", f"unknown escape \\{nxt} in {text[:60]!r}"
            out.append("\n" if nxt == "n" else nxt)
            i += 2
        else:
            assert text[i] not in "~={}#:", f"unescaped {text[i]!r} in GIFT text {text[:80]!r}"
            out.append(text[i])
            i += 1
    return "".join(out)


def split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """Split at unescaped characters of `marks`: [(mark, piece)], the first mark ''."""
    parts: list[tuple[str, str]] = []
    mark, cur, i = "", [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            cur.append(text[i:i + 2])
            i += 2
            continue
        if ch in marks:
            parts.append((mark, "".join(cur)))
            mark, cur = ch, []
        else:
            cur.append(ch)
        i += 1
    parts.append((mark, "".join(cur)))
    return parts


def find_unescaped(text: str, ch: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == ch:
            return i
        i += 1
    return -1


@dataclass
class GiftAnswer:
    text: str
    correct: bool
    weight: float | None
    feedback: str | None


@dataclass
class GiftQuestion:
    name: str
    category: str
    text: str
    kind: str  # choice | numeric | essay
    answers: list[GiftAnswer] = field(default_factory=list)
    general: str | None = None
    value: float | None = None
    tolerance: float | None = None


def parse_gift(source: str) -> list[GiftQuestion]:
    out: list[GiftQuestion] = []
    category = ""
    for block in source.split("\n\n"):
        lines = [ln for ln in block.split("\n") if not ln.startswith("//")]
        block = "\n".join(lines).strip()
        if not block:
            continue
        if block.startswith("$CATEGORY:"):
            category = block[len("$CATEGORY:"):].strip()
            continue
        assert block.startswith("::"), block[:80]
        end = find_unescaped(block, ":", 2)
        assert block[end + 1] == ":", block[:80]
        name = gift_unescape(block[2:end])
        rest = block[end + 2:]
        assert rest.startswith("[html]"), rest[:40]
        rest = rest[len("[html]"):]
        open_, close = find_unescaped(rest, "{"), len(rest) - 1
        assert open_ > 0 and rest[close] == "}" and find_unescaped(rest, "}") == close, rest[-80:]
        q = GiftQuestion(name, category, gift_unescape(rest[:open_]), "essay")
        inner = rest[open_ + 1:close]
        gen = inner.find("####")
        if gen >= 0:
            q.general = gift_unescape(inner[gen + 4:].strip())
            inner = inner[:gen]
        inner = inner.strip()
        if inner.startswith("#"):
            q.kind = "numeric"
            value, tol = inner[1:].split(":")
            q.value, q.tolerance = float(value), float(tol)
        elif inner:
            q.kind = "choice"
            for mark, piece in split_unescaped(inner, "~="):
                if not mark:
                    assert not piece.strip(), piece
                    continue
                weight = None
                m = re.match(r"%(-?[\d.]+)%", piece)
                if m:
                    weight = float(m.group(1))
                    piece = piece[m.end():]
                fb_at = find_unescaped(piece, "#")
                text, fb = (piece, None) if fb_at < 0 else (piece[:fb_at], piece[fb_at + 1:])
                correct = mark == "=" or (weight is not None and weight > 0)
                q.answers.append(GiftAnswer(gift_unescape(text.strip()), correct, weight,
                                            None if fb is None else gift_unescape(fb.strip())))
        out.append(q)
    return out
