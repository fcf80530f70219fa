"""Record -> HTML: the prose through markdown-it, math as MathML (or, with `math="tex"`, as TeX
in MathJax's delimiters `\\(..\\)` / `\\[..\\]`, what Moodle, Canvas and Anki typeset), code as
`<pre><code class="language-...">`."""

from __future__ import annotations

from html import escape
from typing import Any, Literal

from qbank.render.markup import parser
from qbank.render.view import RecordView


def _math(latex: str, display: str) -> str:
    import latex2mathml.converter as l2m

    try:
        return str(l2m.convert(latex.strip(), display=display))
    except Exception:  # TeX latex2mathml cannot read stays visible, as its source
        return f'<code class="math-source">{escape(latex)}</code>'


def _tex(latex: str, display: str) -> str:
    body = escape(latex.strip(), quote=False)
    return f"\\[{body}\\]" if display == "block" else f"\\({body}\\)"


Math = Literal["mathml", "tex"]


def _renderer(math: Math = "mathml") -> Any:
    md = parser()
    conv = _tex if math == "tex" else _math
    rules: Any = md.renderer.rules  # type: ignore[attr-defined]
    rules["math_inline"] = lambda tokens, i, *_: conv(tokens[i].content, "inline")
    rules["math_inline_double"] = lambda tokens, i, *_: conv(tokens[i].content, "block")
    rules["math_block"] = lambda tokens, i, *_: f"<p>{conv(tokens[i].content, 'block')}</p>\n"
    return md


def prose_html(text: str, *, math: Math = "mathml") -> str:
    """A record's Markdown prose as an HTML fragment (`math="tex"`: formulas as `\\(..\\)`)."""
    return str(_renderer(math).render(text))


def record_html(view: RecordView, *, answer: bool = True, math: Math = "mathml") -> str:
    """The question (choices as an ordered list), then, with `answer`, the key and the answer."""

    def prose(text: str) -> str:
        return prose_html(text, math=math)

    parts = [f'<div class="qbank-question" data-id="{escape(view.id)}">',
             prose(view.question)]
    if view.choices:
        parts.append('<ol type="A" class="qbank-choices">')
        parts += [f"<li>{prose(c.text).strip()}</li>" for c in view.choices]
        parts.append("</ol>")
    parts.append("</div>")
    if answer:
        parts.append('<div class="qbank-answer">')
        if view.key:
            parts.append(f'<p class="qbank-key"><strong>Answer:</strong> {escape(view.key)}</p>')
        for c in view.choices:
            if c.why:
                parts.append(f'<div class="qbank-why"><strong>{c.letter}.</strong>\n'
                             f"{prose(c.why).strip()}</div>")
        if view.answer:
            parts.append(prose(view.answer))
        parts.append("</div>")
    return "\n".join(parts) + "\n"
