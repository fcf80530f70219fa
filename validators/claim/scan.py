"""What CLAIM checks in a record, and the shared per-run work of the two CLAIM rules.

Checked: the prose of `answer` (fences masked, inline code kept) and the text and `why` of every
choice marked `correct: true`. Not checked: `question` (questions may state a false premise to
ask about it) and wrong choices (they are meant to be false).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from qbank.core.cache import CacheTable
from qbank.core.loader import KeyPath, LoadedRecord, Pos
from qbank.core.stats import ClaimStats
from validators.claim import catalog as cat
from validators.claim import computable as comp
from validators.claim.sentences import Sentence, split


@dataclass(frozen=True, slots=True)
class Located:
    rec: LoadedRecord
    path: KeyPath
    sentence: Sentence

    @property
    def pos(self) -> Pos:
        return self.rec.text_pos(self.path, self.sentence.offset)


def record_sentences(rec: LoadedRecord) -> list[Located]:
    out: list[Located] = []
    answer = rec.field("answer")
    if isinstance(answer, str):
        out.extend(Located(rec, ("answer",), s) for s in split(answer))
    choices = rec.field("choices")
    if isinstance(choices, list):
        for i, ch in enumerate(choices):
            if not isinstance(ch, dict) or ch.get("correct") is not True:
                continue
            for key in ("text", "why"):
                value = ch.get(key)
                if isinstance(value, str):
                    out.extend(Located(rec, ("choices", i, key), s) for s in split(value))
    return out


def verdict_cache(ctx: Any) -> CacheTable:
    """CLAIM's verdicts, per sentence, in one table for the run (`ctx.memo`: both rules)."""
    return cast(CacheTable, ctx.memo("claim:cache",
                                     lambda: CacheTable.for_config(ctx.config, "claim")))


def _stats(ctx: Any) -> ClaimStats:
    if ctx.stats.claim is None:
        ctx.stats.claim = ClaimStats()
    return cast(ClaimStats, ctx.stats.claim)


def misconceptions(ctx: Any) -> list[tuple[Located, cat.Match, str]]:
    """CLAIM001's work for this run (target records only), computed once: (where, match, the
    quoted text). A claim spread over two sentences is located at the first and quotes both; one
    read in context (a list item under its lead-in, a table row under its header) is located at
    the sentence and quotes the context."""
    def run() -> list[tuple[Located, cat.Match, str]]:
        t0 = time.perf_counter()
        located = [loc for rec in ctx.target_records() if rec.syntax is None
                   for loc in record_sentences(rec)]
        cache = verdict_cache(ctx)
        matcher = cat.Matcher(cat.load_catalog(),
                              cache_dir=ctx.config.cache_dir if ctx.config.cache else None)
        before = len(cache.data)
        found = cat.match_with_pairs(
            matcher, [loc.sentence.text for loc in located],
            [hash((loc.rec.path, loc.path, loc.sentence.block)) for loc in located], cache,
            [loc.sentence.context for loc in located])
        cache.save()
        st = _stats(ctx)
        st.sentences = len(located)
        st.misconception_verdicts_computed = len(cache.data) - before
        st.misconceptions = sum(m is not None for m in found)
        st.claim001_seconds = round(time.perf_counter() - t0, 3)
        confirmed = _confirmed([(_key(loc), v) for loc, v in computations(ctx)]) \
            if ctx.config.code_enabled("CLAIM002") else set()
        out: list[tuple[Located, cat.Match, str]] = []
        for i, (loc, m) in enumerate(zip(located, found, strict=True)):
            if m is None or (m.via == "embedding" and _key(loc) in confirmed):
                continue
            if m.via.endswith("+pair"):
                prev = located[i - 1]
                out.append((prev, m, prev.sentence.text + " " + loc.sentence.text))
            elif m.via.endswith("+context"):
                out.append((loc, m, loc.sentence.context))
            else:
                out.append((loc, m, loc.sentence.text))
        return out
    return cast(list[tuple[Located, cat.Match, str]], ctx.memo("claim:misconceptions", run))


def _key(loc: Located) -> tuple[Any, ...]:
    return (loc.rec.path, loc.path, loc.sentence.offset)


def _confirmed(verdicts: list[tuple[Any, comp.Verdict]]) -> set[Any]:
    """The sentences whose computed statements TensorFlow all confirms (one at least). CLAIM001
    does not flag such a sentence on its embedding alone: "the hinge loss is 0.7 here" is near
    the hinge entries in meaning, and the computation says it is right (a cue match still
    counts)."""
    true = {k for k, v in verdicts if v.true is True}
    return true - {k for k, v in verdicts if v.true is False}


def computations(ctx: Any) -> list[tuple[Located, comp.Verdict]]:
    """CLAIM002's work for this run: statements found, settled with TensorFlow (cached)."""
    def run() -> list[tuple[Located, comp.Verdict]]:
        t0 = time.perf_counter()
        pairs: list[tuple[Located, comp.Statement]] = []
        for rec in ctx.target_records():
            if rec.syntax is not None:
                continue
            for loc in record_sentences(rec):
                pairs.extend((loc, st) for st in comp.find_statements(loc.sentence.text))
        cache = verdict_cache(ctx)
        settler = comp.Settler(cache)
        verdicts = settler.settle([st for _, st in pairs])
        cache.save()
        st = _stats(ctx)
        st.computable_statements = len(pairs)
        st.tensorflow_runs = settler.runs
        st.claim002_seconds = round(time.perf_counter() - t0, 3)
        return [(loc, v) for (loc, _), v in zip(pairs, verdicts, strict=True)]
    return cast(list[tuple[Located, comp.Verdict]], ctx.memo("claim:computations", run))


@dataclass(frozen=True, slots=True)
class ClaimHit:
    code: str  # CLAIM001 | CLAIM002
    key: str  # catalog id, or "<kind>:<subject>" for CLAIM002
    line: int  # 1-based line in the scanned text
    sentence: str
    message: str


def scan_text(text: str, *, markdown: bool = True, compute: bool = True,
              cache_dir: Path | None = None) -> list[ClaimHit]:
    """Both CLAIM checks over any text (a seed page, a draft answer). `markdown=False` for
    plain text (no fences). Returns the hits sorted by line."""
    sentences = split(text, markdown=markdown)
    cache = CacheTable(cache_dir / "claim" / "table.json" if cache_dir else None)

    def line_of(off: int) -> int:
        return text.count("\n", 0, off) + 1

    hits: list[ClaimHit] = []
    catalog = cat.load_catalog()
    entries = catalog.by_id()
    matcher = cat.Matcher(catalog, cache_dir=str(cache_dir) if cache_dir else None)
    found = cat.match_with_pairs(matcher, [s.text for s in sentences],
                                 [s.block for s in sentences], cache,
                                 [s.context for s in sentences])
    settled: list[tuple[tuple[Sentence, comp.Statement], comp.Verdict]] = []
    if compute:
        pairs = [(s, st) for s in sentences for st in comp.find_statements(s.text)]
        settled = list(zip(pairs, comp.Settler(cache).settle([st for _, st in pairs]),
                           strict=True))
    confirmed = _confirmed([(s.offset, v) for (s, _), v in settled])
    for i, (s, m) in enumerate(zip(sentences, found, strict=True)):
        if m is not None and not (m.via == "embedding" and s.offset in confirmed):
            if m.via.endswith("+pair"):
                s, quoted = sentences[i - 1], sentences[i - 1].text + " " + s.text
            elif m.via.endswith("+context"):
                quoted = s.context
            else:
                quoted = s.text
            hits.append(ClaimHit("CLAIM001", m.entry, line_of(s.offset), quoted,
                                 entries[m.entry].correct))
    for (s, st), v in settled:
        if v.true is False:
            hits.append(ClaimHit("CLAIM002", f"{st.kind}:{st.subject}", line_of(s.offset),
                                 s.text, f"{comp.source(st.kind)} says: {v.actual}"))
    cache.save()
    return sorted(hits, key=lambda h: (h.line, h.code))
