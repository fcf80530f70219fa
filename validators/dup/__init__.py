"""DUP: duplicated and near-duplicated questions. The three rules share one search of the
whole bank (`qbank.services.dedup.DupSearch`, memoised per run); each reports the pairs of
its strength.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from qbank.core.findings import Location
from qbank.core.loader import Bank, LoadedRecord
from qbank.core.stats import DupStats
from qbank.services.dedup import DupPair, DupSearch, Settings, excerpt
from validators.base import Context, Result

_WHAT = {
    "exact": "is identical to",
    "near": "is nearly identical to",
    "paraphrase": "says the same, in other words, as",
}


def dup_search(bank: Bank, ctx: Context) -> DupSearch:
    def build() -> DupSearch:
        settings = Settings(exact=ctx.options_of("DUP001"), near=ctx.options_of("DUP002"),
                            paraphrase=ctx.options_of("DUP003"))
        cache = Path(ctx.config.cache_dir) if ctx.config.cache else None
        search = DupSearch(bank, settings, cache_dir=cache, targets=ctx.targets)
        st = search.stats
        ctx.stats.dup = DupStats.model_validate(st)
        emb = [st.get(f"{f}_embed", {}) for f in ("question", "answer")]
        encoded = sum(e.get("encoded", 0) for e in emb)
        cached = sum(e.get("cached", 0) for e in emb)
        frag = (f"duplicates: {len(search.pairs)} pair(s) in {st.get('seconds', 0):.1f} s"
                + (f" (embeddings: {cached} cached, {encoded} encoded)" if emb[0] or emb[1]
                   else ""))
        ctx.add_summary(frag)
        return search

    search: DupSearch = ctx.memo("dup.search", build)
    return search


def results(strength: str, bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    for p in dup_search(bank, ctx).pairs:
        if p.strength == strength:
            yield p.newer, _result(p)


def _has_question(rec: LoadedRecord) -> bool:
    q = rec.field("question")
    return isinstance(q, str) and bool(q.strip())


def _result(p: DupPair) -> Result:
    other = p.older
    at = p.newer.pos(p.field)
    where = other.pos(p.field)
    also = f"; also {', '.join(p.also)}" if p.also else ""
    if p.orphan:
        lost, kept = (p.newer, other) if not _has_question(p.newer) else (other, p.newer)
        question = kept.field("question")
        message = (f"answer of `{lost.id}`, a record without a question, answers the question "
                   f"of `{kept.id}` ({p.how}{also}): “{excerpt(p.text(lost))}” ~ "
                   f"“{excerpt(question if isinstance(question, str) else '')}”")
    else:
        message = (f"{p.field} {_WHAT[p.strength]} the {p.field} of `{other.id}` "
                   f"({p.how}{also}): “{excerpt(p.text(p.newer))}” ~ “{excerpt(p.text(other))}”")
    if p.strength == "paraphrase":
        hint = (f"merge it with `{other.id}`; if the two really ask different things, make the "
                f"difference plain in the wording, or list `{other.id}` in `related`")
    else:
        hint = (f"merge it with `{other.id}` (keep the better wording), or, if both are "
                f"wanted, list each other in `related`")
    return Result(message, hint=hint, at=at,
                  related=(Location(other.path, where.line, where.column, other.id),))
