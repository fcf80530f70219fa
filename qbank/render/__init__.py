"""The render layer: one record -> Markdown (the site), HTML (exports, the site's widgets) and
Typst (PDF sets). Built on the core model only; the site, PDF and export commands use it.

    view = RecordView.of(record)               # or of a generated variant's record
    page = markdown_page(view)                 # Markdown for MkDocs
    html = record_html(view, answer=False)     # an LMS item's body
    typ = record_typst(view, answer=True)      # a PDF set's entry with its key

Prose is the record's Markdown with `$...$` / `$$...$$` math: HTML gets MathML (latex2mathml,
offline), Typst gets Typst math (tex2typst); a formula that cannot be converted raises
`RenderError`.
"""

from qbank.render.html import prose_html, record_html
from qbank.render.markdown import markdown_page
from qbank.render.typst import RenderError, prose_typst, record_typst
from qbank.render.view import ChoiceView, RecordView

__all__ = ["ChoiceView", "RecordView", "RenderError", "markdown_page", "prose_html", "prose_typst",
           "record_html", "record_typst"]
