"""A set as Typst source: the exam (cover, numbered questions with points, boxes, answer space)
and the key (choices, numeric keys, model answers, the versions' seeds). Record text goes
through the render layer (`qbank.render`), escaped: nothing in a record runs Typst code."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from dataclasses import dataclass

from qbank.commands.pdf.spec import SetSpec
from qbank.render import ChoiceView, RecordView, prose_typst
from qbank.render.typst import escape
from qbank.render.view import LETTERS

PREAMBLE = """\
#set document(title: {title}, author: "qbank", date: none)
#set page(paper: "a4", margin: (x: 2cm, y: 2.2cm), numbering: "1 / 1",
  header: context if counter(page).get().first() > 1 [#text(size: 8pt, fill: luma(110))[{head}]])
#set text(size: 10.5pt)
#set par(justify: false)
#show raw.where(block: true): it => block(fill: luma(246), inset: 7pt, radius: 3pt,
  width: 100%, breakable: true, text(size: 8.5pt, it))
#show raw.where(block: false): it => box(fill: luma(240), inset: (x: 2pt), outset: (y: 2pt), it)
"""


@dataclass(frozen=True)
class Version:
    letter: str  # "" when the set has one version
    seed: int
    views: tuple[RecordView, ...]  # in print order, choices in print order


def versions(views: list[RecordView], spec: SetSpec,
             variant_views: Callable[[int], list[RecordView]] | None = None) -> list[Version]:
    """The set's versions: each its own seed, question order (if asked) and choice order; with
    several versions, `variant_views(n)` gives version n's records (a template's variant n+1)."""
    out: list[Version] = []
    for v in range(spec.versions):
        letter = LETTERS[v] if spec.versions > 1 else ""
        seed = spec.select.seed * 100 + v
        rng = random.Random(f"qbank-pdf:{seed}")
        order = list(variant_views(v) if variant_views and spec.versions > 1 else views)
        if spec.shuffle_questions and spec.versions > 1:
            rng.shuffle(order)
        if spec.shuffle_choices and spec.versions > 1:
            order = [_shuffled(view, rng) for view in order]
        out.append(Version(letter, seed, tuple(order)))
    return out


def _shuffled(view: RecordView, rng: random.Random) -> RecordView:
    if not view.choices:
        return view
    picked = list(view.choices)
    rng.shuffle(picked)
    choices = tuple(ChoiceView(LETTERS[i], c.text, c.correct, c.why)
                    for i, c in enumerate(picked))
    key = ", ".join(c.letter for c in choices if c.correct)
    return dataclasses.replace(view, choices=choices, key=key)


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _points(spec: SetSpec, view: RecordView) -> int:
    return spec.points_by_id.get(view.id, spec.points)


def _title(spec: SetSpec, version: Version, what: str) -> str:
    suffix = f" · version {version.letter}" if version.letter else ""
    return f"{spec.title}{' · ' + what if what else ''}{suffix}"


def exam_source(spec: SetSpec, version: Version, *, inline_answers: bool = False) -> str:
    title = _title(spec, version, "")
    total = sum(_points(spec, v) for v in version.views)
    parts = [PREAMBLE.format(title=_string(title), head=escape(title)),
             _cover(spec, version, total)]
    for n, view in enumerate(version.views, 1):
        parts.append(question_source(spec, view, n, answer=inline_answers))
    return "\n\n".join(parts) + "\n"


def _cover(spec: SetSpec, version: Version, total: int) -> str:
    lines = [f"#align(center)[#text(size: 20pt, weight: \"bold\")[{escape(spec.title)}]]"]
    if version.letter:
        lines.append(f"#align(center)[#text(size: 14pt)[Version {version.letter}]]")
    if spec.date:
        lines.append(f"#align(center)[{escape(spec.date)}]")
    lines.append("#v(1.5em)")
    lines.append('#grid(columns: (auto, 1fr), row-gutter: 14pt, column-gutter: 8pt,\n'
                 '  [Name:], line(length: 100%, stroke: 0.5pt),\n'
                 '  [ID:], line(length: 100%, stroke: 0.5pt))')
    lines.append("#v(1em)")
    count = len(version.views)
    lines.append(f"{count} question{'s' if count != 1 else ''} · {total} "
                 f"point{'s' if total != 1 else ''}")
    if spec.instructions.strip():
        lines.append("#v(0.5em)")
        lines.append(prose_typst(spec.instructions))
    lines.append("#pagebreak()")
    return "\n\n".join(lines)


def question_source(spec: SetSpec, view: RecordView, number: int, *, answer: bool = False) -> str:
    pts = _points(spec, view)
    head = (f"#heading(level: 2, numbering: none)[{number}. {escape(view.title)} #h(1fr) "
            f"#text(size: 9pt, weight: \"regular\")[{pts} pt{'s' if pts != 1 else ''}]]")
    body = [head, prose_typst(view.question)]
    if view.choices:
        cells = []
        for c in view.choices:
            cells.append(f"[#box(width: 9pt, height: 9pt, stroke: 0.6pt, radius: 1pt) "
                         f"#strong[{c.letter}.]], [{prose_typst(c.text).strip()}]")
        body.append("#grid(columns: (auto, 1fr), row-gutter: 9pt, column-gutter: 6pt,\n  "
                    + ",\n  ".join(cells) + ")")
    elif view.type == "numeric":
        body.append("Answer: #box(width: 4cm, baseline: 2pt, line(length: 100%, stroke: 0.5pt))")
    elif spec.answer_space > 0 and not answer:
        body.append(f"#block(width: 100%, height: {spec.answer_space:g}cm, "
                    "stroke: 0.5pt + luma(170), radius: 2pt)[]")
    if answer:
        body.append(answer_source(view))
    return "#block(breakable: true, width: 100%)[\n" + "\n\n".join(body) + "\n]\n#v(0.6em)"


def answer_source(view: RecordView) -> str:
    out = []
    if view.key:
        out.append(f"#strong[Answer: {escape(view.key)}]")
    for c in view.choices:
        if c.why:
            out.append(f"#strong[{c.letter}.] {prose_typst(c.why).strip()}")
    if view.answer:
        out.append(prose_typst(view.answer))
    inner = "\n\n".join(out) or "(no model answer)"
    return f"#block(fill: rgb(\"#eef6ee\"), inset: 8pt, radius: 3pt, width: 100%)[\n{inner}\n]"


def key_source(spec: SetSpec, version: Version, all_versions: list[Version]) -> str:
    title = _title(spec, version, "answer key")
    parts = [PREAMBLE.format(title=_string(title), head=escape(title)),
             f"#align(center)[#text(size: 18pt, weight: \"bold\")[{escape(title)}]]"]
    rows = ", ".join(f"[{escape(v.letter or '-')}], [{v.seed}], "
                     f"[{escape(' '.join(x.id for x in v.views[:3]))}"
                     f"{escape(' ...') if len(v.views) > 3 else ''}]" for v in all_versions)
    parts.append("#table(columns: 3, table.header([*version*], [*seed*], [*first questions*]), "
                 + rows + ")")
    summary = ", ".join(f"{n}. {escape(v.key)}" for n, v in enumerate(version.views, 1) if v.key)
    if summary:
        parts.append(f"#strong[Keys at a glance:] {summary}")
    for n, view in enumerate(version.views, 1):
        parts.append(f"#heading(level: 2, numbering: none)[{n}. {escape(view.title)}]\n\n"
                     + answer_source(view))
    return "\n\n".join(parts) + "\n"
