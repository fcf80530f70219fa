"""`qbank export --format moodle|gift|qti|anki`: the bank for LMSs and flashcards, each item's
body from the render layer (`qbank.render.prose_html`, math as MathJax TeX). See docs/export.md.

    data = export_bytes(load_bank(Path("bank")), Selection(topics=["cnn"]), "moodle")
    write_export(data, Path("build/export/cnn.xml"), force=False)

Identifiers derive from record ids and variant seeds, never from rendered text; the same
selection and bank give the same bytes (Anki: with SOURCE_DATE_EPOCH set)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from qbank.commands.export import anki, gift, moodle, qti
from qbank.commands.export.items import ExportError, Group, Topic, collect
from qbank.core.atomic import atomic_write_bytes
from qbank.core.loader import Bank
from qbank.core.selection import Selection, SelectionError, select

RENDERERS: dict[str, Callable[[Sequence[Topic]], bytes]] = {
    "moodle": moodle.render,
    "gift": gift.render,
    "qti": qti.render,
    "anki": anki.render,
}
SUFFIX = {"moodle": ".xml", "gift": ".gift.txt", "qti": ".qti.zip", "anki": ".apkg"}
FORMATS = tuple(RENDERERS)


def default_path(fmt: str) -> Path:
    return Path("build/export") / f"qbank-{fmt}{SUFFIX[fmt]}"


def export_topics(bank: Bank, selection: Selection, *, variants: int = 5) -> list[Topic]:
    """The selection's records by topic, templates as groups of `variants` variants."""
    if variants < 1:
        raise ExportError(f"--variants {variants}: a template needs at least 1 variant")
    try:
        records = select(bank, selection)
    except SelectionError as exc:
        raise ExportError(str(exc)) from None
    return collect(bank, records, variants=variants)


@dataclass(frozen=True)
class Exported:
    data: bytes
    questions: int  # items written (a template counts its variants)
    topics: int
    templates: int


def export(bank: Bank, selection: Selection, fmt: str, *, variants: int = 5) -> Exported:
    if fmt not in RENDERERS:
        raise ExportError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    topics = export_topics(bank, selection, variants=variants)
    return Exported(RENDERERS[fmt](topics), sum(len(t.items()) for t in topics), len(topics),
                    sum(isinstance(e, Group) for t in topics for e in t.entries))


def export_bytes(bank: Bank, selection: Selection, fmt: str, *, variants: int = 5) -> bytes:
    return export(bank, selection, fmt, variants=variants).data


def write_export(data: bytes, path: Path, *, force: bool = False) -> None:
    """Write atomically; an existing file is replaced only with `force`."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder: -o names the file to write")
    try:
        atomic_write_bytes(path, data, overwrite=force)
    except FileExistsError:
        raise ExportError(f"{path} exists: give --force to replace it") from None
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None


__all__ = ["FORMATS", "ExportError", "Exported", "Selection", "Topic", "default_path", "export",
           "export_bytes", "export_topics", "write_export"]
