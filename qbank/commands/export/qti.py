"""QTI 1.2 for Canvas ("QTI .zip file" import): a zip of an IMS content package,
`imsmanifest.xml` and one assessment per topic (`<ident>/<ident>.xml`), which Canvas turns into
a quiz and a question bank. Items carry Canvas's `question_type` metadata:
multiple_choice_question, multiple_answers_question, numerical_question (the value and its
tolerance as a range), essay_question (open and code; the model answer as general feedback).
A template is a section of its variants that draws one (a Canvas question group).

Idents derive from record ids and variant seeds (`qbank-<id>`, `qbank-<template>_s<seed>`);
the zip's entries are sorted and dated 1980-01-01, so the same selection and bank give the same
bytes.

No PyPI package ships the IMS QTI 1.2 schemas (`ims_qtiasiv1p2p1.xsd`), so `check_package`
checks the structure this module relies on (and that Canvas reads) with the standard library's
parser instead of a schema."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence

from qbank.commands.export.items import Group, Item, Topic, html, number
from qbank.core.model import QuestionType

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
CANVAS_TYPES = {
    QuestionType.SINGLE_CHOICE: "multiple_choice_question",
    QuestionType.MULTIPLE_CHOICE: "multiple_answers_question",
    QuestionType.NUMERIC: "numerical_question",
    QuestionType.OPEN: "essay_question",
    QuestionType.CODE: "essay_question",
}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
RESPONSE = "response1"


def ident(item_or_group: Item | Group) -> str:
    return f"qbank-{item_or_group.slug}"


def choice_ident(index: int) -> str:
    """A choice's ident in its item: 1, 2, 3... (Canvas keeps answer ids numeric)."""
    return str(index + 1)


def _sub(parent: ET.Element, tag: str, attrs: dict[str, str] | None = None,
         text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs or {})
    if text is not None:
        el.text = text
    return el


def _material(parent: ET.Element, body: str) -> None:
    _sub(_sub(parent, "material"), "mattext", {"texttype": "text/html"}, body)


def _meta(parent: ET.Element, fields: dict[str, str]) -> None:
    md = _sub(parent, "qtimetadata")
    for label, entry in fields.items():
        f = _sub(md, "qtimetadatafield")
        _sub(f, "fieldlabel", text=label)
        _sub(f, "fieldentry", text=entry)


def _feedback(item: ET.Element, fb_ident: str, body: str) -> None:
    fb = _sub(item, "itemfeedback", {"ident": fb_ident})
    _material(_sub(fb, "flow_mat"), body)


def _item(parent: ET.Element, it: Item) -> None:
    rec, view = it.record, it.view
    title = rec.title + (f" (variant {it.seed})" if it.seed is not None else "")
    el = _sub(parent, "item", {"ident": ident(it), "title": title})
    _meta(_sub(el, "itemmetadata"), {"question_type": CANVAS_TYPES[rec.type],
                                     "points_possible": "1",
                                     "assessment_question_identifierref": ident(it) + "-q",
                                     "qbank_id": it.id})
    pres = _sub(el, "presentation")
    _material(pres, html(rec.question))
    proc = _sub(el, "resprocessing")
    _sub(_sub(proc, "outcomes"), "decvar", {"maxvalue": "100", "minvalue": "0",
                                            "varname": "SCORE", "vartype": "Decimal"})
    general = html(rec.answer)
    if general:
        cond = _sub(proc, "respcondition", {"continue": "Yes"})
        _sub(_sub(cond, "conditionvar"), "other")
        _sub(cond, "displayfeedback", {"feedbacktype": "Response", "linkrefid": "general_fb"})
    feedbacks: list[tuple[str, str]] = []
    if view.choices:
        multiple = rec.type is QuestionType.MULTIPLE_CHOICE
        lid = _sub(pres, "response_lid", {"ident": RESPONSE,
                                          "rcardinality": "Multiple" if multiple else "Single"})
        rc = _sub(lid, "render_choice")
        for i, c in enumerate(view.choices):
            label = _sub(rc, "response_label", {"ident": choice_ident(i)})
            _material(label, html(c.text))
            if c.why:
                fb = f"{choice_ident(i)}_fb"
                cond = _sub(proc, "respcondition", {"continue": "Yes"})
                _sub(_sub(cond, "conditionvar"), "varequal", {"respident": RESPONSE},
                     choice_ident(i))
                _sub(cond, "displayfeedback", {"feedbacktype": "Response", "linkrefid": fb})
                feedbacks.append((fb, html(c.why)))
        cond = _sub(proc, "respcondition", {"continue": "No"})
        var = _sub(cond, "conditionvar")
        if multiple:
            both = _sub(var, "and")
            for i, c in enumerate(view.choices):
                target = both if c.correct else _sub(both, "not")
                _sub(target, "varequal", {"respident": RESPONSE}, choice_ident(i))
        else:
            right = next(i for i, c in enumerate(view.choices) if c.correct)
            _sub(var, "varequal", {"respident": RESPONSE}, choice_ident(right))
        _sub(cond, "setvar", {"action": "Set", "varname": "SCORE"}, "100")
    elif rec.type is QuestionType.NUMERIC:
        assert rec.numeric is not None
        value, tol = rec.numeric.value, rec.numeric.tolerance
        rs = _sub(pres, "response_str", {"ident": RESPONSE, "rcardinality": "Single"})
        _sub(_sub(rs, "render_fib", {"fibtype": "Decimal"}), "response_label",
             {"ident": "answer1"})
        cond = _sub(proc, "respcondition", {"continue": "No"})
        either = _sub(_sub(cond, "conditionvar"), "or")
        _sub(either, "varequal", {"respident": RESPONSE}, number(value))
        both = _sub(either, "and")
        _sub(both, "vargte", {"respident": RESPONSE}, number(value - tol))
        _sub(both, "varlte", {"respident": RESPONSE}, number(value + tol))
        _sub(cond, "setvar", {"action": "Set", "varname": "SCORE"}, "100")
    else:
        rs = _sub(pres, "response_str", {"ident": RESPONSE, "rcardinality": "Single"})
        _sub(_sub(rs, "render_fib"), "response_label", {"ident": "answer1", "rshuffle": "No"})
        cond = _sub(proc, "respcondition", {"continue": "No"})
        _sub(_sub(cond, "conditionvar"), "other")
    if general:
        _feedback(el, "general_fb", general)
    for fb, body in feedbacks:
        _feedback(el, fb, body)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + bytes(ET.tostring(root, encoding="utf-8", xml_declaration=False)) + b"\n")


def assessment_ident(topic: Topic) -> str:
    return f"qbank-{topic.key}"


def assessment(topic: Topic) -> bytes:
    root = ET.Element("questestinterop", {
        "xmlns": QTI_NS, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{QTI_NS} {QTI_XSD}"})
    test = _sub(root, "assessment", {"ident": assessment_ident(topic), "title": topic.title})
    _meta(test, {"cc_maxattempts": "1"})
    section = _sub(test, "section", {"ident": "root_section"})
    for entry in topic.entries:
        if isinstance(entry, Item):
            _item(section, entry)
            continue
        group = _sub(section, "section", {"ident": ident(entry), "title": entry.title})
        order = _sub(group, "selection_ordering")
        sel = _sub(order, "selection")
        _sub(sel, "selection_number", text="1")
        _sub(_sub(sel, "selection_extension"), "points_per_item", text="1")
        for it in entry.items:
            _item(group, it)
    return _xml(root)


def manifest(topics: Sequence[Topic]) -> bytes:
    root = ET.Element("manifest", {
        "identifier": "qbank-export", "xmlns": CP_NS, "xmlns:xsi": XSI,
        "xsi:schemaLocation": f"{CP_NS} {CP_XSD}"})
    meta = _sub(root, "metadata")
    _sub(meta, "schema", text="IMS Content")
    _sub(meta, "schemaversion", text="1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for topic in topics:
        aid = assessment_ident(topic)
        res = _sub(resources, "resource", {"identifier": aid, "type": "imsqti_xmlv1p2"})
        _sub(res, "file", {"href": f"{aid}/{aid}.xml"})
    return _xml(root)


def files(topics: Sequence[Topic]) -> dict[str, bytes]:
    out = {"imsmanifest.xml": manifest(topics)}
    for topic in topics:
        aid = assessment_ident(topic)
        out[f"{aid}/{aid}.xml"] = assessment(topic)
    return out


def deterministic_zip(entries: dict[str, bytes]) -> bytes:
    """A zip of `entries`, sorted, dated 1980-01-01, mode 0644: the same entries, the same
    bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            zf.writestr(info, entries[name], compresslevel=9)
    return buf.getvalue()


def render(topics: Sequence[Topic]) -> bytes:
    return deterministic_zip(files(topics))


def check_package(data: bytes) -> list[str]:
    """What Canvas needs of the package and is missing: every resource's file is in the zip and
    parses as a QTI 1.2 assessment whose items have a question_type, a presentation and (for
    choices) a correct answer. Empty: the package is sound."""
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        if "imsmanifest.xml" not in names:
            return ["no imsmanifest.xml"]
        man = ET.fromstring(zf.read("imsmanifest.xml"))
        if man.tag != f"{{{CP_NS}}}manifest":
            problems.append(f"imsmanifest.xml: root is {man.tag}")
        hrefs = [f.get("href", "") for f in man.iter(f"{{{CP_NS}}}file")]
        for href in hrefs:
            if href not in names:
                problems.append(f"imsmanifest.xml names {href}, not in the zip")
                continue
            root = ET.fromstring(zf.read(href))
            if root.tag != f"{{{QTI_NS}}}questestinterop":
                problems.append(f"{href}: root is {root.tag}")
            for item in root.iter(f"{{{QTI_NS}}}item"):
                problems += [f"{href}: {item.get('ident')}: {p}" for p in _item_problems(item)]
    return problems


def _item_problems(item: ET.Element) -> list[str]:
    q = f"{{{QTI_NS}}}"
    out: list[str] = []
    kinds = [f.findtext(f"{q}fieldentry") for f in item.iter(f"{q}qtimetadatafield")
             if f.findtext(f"{q}fieldlabel") == "question_type"]
    if len(kinds) != 1 or kinds[0] not in set(CANVAS_TYPES.values()):
        out.append(f"question_type {kinds}")
    if item.find(f"{q}presentation/{q}material/{q}mattext") is None:
        out.append("no question text")
    if kinds and kinds[0] in ("multiple_choice_question", "multiple_answers_question"):
        labels = {r.get("ident") for r in item.iter(f"{q}response_label")}
        scored = [c for c in item.iter(f"{q}respcondition") if c.find(f"{q}setvar") is not None]
        if len(scored) != 1:
            out.append(f"{len(scored)} scoring conditions")
        for v in item.iter(f"{q}varequal"):
            if v.text not in labels:
                out.append(f"varequal {v.text} names no choice")
    refs = {d.get("linkrefid") for d in item.iter(f"{q}displayfeedback")}
    have = {f.get("ident") for f in item.iter(f"{q}itemfeedback")}
    if refs - have:
        out.append(f"feedback {sorted(r or '' for r in refs - have)} missing")
    return out
