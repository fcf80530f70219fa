"""Which records a command takes (`qbank pdf`, `qbank export`): named ids first, then the
filters' matches, then a seeded draw. Drafts are never taken.

    picked = select(bank, Selection(topics=["cnn"], count=5, seed=1))
"""

from __future__ import annotations

import difflib
import random
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from qbank.core.loader import Bank, LoadedRecord


class SelectionError(Exception):
    """A selection that names no record, or matches none (the commands exit 2 with it)."""


class Selection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ids: list[str] = Field(default_factory=list)  # these, in this order (then the filters' picks)
    topics: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    difficulty: list[Literal["easy", "medium", "hard"]] = Field(default_factory=list)
    types: list[Literal["open", "single_choice", "multiple_choice", "numeric", "code"]] = Field(
        default_factory=list)
    count: int | None = Field(default=None, ge=1)  # a reproducible draw of this many
    seed: int = 0
    balance: bool = False  # draw evenly over the topics


def select(bank: Bank, sel: Selection) -> list[LoadedRecord]:
    usable = [r for r in bank.records if r.record is not None]
    by_id = {r.id: r for r in usable}
    for rid in sel.ids:
        if rid not in by_id:
            near = difflib.get_close_matches(rid, list(by_id), n=1)
            raise SelectionError(f"no question with id {rid!r} in {bank.root}"
                                 + (f" (did you mean {near[0]!r}?)" if near else ""))
    named = [by_id[i] for i in dict.fromkeys(sel.ids)]
    filters = bool(sel.topics or sel.tags or sel.difficulty or sel.types)
    pool = [r for r in usable if _matches(r, sel)] if filters or not named else []
    picked = named + [r for r in pool if r.id not in set(sel.ids)]
    picked = [r for r in picked if r.record is not None and r.record.status.value != "draft"]
    if sel.count is not None:
        picked = _draw(named, [r for r in picked if r not in named], sel)
    if not picked:
        raise SelectionError("the selection is empty: no published question matches it "
                             "(check --topic/--tag/--difficulty/--type, or the set file's "
                             "`select`)")
    return picked


def _matches(r: LoadedRecord, sel: Selection) -> bool:
    rec = r.record
    assert rec is not None
    return ((not sel.topics or rec.topic in sel.topics)
            and (not sel.tags or bool(set(sel.tags) & set(rec.tags)))
            and (not sel.difficulty or rec.difficulty.value in sel.difficulty)
            and (not sel.types or rec.type.value in sel.types))


def _draw(named: list[LoadedRecord], pool: list[LoadedRecord], sel: Selection
          ) -> list[LoadedRecord]:
    """`count` questions: the named ones, then a draw from the pool that is the same for the
    same seed and bank (sorted by id first), evenly over topics with `balance`."""
    assert sel.count is not None
    want = max(0, sel.count - len(named))
    rng = random.Random(sel.seed)
    pool = sorted(pool, key=lambda r: r.id)
    if want > len(pool):
        raise SelectionError(f"--count {sel.count}: only {len(pool) + len(named)} questions "
                             "match")
    if not sel.balance:
        return named + rng.sample(pool, want)
    topics: dict[str, list[LoadedRecord]] = {}
    for r in pool:
        assert r.record is not None
        topics.setdefault(r.record.topic, []).append(r)
    for group in topics.values():
        rng.shuffle(group)
    out: list[LoadedRecord] = []
    while len(out) < want:
        for key in sorted(topics):
            if topics[key] and len(out) < want:
                out.append(topics[key].pop())
    return named + out
