"""Record -> Typst markup, by walking the parsed Markdown: every piece of the record's text
is escaped, so nothing in a record can run Typst code; TeX math becomes Typst math
(tex2typst)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from qbank.core.loader import load_data
from qbank.render.markup import tree
from qbank.render.view import RecordView

_SPECIAL = re.compile(r"([\\#$*_@<>\[\]`~=\-+/\"'])")


def escape(text: str) -> str:
    """Text as Typst markup shows it literally."""
    return _SPECIAL.sub(r"\\\1", text)


def _string(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class RenderError(ValueError):
    """A piece of a record that cannot be typeset (`source` is its text, to locate it)."""

    def __init__(self, message: str, source: str) -> None:
        super().__init__(message)
        self.source = source


@cache
def _fixes() -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[re.Pattern[str], str]]]:
    data = load_data(Path(__file__).with_name("tex_typst.yaml").read_text(encoding="utf-8"))
    return ([(re.compile(k), v) for k, v in (data.get("before") or {}).items()],
            [(re.compile(k), v) for k, v in (data.get("after") or {}).items()])


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    return lambda _m: text


def _math(tex: str, block: bool) -> str:
    """TeX math as Typst math (tex2typst); what it cannot convert is a RenderError."""
    from tex2typst import tex2typst

    before, after = _fixes()
    source = tex.strip()
    for rx, repl in before:
        source = rx.sub(_literal(repl), source)
    try:
        body = str(tex2typst(source)).strip()
        for rx, repl in after:
            body = rx.sub(_literal(repl), body)
    except Exception as exc:
        raise RenderError(f"cannot convert the formula ${tex.strip()}$ to Typst: {exc}",
                          tex) from None
    if not body:
        raise RenderError(f"the formula ${tex.strip()}$ is empty", tex)
    return f"$ {body} $" if block else f"${body}$"


def _raw(text: str, lang: str = "", block: bool = False) -> str:
    args = f"{_string(text)}, block: {'true' if block else 'false'}"
    if lang:
        args += f", lang: {_string(lang)}"
    return f"#raw({args})"


def _inline(node: SyntaxTreeNode) -> str:
    out: list[str] = []
    for child in node.children:
        t = child.type
        if t == "text":
            out.append(escape(child.content))
        elif t in ("softbreak",):
            out.append(" ")
        elif t == "hardbreak":
            out.append(" \\\n")
        elif t == "code_inline":
            out.append(_raw(child.content))
        elif t == "math_inline":
            out.append(_math(child.content, block=False))
        elif t == "math_inline_double":
            out.append(_math(child.content, block=True))
        elif t == "strong":
            out.append(f"#strong[{_inline(child)}]")
        elif t == "em":
            out.append(f"#emph[{_inline(child)}]")
        elif t == "s":
            out.append(f"#strike[{_inline(child)}]")
        elif t == "link":
            out.append(f"#link({_string(str(child.attrs.get('href', '')))})[{_inline(child)}]")
        elif t == "image":
            out.append(escape(child.content or str(child.attrs.get("alt", ""))))
        else:
            out.append(_inline(child) if child.children else escape(child.content))
    return "".join(out)


def _blocks(node: SyntaxTreeNode, depth: int = 0) -> list[str]:
    out: list[str] = []
    for child in node.children:
        t = child.type
        if t == "paragraph":
            out.append(_inline(child.children[0]) if child.children else "")
        elif t == "inline":
            out.append(_inline(child))
        elif t == "heading":
            out.append(f"#strong[{_inline(child.children[0])}]")
        elif t in ("fence", "code_block"):
            lang = (child.info or "").split()[0] if t == "fence" and child.info else ""
            out.append(_raw(child.content.rstrip("\n"), lang, block=True))
        elif t == "math_block":
            out.append(_math(child.content, block=True))
        elif t in ("bullet_list", "ordered_list"):
            mark = "-" if t == "bullet_list" else "+"
            for item in child.children:
                body = "\n\n".join(_blocks(item, depth + 1))
                pad = "  " * (depth + 1)
                out.append(f"{'  ' * depth}{mark} " + body.replace("\n", "\n" + pad))
        elif t == "blockquote":
            out.append("#quote(block: true)[" + "\n\n".join(_blocks(child, depth)) + "]")
        elif t == "table":
            out.append(_table(child))
        elif t == "hr":
            out.append("#line(length: 100%)")
        else:
            out.extend(_blocks(child, depth))
    return out


def _table(node: SyntaxTreeNode) -> str:
    rows = [tr for part in node.children for tr in part.children]
    width = max((len(r.children) for r in rows), default=1)
    cells = [f"[{_inline(c.children[0]) if c.children else ''}]" for r in rows for c in r.children]
    return f"#table(columns: {width}, " + ", ".join(cells) + ")"


def prose_typst(text: str) -> str:
    """A record's Markdown prose as Typst markup."""
    return "\n\n".join(b for b in _blocks(tree(text)) if b is not None).strip() + "\n"


def record_typst(view: RecordView, *, answer: bool = False, number: int | None = None) -> str:
    """One entry of a set: the title, the question and its lettered choices; with `answer`, the
    key and the model answer instead of space to write."""
    head = f"{number}. " if number is not None else ""
    parts = [f"=== {escape(head + view.title)}", prose_typst(view.question)]
    for c in view.choices:
        parts.append(f"#block(inset: (left: 1em))[#strong[{c.letter}.] "
                     f"{prose_typst(c.text).strip()}]")
    if answer:
        if view.key:
            parts.append(f"#strong[Answer: {escape(view.key)}]")
        for c in view.choices:
            if c.why:
                parts.append(f"#strong[{c.letter}.] {prose_typst(c.why).strip()}")
        if view.answer:
            parts.append(prose_typst(view.answer))
    return "\n\n".join(p.strip() for p in parts if p.strip()) + "\n"
