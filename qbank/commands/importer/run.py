"""Import sources into a bank folder: never overwrite, never import twice, say what happened.

- an entry whose source an existing record already cites (file name and "line N", or the
  source's own label such as "Q6" or "Fundamentals Q1"), or whose id is taken by a record with
  the same question, is skipped as "already imported";
- an id taken by a different record is a clash: reported, nothing written (exit 1);
- records are written with `atomic_write_text(..., overwrite=False)`: even a file that
  appears meanwhile is never replaced;
- an unreadable source stops the run before anything is written (exit 2)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qbank.commands.importer import parse
from qbank.commands.importer.builder import DEFAULT_TOPICS, allocate_ids, build, dump, note
from qbank.commands.importer.entry import Parsed
from qbank.core.atomic import atomic_write_text
from qbank.core.loader import load_record, load_topics, record_files

_LINE = re.compile(r"\bline (\d+)\b")
_LABEL = re.compile(r"^\s*((?:[^,:]*\s)?Q\d+)\s*(?:[,:(]|$)")


class SourceError(Exception):
    """A source cannot be read: one line naming the file."""


@dataclass
class SourceReport:
    name: str
    format: str
    imported: list[str] = field(default_factory=list)  # ids
    already: int = 0
    clashes: int = 0
    skipped: int = 0  # stretches of lines skipped
    skipped_lines: int = 0
    duplicates: int = 0
    without_answer: int = 0
    without_question: int = 0


@dataclass
class ImportReport:
    sources: list[SourceReport] = field(default_factory=list)

    @property
    def clashes(self) -> int:
        return sum(s.clashes for s in self.sources)

    @property
    def exit_code(self) -> int:
        return 1 if self.clashes else 0


def read_source(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    if "\x00" in text:
        raise SourceError(f"{path}: a binary file, not text")
    return text.removeprefix("\ufeff")


@dataclass
class _Known:
    by_id: dict[str, tuple[Path, str]] = field(default_factory=dict)  # id -> (path, question)
    by_origin: dict[tuple[str, int], str] = field(default_factory=dict)  # (name, line) -> id
    by_label: dict[tuple[str, str], str] = field(default_factory=dict)  # (name, "Q6") -> id


def _existing(into: Path) -> _Known:
    """What the bank holds already, read by the bank's own loader (`.yaml` and `.yml`)."""
    known = _Known()
    if not into.is_dir():
        return known
    for p in record_files(into):
        data = load_record(p).data
        if not isinstance(data, dict):
            known.by_id.setdefault(p.stem, (p, ""))
            continue
        rid = str(data.get("id") or p.stem)
        question = data.get("question")
        known.by_id.setdefault(rid, (p, question if isinstance(question, str) else ""))
        known.by_id.setdefault(p.stem, (p, question if isinstance(question, str) else ""))
        for src in data.get("sources") or []:
            if not isinstance(src, dict):
                continue
            name = src.get("seed") or src.get("file")
            m = _LINE.search(str(src.get("note") or ""))
            if name and m:
                known.by_origin.setdefault((str(name), int(m.group(1))), rid)
            lm = _LABEL.match(str(src.get("note") or ""))
            if name and lm:
                known.by_label.setdefault((str(name), _norm(lm.group(1))), rid)
    return known


def topics_of(into: Path) -> tuple[list[str], bool]:
    """The bank's topic keys (and True), or the default keys (and False) without topics.yaml."""
    topics, _ = load_topics(into)
    if topics:
        return list(topics), True
    return list(DEFAULT_TOPICS), False


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def import_sources(paths: list[Path], into: Path, *, dry_run: bool = False,
                   topic: str | None = None,
                   echo: Callable[[str], None] = print) -> ImportReport:
    texts = [(p, read_source(p)) for p in paths]  # all readable, or nothing is written
    topics, found = topics_of(into)
    if not found:
        echo(f"note: {into / 'topics.yaml'} not found: topics guessed among the defaults "
             f"({', '.join(topics)})")
    if topic is not None and topic not in topics:
        raise SourceError(f"--topic {topic}: not a topic of {into}; one of: {', '.join(topics)}")
    known = _existing(into)
    report = ImportReport()
    for path, text in texts:
        parsed = parse(text)
        report.sources.append(_import_one(path.name, parsed, into, topics, topic, known,
                                          dry_run, echo))
    if len(report.sources) > 1:
        echo("total: " + _counts(report.sources, dry_run))
    return report


def _import_one(name: str, parsed: Parsed, into: Path, topics: list[str], topic: str | None,
                known: _Known, dry_run: bool, echo: Callable[[str], None]) -> SourceReport:
    rep = SourceReport(name, parsed.format)
    echo(f"{name}: {parsed.format}, {len(parsed.entries)} entries")
    events: list[tuple[int, str]] = []
    seen_q: dict[str, str] = {}
    seen_a: dict[str, str] = {}
    verb = "would import" if dry_run else "imported"
    labels = Counter(e.label for e in parsed.entries)  # a label cited alone: "Q6", "Training Q2"
    for entry, rid in zip(parsed.entries, allocate_ids(parsed.entries), strict=True):
        rec: dict[str, Any] = build(entry, rid, name, topics, topic)
        where = note(entry)
        cited = known.by_origin.get((name, entry.line))
        if cited is None and entry.label and labels[entry.label] == 1:
            cited = known.by_label.get((name, _norm(entry.label)))
        if cited is not None:
            rep.already += 1
            events.append((entry.line, f"  skipped   {where}: already imported as {cited}"))
            continue
        if rid in known.by_id:
            other, question = known.by_id[rid]
            if question.strip() and _norm(question) == _norm(rec["question"]):
                rep.already += 1
                events.append((entry.line, f"  skipped   {where}: already imported as {other}"))
            else:
                rep.clashes += 1
                events.append((entry.line, f"  clash     {where}: id {rid} is taken by {other}, "
                                           "a different record; not overwritten"))
            continue
        target = into / rec["topic"] / f"{rid}.yaml"
        if not dry_run:
            try:
                atomic_write_text(target, dump(rec), overwrite=False)
            except FileExistsError:
                rep.clashes += 1
                events.append((entry.line, f"  clash     {where}: {target} exists; not "
                                           "overwritten"))
                continue
        known.by_id[rid] = (target, rec["question"])
        known.by_origin[(name, entry.line)] = rid
        rep.imported.append(rid)
        flags: list[str] = []
        if not entry.question.strip():
            rep.without_question += 1
            flags.append("question lost")
        if entry.answer is None:
            rep.without_answer += 1
            flags.append("no answer")
        if entry.code_blocks:
            flags.append(f"{entry.code_blocks} code block{'s' * (entry.code_blocks > 1)} fenced")
        qk, ak = _norm(entry.question), _norm(entry.answer or "")
        dup = (seen_q.get(qk) if qk else None) or (seen_a.get(ak) if ak else None)
        if dup:
            rep.duplicates += 1
            flags.append(f"possible duplicate of {dup}")
        if qk:
            seen_q.setdefault(qk, rid)
        if ak:
            seen_a.setdefault(ak, rid)
        shown = f"{rec['topic']}/{rid}.yaml"
        events.append((entry.line, f"  {verb:<9} {shown}  ({where}"
                                   + (f"; {'; '.join(flags)}" if flags else "") + ")"))
    for skip in parsed.skips:
        rep.skipped += 1
        rep.skipped_lines += skip.end - skip.line + 1
        span = f"line {skip.line}" if skip.line == skip.end else f"lines {skip.line}-{skip.end}"
        events.append((skip.line, f"  skipped   {span}: {skip.reason}"))
    for _, text in sorted(events, key=lambda e: e[0]):
        echo(text)
    echo(f"{name}: " + _counts([rep], dry_run))
    return rep


def _counts(reps: list[SourceReport], dry_run: bool) -> str:
    imported = sum(len(r.imported) for r in reps)
    parts = [f"{imported} {'to import' if dry_run else 'imported'}"]
    parts.append(f"{sum(r.already for r in reps)} already imported")
    parts.append(f"{sum(r.clashes for r in reps)} clashes")
    noq = sum(r.without_question for r in reps)
    noa = sum(r.without_answer for r in reps)
    dup = sum(r.duplicates for r in reps)
    extra = []
    if noq:
        extra.append(f"{noq} without question")
    if noa:
        extra.append(f"{noa} without answer")
    if dup:
        extra.append(f"{dup} possible duplicates")
    skipped = sum(r.skipped for r in reps)
    lines = sum(r.skipped_lines for r in reps)
    text = ", ".join(parts)
    if extra:
        text += f" ({', '.join(extra)})"
    return text + f"; {skipped} stretches skipped ({lines} lines)"
