"""Record prose -> HTML for the published site (site/, `qbank site build`): the same CommonMark
parser configuration and MathML as `prose_html`, with code highlighted at build time (Pygments,
in the markup MkDocs Material styles), so the site's pages carry no raw `$` and load no script
or font from anywhere.

    html = site_prose_html(view.question)       # a fragment for a page of the site
    mathml = math_mathml("x^2", display=False)   # one formula, as MathML

Raw HTML in a record is shown as text (the parser has `html` off): content never carries
script. A ```` ```output ```` fence is marked as the expected output of the code before it.
"""

from __future__ import annotations

from functools import cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin


def math_mathml(latex: str, *, display: bool = False) -> str:
    """One formula as MathML (latex2mathml, offline); TeX it cannot read stays visible as its
    source in a `<code class="math-source">`, never as raw `$`."""
    import latex2mathml.converter as l2m

    try:
        return str(l2m.convert(latex.strip(), display="block" if display else "inline"))
    except Exception:
        return f'<code class="math-source">{escape(latex)}</code>'


def _plain(code: str) -> str:
    return f'<div class="highlight"><pre><span></span><code>{escape(code)}</code></pre></div>'


def _highlight(code: str, lang: str) -> str:
    try:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import get_lexer_by_name
        from pygments.util import ClassNotFound
    except ImportError:  # pragma: no cover - Pygments comes with rich, a dependency
        return _plain(code)
    try:
        lexer = get_lexer_by_name(lang)
    except ClassNotFound:
        return _plain(code)
    return str(highlight(code, lexer, HtmlFormatter(cssclass="highlight", wrapcode=True)))


def _fence(tokens: Any, i: int, *_: Any) -> str:
    token = tokens[i]
    words = (token.info or "").split()
    lang = words[0].lower() if words else ""
    code = str(token.content)
    if lang == "output":
        return ('<div class="qbank-output"><p class="qbank-output-label">Output</p>'
                f"<pre><code>{escape(code)}</code></pre></div>\n")
    note = (f'<p class="qbank-fence-note">{escape(" ".join(words[1:]))}</p>'
            if len(words) > 1 else "")
    body = _highlight(code, lang) if lang else _plain(code)
    return f'<div class="qbank-code" data-lang="{escape(lang)}">{note}{body}</div>\n'


@cache
def _renderer() -> Any:
    # a parser of its own, configured as `qbank.render.markup.parser()` (whose renderer the
    # HTML of exports uses: its rules are not changed from here)
    md = (MarkdownIt("commonmark", {"html": False, "linkify": False})
          .enable("table").enable("strikethrough")
          .use(dollarmath_plugin, allow_space=True, double_inline=True))
    rules: Any = md.renderer.rules  # type: ignore[attr-defined]
    rules["math_inline"] = lambda tokens, i, *_: math_mathml(tokens[i].content)
    rules["math_inline_double"] = lambda tokens, i, *_: math_mathml(tokens[i].content,
                                                                    display=True)
    rules["math_block"] = lambda tokens, i, *_: (
        f'<div class="qbank-math">{math_mathml(tokens[i].content, display=True)}</div>\n')
    rules["fence"] = _fence
    rules["code_block"] = lambda tokens, i, *_: (
        f"<pre><code>{escape(tokens[i].content)}</code></pre>\n")
    return md


def site_prose_html(text: str) -> str:
    """A record's Markdown prose as an HTML fragment for the site (MathML, highlighted code)."""
    return str(_renderer().render(text or ""))
