"""Record -> HTML: the prose through markdown-it, math as MathML, code with its language."""

from __future__ import annotations

from html import escape
from typing import Any

from qbank.render.markup import parser
from qbank.render.view import RecordView


def _math(latex: str, display: str) -> str:
    import latex2mathml.converter as l2m

    try:
        return str(l2m.convert(latex.strip(), display=display))
    except Exception:  # TeX latex2mathml cannot read stays visible, as its source
        return f'<code class="math-source">{escape(latex)}</code>'


def _renderer() -> Any:
    md = parser()
    rules: Any = md.renderer.rules  # type: ignore[attr-defined]
    rules["math_inline"] = lambda tokens, i, *_: _math(tokens[i].content, "inline")
    rules["math_inline_double"] = lambda tokens, i, *_: _math(tokens[i].content, "block")
    rules["math_block"] = lambda tokens, i, *_: f"<p>{_math(tokens[i].content, 'block')}</p>\n"
    return md


def prose_html(text: str) -> str:
    """A record's Markdown prose as an HTML fragment."""
    return str(_renderer().render(text))


def record_html(view: RecordView, *, answer: bool = True) -> str:
    """The question (choices as an ordered list), then, with `answer`, the key and the answer."""
    parts = [f'<div class="qbank-question" data-id="{escape(view.id)}">',
             prose_html(view.question)]
    if view.choices:
        parts.append('<ol type="A" class="qbank-choices">')
        parts += [f"<li>{prose_html(c.text).strip()}</li>" for c in view.choices]
        parts.append("</ol>")
    parts.append("</div>")
    if answer:
        parts.append('<div class="qbank-answer">')
        if view.key:
            parts.append(f'<p class="qbank-key"><strong>Answer:</strong> {escape(view.key)}</p>')
        for c in view.choices:
            if c.why:
                parts.append(f'<div class="qbank-why"><strong>{c.letter}.</strong>\n'
                             f"{prose_html(c.why).strip()}</div>")
        if view.answer:
            parts.append(prose_html(view.answer))
        parts.append("</div>")
    return "\n".join(parts) + "\n"
