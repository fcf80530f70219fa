"""The site's generated pages, made from the bank, its validation run and the rules.

`generate(bank, result, rules)` returns every page as Markdown, keyed by its path under the
docs folder, and the records it left out (drafts and records with error findings) with why.
Record prose goes through the render layer (`qbank.render.site.site_prose_html`: the one
CommonMark parser of PDF and exports, math as MathML, raw HTML as text); only the page's frame
(title, headings, internal links, which MkDocs checks) is Markdown.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any, Protocol

from qbank.core.fences import record_fences
from qbank.core.findings import Finding, Severity
from qbank.core.loader import Bank, LoadedRecord
from qbank.core.model import QuestionType, Record, Status
from qbank.render.site import site_prose_html
from qbank.render.view import RecordView

QUESTIONS = "questions"
RULES = "rules"



class Variant(Protocol):
    """One generated variant of a template record, as the GEN engine makes it
    (`generators.variants(record, seeds)`): a normal, resolved record with its own key."""

    @property
    def seed(self) -> int: ...
    @property
    def id(self) -> str: ...
    @property
    def record(self) -> Record: ...


# A variant provider: a record -> its variants built at build time (empty: the record is not a
# template, and its page shows the record alone). `qbank.commands.site.hook` makes it from GEN.
VariantProvider = Callable[[Record], Sequence[Variant]]


@dataclass(frozen=True)
class Verification:
    """What the validation run says, for the badges."""

    date: str
    tool: dict[str, str]
    verdicts: dict[str, str]  # record path -> pass | warn | fail
    findings: dict[str, list[Finding]]  # record path -> its findings
    families: frozenset[str] = frozenset()  # the rule families that ran

    @classmethod
    def of(cls, verdicts: dict[str, str], findings: Iterable[Finding], tool: dict[str, str],
           families: Iterable[str] = (), date: str | None = None) -> Verification:
        by_path: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            by_path[f.path].append(f)
        return cls(date=date or dt.date.today().isoformat(), tool=dict(tool),
                   verdicts=dict(verdicts), findings=dict(by_path), families=frozenset(families))


@dataclass(frozen=True)
class Excluded:
    id: str
    path: str
    reason: str
    error: bool  # True: left out for error findings (`--strict` fails); False: a draft


@dataclass
class SiteContent:
    pages: dict[str, str] = field(default_factory=dict)
    excluded: list[Excluded] = field(default_factory=list)
    published: list[LoadedRecord] = field(default_factory=list)


def question_path(rec: Record) -> str:
    return f"{QUESTIONS}/{rec.topic}/{rec.id}.md"


def _rel(src: str, dst: str) -> str:
    """A relative link from page `src` to page `dst` (both docs-relative)."""
    src_parts = src.split("/")[:-1]
    dst_parts = dst.split("/")
    common = 0
    while common < len(src_parts) and common < len(dst_parts) - 1 \
            and src_parts[common] == dst_parts[common]:
        common += 1
    return "/".join([".."] * (len(src_parts) - common) + dst_parts[common:])


def _fm(title: str, description: str = "") -> str:
    out = ["---", f"title: {_yaml_str(title)}"]
    if description:
        out.append(f"description: {_yaml_str(description)}")
    return "\n".join([*out, "---", ""])


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _md_text(text: str) -> str:
    """Plain text safe in a Markdown line (link texts, table cells)."""
    out = escape(text, quote=False)
    for ch in "\\`*_[]|$#":
        out = out.replace(ch, "\\" + ch)
    return out


def _block(html: str, cls: str, tag: str = "div", attrs: str = "") -> str:
    """An HTML block Python-Markdown keeps as it is: a block tag at the line start, blank lines
    around it."""
    return f'\n<{tag} class="{cls}"{attrs}>\n{html.strip()}\n</{tag}>\n'


def _inline(text: str) -> str:
    """A short prose (a choice's text) as inline HTML: one paragraph loses its `<p>`."""
    html = site_prose_html(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


# -- selection -------------------------------------------------------------------------------

def select(bank: Bank, verification: Verification) -> SiteContent:
    """The records to publish: `status: published` and no error finding."""
    content = SiteContent()
    for rec in bank.records:
        errors = [f for f in verification.findings.get(rec.path, [])
                  if f.severity is Severity.ERROR]
        record = rec.record
        if record is not None and record.status is not Status.PUBLISHED:
            # work in progress: never published, whatever its findings (not a build warning)
            content.excluded.append(Excluded(rec.id, rec.path,
                                             f"status: {record.status.value}", error=False))
        elif errors or record is None:
            shown = "; ".join(f"{f.code} {f.name} (line {f.line})" for f in errors[:5])
            more = f" and {len(errors) - 5} more" if len(errors) > 5 else ""
            content.excluded.append(Excluded(
                rec.id, rec.path, f"{len(errors)} error finding(s): {shown}{more}"
                if errors else "the record does not load", error=True))
        else:
            content.published.append(rec)
    content.published.sort(key=lambda r: (r.record.topic, r.record.title.lower())
                           if r.record else ("", ""))
    return content


# -- pages -----------------------------------------------------------------------------------

def generate(bank: Bank, verification: Verification, rules: Iterable[Any] = (),
             variants: VariantProvider | None = None, rules_dir: str = RULES) -> SiteContent:
    """Every generated page (home, topics, questions, tags, rules), keyed by docs path; the
    rule pages at `<rules_dir>/<CODE>/index.md`."""
    content = select(bank, verification)
    records = [r.record for r in content.published if r.record is not None]
    published_ids = {r.id: r for r in records}
    pages = content.pages
    pages["index.md"] = home_page(bank, records, verification, content.excluded, rules_dir)
    by_topic: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        by_topic[r.topic].append(r)
    for key, topic in bank.topics.items():
        if by_topic.get(key):
            pages[f"{QUESTIONS}/{key}/index.md"] = topic_page(topic.title, topic.description,
                                                              key, by_topic[key])
    for loaded in content.published:
        rec = loaded.record
        assert rec is not None
        written = (loaded.written or loaded).record  # a template as written: its variants
        found = variants(written) if variants is not None and written is not None else ()
        pages[question_path(rec)] = question_page(
            loaded, rec, verification, published_ids, bank.topics[rec.topic].title
            if rec.topic in bank.topics else rec.topic, list(found or ()))
    pages["tags.md"] = tags_page(records)
    rule_list = list(rules)
    if rule_list:
        from qbank.commands.site.rulepages import rule_page, rules_index

        pages[f"{rules_dir}/index.md"] = rules_index(rule_list)
        for r in rule_list:
            pages[f"{rules_dir}/{r.code}/index.md"] = rule_page(r)
    return content


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def home_page(bank: Bank, records: list[Record], v: Verification,
              excluded: list[Excluded], rules_dir: str = RULES) -> str:
    by_topic = Counter(r.topic for r in records)
    by_type = Counter(r.type.value for r in records)
    by_diff = Counter(r.difficulty.value for r in records)
    tf, keras = v.tool.get("tensorflow", "?"), v.tool.get("keras", "?")
    out = [_fm("Deep-learning interview questions",
               f"{len(records)} deep-learning interview questions, each machine-checked"),
           "# Deep-learning interview questions", "",
           f"A bank of **{len(records)}** deep-learning interview questions with model "
           "answers. Every answer key on this site was checked by a machine before it was "
           f"published: the code in the answers ran against TensorFlow {tf} / Keras {keras} and "
           "its printed output was compared with the output shown; the arithmetic and the "
           "numeric claims were recomputed; known misconceptions were looked for; duplicates "
           f"were sought across the bank. Last run: **{v.date}**.", "",
           "Answer each question on its page: choices and numbers are checked as you click, "
           "and the model answer stays folded until you open it. The "
           f"[rules]({rules_dir}/index.md) page lists every check a question passed.", "",
           "## By topic", "",
           _table(["Topic", "Questions"],
                  [[f"[{_md_text(t.title)}]({QUESTIONS}/{k}/index.md)", str(by_topic[k])]
                   for k, t in bank.topics.items() if by_topic.get(k)]),
           "## By type", "",
           _table(["Type", "Questions"], [[t.value.replace("_", " "), str(by_type[t.value])]
                                          for t in QuestionType if by_type.get(t.value)]),
           "## By difficulty", "",
           _table(["Difficulty", "Questions"],
                  [[d, str(by_diff[d])] for d in ("easy", "medium", "hard") if by_diff.get(d)]),
           "See also the [index of tags](tags.md).", ""]
    drafts = sum(not e.error for e in excluded)
    errors = sum(e.error for e in excluded)
    if drafts or errors:
        out += [f"Not published: {drafts} draft(s) or record(s) under review, and {errors} "
                "record(s) with error findings.", ""]
    return "\n".join(out)


def topic_page(title: str, description: str, key: str, records: list[Record]) -> str:
    rows = [[f"[{_md_text(r.title)}]({r.id}.md)", r.type.value.replace("_", " "),
             r.difficulty.value] for r in records]
    return "\n".join([_fm(title, description), f"# {_md_text(title)}", "",
                      _md_text(description), "", f"{len(records)} questions.", "",
                      _table(["Question", "Type", "Difficulty"], rows)])


def tags_page(records: list[Record]) -> str:
    by_tag: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        for t in r.tags:
            by_tag[t].append(r)
    out = [_fm("Tags"), "# Tags", "",
           " · ".join(f"[{t}](#{t}) ({len(by_tag[t])})" for t in sorted(by_tag)), ""]
    for t in sorted(by_tag):
        out += [f"## {t}", ""]
        out += [f"- [{_md_text(r.title)}]({question_path(r)})" for r in by_tag[t]]
        out.append("")
    return "\n".join(out)


def badge_html(loaded: LoadedRecord, rec: Record, v: Verification) -> str:
    """The verification badge: what ran, against what, when, and the verdict."""
    verdict = v.verdicts.get(loaded.path, "pass")
    warnings = [f for f in v.findings.get(loaded.path, []) if f.severity is Severity.WARNING]
    fences = record_fences(loaded)
    ran = sum(f.runs for f in fences)
    outputs = sum(f.lang == "output" for f in fences)
    parts = []
    if ran:
        parts.append(f"{ran} code block{'s' * (ran != 1)} ran against TensorFlow "
                     f"{escape(v.tool.get('tensorflow', '?'))} / Keras "
                     f"{escape(v.tool.get('keras', '?'))}"
                     + (f", {outputs} output{'s' * (outputs != 1)} matched" if outputs else ""))
    if rec.checks:
        parts.append(f"{len(rec.checks)} check{'s' * (len(rec.checks) != 1)} recomputed")
    fam = v.families
    if "MATH" in fam or not fam:
        parts.append("arithmetic checked")
    if "CLAIM" in fam or not fam:
        parts.append("claims checked")
    if rec.choices or rec.numeric:
        parts.append("answer key checked")
    if rec.params is not None and ("GEN" in fam or not fam):
        parts.append("every variant's key computed twice (sympy, and the real Keras "
                     "operation)")
    state = "warn" if verdict == "warn" else "pass"
    head = "Machine-checked" if state == "pass" else \
        f"Machine-checked, {len(warnings)} warning{'s' * (len(warnings) != 1)}"
    detail = " · ".join(parts)
    return (f'<p class="qbank-badge qbank-badge-{state}" data-verdict="{escape(verdict)}">'
            f'<span class="qbank-badge-mark" aria-hidden="true">✓</span> '
            f"<strong>{head}</strong> on {escape(v.date)}: {detail}.</p>")


def _choices_form(view: RecordView, qid: str) -> str:
    multiple = sum(c.correct for c in view.choices) > 1 or view.type == "multiple_choice"
    kind = "multiple" if multiple else "single"
    legend = "Choose every correct answer" if multiple else "Choose one answer"
    items = []
    for c in view.choices:
        why = f'<div class="qbank-why" hidden>{_inline(c.why)}</div>' if c.why else ""
        items.append(
            f'<li class="qbank-choice" data-correct="{str(c.correct).lower()}">'
            f'<label><input type="{"checkbox" if multiple else "radio"}" name="{qid}" '
            f'value="{c.letter}"> <span class="qbank-letter">{c.letter}.</span> '
            f"<span>{_inline(c.text)}</span></label>{why}</li>")
    return (f'<form class="qbank-check" data-kind="{kind}" data-key="{escape(view.key)}">'
            f"<fieldset><legend>{legend}</legend><ol class=\"qbank-choices\">"
            + "".join(items) + "</ol></fieldset>"
            '<button type="submit" class="md-button qbank-submit">Check</button> '
            '<p class="qbank-feedback" role="status" aria-live="polite"></p></form>')


def _numeric_form(rec: Record, qid: str) -> str:
    n = rec.numeric
    assert n is not None
    unit = f" ({escape(n.unit)})" if n.unit else ""
    return (f'<form class="qbank-check" data-kind="numeric" data-value="{n.value!r}" '
            f'data-tolerance="{n.tolerance!r}">'
            f'<label for="{qid}-n">Your answer{unit}</label> '
            f'<input id="{qid}-n" class="qbank-number" type="text" inputmode="decimal" '
            'autocomplete="off"> '
            '<button type="submit" class="md-button qbank-submit">Check</button> '
            '<p class="qbank-feedback" role="status" aria-live="polite"></p></form>')


def _answer_html(view: RecordView) -> str:
    body = []
    if view.key:
        body.append(f'<p class="qbank-key"><strong>Answer:</strong> {escape(view.key)}</p>')
    for c in view.choices:
        if c.why:
            body.append(f'<div class="qbank-answer-why"><p><strong>{c.letter}.</strong> '
                        f"{_inline(c.why)}</p></div>")
    if view.answer:
        body.append(site_prose_html(view.answer))
    if not body:
        return ""
    return ('<details class="success qbank-answer"><summary>Answer</summary>'
            + "\n".join(body) + "</details>")


def _body_html(rec: Record, qid: str) -> str:
    """The question, its self-check and its folded answer: one variant's worth."""
    view = RecordView.of(rec)
    parts = [f'<div class="qbank-question">{site_prose_html(view.question)}</div>']
    if view.choices:
        parts.append(_choices_form(view, qid))
    elif rec.type is QuestionType.NUMERIC and rec.numeric is not None:
        parts.append(_numeric_form(rec, qid))
    parts.append(_answer_html(view))
    return "\n".join(p for p in parts if p)


def question_page(loaded: LoadedRecord, rec: Record, v: Verification,
                  published: dict[str, Record], topic_title: str,
                  variants: list[Variant] | None = None) -> str:
    here = question_path(rec)
    view = RecordView.of(rec)
    meta = (f"**{view.difficulty}** · {view.type.replace('_', ' ')} · "
            f"[{_md_text(topic_title)}](index.md) · tags: "
            + ", ".join(f"[{t}]({_rel(here, 'tags.md')}#{t})" for t in rec.tags))
    heading = variants[0].record.title if variants else rec.title  # the variant shown first
    out = [_fm(rec.title, rec.title), f"# {_md_text(heading)}", "", meta, "",
           _block(badge_html(loaded, rec, v), "qbank-verified")]
    qid = f"q-{rec.id}"
    if variants:
        # a template's page is its variants, each resolved with its own key; the first shows
        sections = []
        for i, var in enumerate(variants):
            sections.append(f'<section class="qbank-variant" data-variant="{i}" '
                            f'data-key="{escape(RecordView.of(var.record).key)}" '
                            f'data-seed="{var.seed}" data-variant-id="{escape(var.id)}" '
                            f'data-title="{escape(var.record.title)}"'
                            f'{" hidden" if i else ""}>'
                            f"{_body_html(var.record, f'{qid}-v{i}')}</section>")
        control = (f'<p class="qbank-variant-bar"><button type="button" '
                   f'class="md-button qbank-another">Another variant</button> '
                   f'<span class="qbank-variant-label" aria-live="polite">Variant 1 of '
                   f"{len(sections)} (seed {variants[0].seed})</span></p>")
        out.append(_block(control + "\n" + "\n".join(sections), "qbank-variants"))
    else:
        out.append(_block(_body_html(rec, qid), "qbank-record"))
    if rec.sources:
        out += ["## Sources", ""]
        for s in rec.sources:
            what = []
            if s.url:
                what.append(f"<{s.url}>")
            if s.seed:
                what.append(f"seed file `{s.seed}`")
            if s.file:
                what.append(f"file `{s.file}`")
            line = ", ".join(what) or "unnamed source"
            if s.note:
                line += f": {_md_text(s.note)}"
            out.append(f"- {line}")
        out.append("")
    related = [published[r] for r in rec.related if r in published]
    if related:
        out += ["## Related questions", ""]
        out += [f"- [{_md_text(r.title)}]({_rel(here, question_path(r))})" for r in related]
        out.append("")
    return "\n".join(out)
