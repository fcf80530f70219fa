"""DUP: duplicated and near-duplicated questions. The three rules share one search of the
whole bank (`qbank.services.dedup.DupSearch`, memoised per run), which returns data: the
`DupPair`s, each with its strength (exact, near, paraphrase). Each rule module takes the pairs
of its strength (`pairs`) and words them itself; its options (a subclass of the search's
parameters) are declared in the rule module too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from qbank.core.findings import Location
from qbank.core.loader import Bank
from qbank.core.stats import DupStats
from qbank.services.dedup import DupPair, DupSearch, Settings
from validators.base import Context

# which rule's options configure which strength of the shared search (dispatch only)
OPTIONS_OF = {"exact": "DUP001", "near": "DUP002", "paraphrase": "DUP003"}


def dup_search(bank: Bank, ctx: Context) -> DupSearch:
    def build() -> DupSearch:
        settings = Settings(**{strength: ctx.options_of(code)
                               for strength, code in OPTIONS_OF.items()})
        cache = Path(ctx.config.cache_dir) if ctx.config.cache else None
        search = DupSearch(bank, settings, cache_dir=cache, targets=ctx.targets)
        st = search.stats
        # figures the run statistics do not declare yet (the definition step's) stay in
        # `search.stats` only
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


def pairs(strength: str, bank: Bank, ctx: Context) -> Iterator[DupPair]:
    """The pairs of one strength, in the search's order."""
    for p in dup_search(bank, ctx).pairs:
        if p.strength == strength:
            yield p


def related(p: DupPair) -> tuple[Location, ...]:
    """The other record of a pair, as the finding's related location."""
    where = p.older.pos(p.field)
    return (Location(p.older.path, where.line, where.column, p.older.id),)
