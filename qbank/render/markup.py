"""The one Markdown parser of the render layer: CommonMark with tables and `$` math, no raw
HTML (a record's `<script>` is shown as text, never run)."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.dollarmath import dollarmath_plugin


@cache
def parser() -> MarkdownIt:
    return (MarkdownIt("commonmark", {"html": False, "linkify": False})
            .enable("table").enable("strikethrough")
            .use(dollarmath_plugin, allow_space=True, double_inline=True))


def tree(text: str) -> SyntaxTreeNode:
    return SyntaxTreeNode(parser().parse(text))
