"""GIFT (Moodle's plain-text import): a `$CATEGORY:` per topic (and per template, with its
variants), each question named by its record id, its text as HTML (`[html]`).

GIFT's special characters `~ = # { } :` and the backslash are escaped with a backslash in
every piece of text; a newline is written `\\n`, so that no question holds a blank line (which
would end it)."""

from __future__ import annotations

from collections.abc import Sequence

from qbank.commands.export.items import (
    ROOT_CATEGORY,
    Group,
    Item,
    Topic,
    html,
    inline_html,
    number,
)
from qbank.commands.export.moodle import category_path, fraction
from qbank.core.model import QuestionType

SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    """Text as GIFT reads it literally: `\\` first, then `~ = # { } :`, newlines as `\\n`."""
    out = text.replace("\\", "\\\\")
    for ch in SPECIAL:
        out = out.replace(ch, "\\" + ch)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def unescape(text: str) -> str:
    """`escape` undone (what Moodle's GIFT import does)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def question(item: Item) -> str:
    rec, view = item.record, item.view
    head = f"::{escape(item.id)}::[html]{escape(html(rec.question))}"
    general = f"####{escape(html(rec.answer))}" if (rec.answer or "").strip() else ""
    if view.choices:
        multiple = rec.type is QuestionType.MULTIPLE_CHOICE
        n_right = sum(c.correct for c in view.choices)
        n_wrong = len(view.choices) - n_right
        lines = []
        for c in view.choices:
            if multiple:  # every choice weighted: the right share 100, the wrong -100
                mark = f"~%{fraction(c.correct, n_right, n_wrong, multiple)}%"
            else:
                mark = "=" if c.correct else "~"
            fb = f"#{escape(inline_html(c.why))}" if c.why else ""
            lines.append(f"\t{mark}{escape(inline_html(c.text))}{fb}")
        body = "\n".join(lines)
        return f"{head}{{\n{body}\n{general}\n}}" if general else f"{head}{{\n{body}\n}}"
    if rec.type is QuestionType.NUMERIC:
        assert rec.numeric is not None
        return (f"{head}{{#{number(rec.numeric.value)}:{number(rec.numeric.tolerance)}"
                f"{general}}}")
    return f"{head}{{{general}}}"  # an essay: open and code


def render(topics: Sequence[Topic]) -> bytes:
    blocks = ["// qbank export (GIFT): one question per record, named by its id"]
    for topic in topics:
        blocks.append(f"$CATEGORY: {category_path(ROOT_CATEGORY, topic.title)}")
        blocks += [question(e) for e in topic.entries if isinstance(e, Item)]
        for group in (e for e in topic.entries if isinstance(e, Group)):
            blocks.append("$CATEGORY: "
                          + category_path(ROOT_CATEGORY, topic.title, group.title))
            blocks += [question(i) for i in group.items]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
