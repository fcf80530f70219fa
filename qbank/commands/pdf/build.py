"""Build a set's PDFs: select, refuse records with error findings, lay out, typeset with Typst
(offline, its embedded fonts only), and write atomically without clobbering."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import generators
from qbank.commands.pdf import layout
from qbank.commands.pdf.select import select
from qbank.commands.pdf.spec import PdfError, SetSpec
from qbank.core.atomic import atomic_write_bytes
from qbank.core.config import Config
from qbank.core.loader import Bank, LoadedRecord
from qbank.render import RecordView, RenderError


@dataclass
class Built:
    files: list[Path]
    questions: int
    versions: int


def typeset(source: str) -> bytes:
    """Typst source -> PDF bytes, the same on every run and machine (no system fonts, no date)."""
    import typst

    with tempfile.TemporaryDirectory(prefix="qbank-pdf-") as tmp:
        main = Path(tmp) / "main.typ"
        main.write_text(source, encoding="utf-8")
        return bytes(typst.compile(str(main), root=tmp, ignore_system_fonts=True, timestamp=0))


def build_set(bank: Bank, spec: SetSpec, out: Path, *, config: Config | None = None,
              force: bool = False, stem: str = "exam",
              echo: Callable[[str], None] = print) -> Built:
    records = select(bank, spec.select)
    if config is not None:
        _refuse_errors(bank, records, config)
    views = [_view(r) for r in records]
    all_versions = layout.versions(views, spec, partial(_version_views, records, views))
    jobs: list[tuple[Path, Callable[[], str], list[LoadedRecord]]] = []
    inline = spec.answers == "inline"
    for v in all_versions:
        suffix = f"-{v.letter}" if v.letter else ""
        jobs.append((out / f"{stem}{suffix}.pdf",
                     partial(layout.exam_source, spec, v, inline_answers=inline), records))
        if spec.answers == "separate":
            jobs.append((out / f"key{suffix}.pdf",
                         partial(layout.key_source, spec, v, all_versions), records))
    clash = [p for p, _, _ in jobs if p.exists()]
    if clash and not force:
        raise PdfError(f"{clash[0]} exists: pass --force to replace it")
    for path, make, recs in jobs:
        pdf = _compile(make, recs)
        atomic_write_bytes(path, pdf)
        echo(f"wrote {path} ({len(pdf) // 1024} KiB)")
    return Built([p for p, _, _ in jobs], len(records), len(all_versions))


def _version_views(records: list[LoadedRecord], views: list[RecordView],
                   n: int) -> list[RecordView]:
    """Version n's records: each template's variant of seed n + 1 (version A: seed 1, ...), with
    its own key; every other record as it is."""
    out = []
    for rec, view in zip(records, views, strict=True):
        written = (rec.written or rec).record
        if written is None or not generators.is_template(written):
            out.append(view)
            continue
        try:
            variant = generators.variants(written, [n + 1])[0]
        except generators.TemplateError as exc:
            raise PdfError(f"{rec.path}: variant {n + 1}: {exc} (qbank validate --select GEN "
                           "says more)") from None
        out.append(_view(dataclasses.replace(rec, record=variant.record)))
    return out


def _view(rec: LoadedRecord) -> RecordView:
    assert rec.record is not None
    view = RecordView.of(rec.record)
    try:  # every formula must convert: say which record and line when one does not
        layout.answer_source(view)
        layout.question_source(SetSpec(), view, 1)
    except RenderError as exc:
        raise PdfError(f"{_where(rec, exc.source)}: {exc}") from None
    return view


def _where(rec: LoadedRecord, snippet: str) -> str:
    for field in ("question", "answer"):
        text = rec.field(field)
        if isinstance(text, str) and snippet in text:
            pos = rec.text_pos((field,), text.index(snippet))
            return f"{rec.path}:{pos.line}"
    return rec.path


def _compile(make: Callable[[], str], records: list[LoadedRecord]) -> bytes:
    source = make()
    try:
        return typeset(source)
    except Exception as exc:
        culprit = _culprit(records)
        raise PdfError(f"{culprit or 'the set'}: Typst cannot typeset it: {exc}") from None


def _culprit(records: list[LoadedRecord]) -> str | None:
    """The first record that does not typeset alone (to name it in the error)."""
    for rec in records:
        view = _view(rec)
        try:
            typeset(layout.PREAMBLE.format(title='"probe"', head="probe")
                    + layout.question_source(SetSpec(), view, 1, answer=True))
        except Exception:
            return rec.path
    return None


def _refuse_errors(bank: Bank, records: list[LoadedRecord], config: Config) -> None:
    """A set never prints a record with error findings (the key could be wrong)."""
    from qbank.lint.engine import validate

    result = validate(bank, config, targets=[r.file for r in records])
    for f in result.findings:
        if f.severity.value == "error":
            raise PdfError(f"{f.path}:{f.line}: {f.code} {f.message} (fix it, or leave the "
                           "record out of the set)")
