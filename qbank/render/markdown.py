"""Record -> a Markdown page (MkDocs Material): the question, its choices, the answer folded."""

from __future__ import annotations

from qbank.render.view import RecordView


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.strip().split("\n"))


def markdown_page(view: RecordView, *, answer: bool = True, badge: str = "") -> str:
    """A page for the site: the title, tags, the question, choices as a lettered list and the
    answer in a collapsed admonition (`??? success`). `badge` is Markdown put under the title
    (the site's verification badge)."""
    lines = [f"# {view.title}", ""]
    if badge:
        lines += [badge, ""]
    lines += [f"*{view.type.replace('_', ' ')} · {view.difficulty}* · "
              + " ".join(f"`{t}`" for t in view.tags), "", view.question.strip(), ""]
    for c in view.choices:
        text = c.text.strip().replace("\n", " ")
        lines.append(f"- **{c.letter}.** {text}")
    if view.choices:
        lines.append("")
    if answer and (view.key or view.answer or any(c.why for c in view.choices)):
        lines.append('??? success "Answer"')
        body: list[str] = []
        if view.key:
            body += [f"**{view.key}**", ""]
        body += [f"**{c.letter}.** {c.why.strip()}" + "\n" for c in view.choices if c.why]
        if view.answer:
            body.append(view.answer.strip())
        lines += [_indent("\n".join(body)), ""]
    return "\n".join(lines).rstrip() + "\n"
