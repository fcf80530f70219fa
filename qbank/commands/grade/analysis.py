"""Item analysis over graded responses: facility (mean score), discrimination (the
point-biserial correlation of the item's score with the learner's score on the other items),
distractor frequencies, and flags: negative discrimination, and a distractor the strongest
learners choose more often than the key (a sign of a wrong key)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from qbank.commands.grade.score import Verdict

MIN_LEARNERS = 5  # fewer: discrimination is not reported


@dataclass
class ItemStats:
    question: str
    responses: int
    facility: float | None  # mean score, 0..1
    discrimination: float | None  # point-biserial, -1..1
    choices: dict[str, int] = field(default_factory=dict)  # letter -> times ticked
    key: str = ""
    flags: list[str] = field(default_factory=list)


def item_analysis(verdicts: list[Verdict]) -> list[ItemStats]:
    graded = [v for v in verdicts if v.score is not None]
    totals: dict[str, float] = {}
    for v in graded:
        totals[v.learner] = totals.get(v.learner, 0.0) + (v.score or 0.0)
    by_item: dict[str, list[Verdict]] = {}
    for v in graded:
        by_item.setdefault(v.question, []).append(v)
    out = []
    for qid, items in sorted(by_item.items()):
        scores = [v.score or 0.0 for v in items]
        rest = [totals[v.learner] - (v.score or 0.0) for v in items]
        stats = ItemStats(qid, len(items), round(sum(scores) / len(scores), 3),
                          _point_biserial(scores, rest) if len(items) >= MIN_LEARNERS else None,
                          key=items[0].key)
        ticks: Counter[str] = Counter(letter for v in items for letter in v.picked)
        stats.choices = dict(sorted(ticks.items()))
        _flag(stats, items, rest)
        out.append(stats)
    return out


def _point_biserial(scores: list[float], rest: list[float]) -> float | None:
    n = len(scores)
    mx, my = sum(scores) / n, sum(rest) / n
    sx = math.sqrt(sum((x - mx) ** 2 for x in scores) / n)
    sy = math.sqrt(sum((y - my) ** 2 for y in rest) / n)
    if sx == 0 or sy == 0:
        return None
    cov = sum((x - mx) * (y - my) for x, y in zip(scores, rest, strict=True)) / n
    return round(cov / (sx * sy), 3)


def _flag(stats: ItemStats, items: list[Verdict], rest: list[float]) -> None:
    if stats.discrimination is not None and stats.discrimination < 0:
        stats.flags.append(f"negative discrimination ({stats.discrimination}): the learners "
                           "who do best elsewhere do worse here; check the key and the wording")
    if not stats.key or len(items) < MIN_LEARNERS:
        return
    ranked = sorted(zip(rest, items, strict=True), key=lambda p: -p[0])
    top = [v for _, v in ranked[: max(1, math.ceil(len(ranked) * 0.27))]]
    counts: Counter[str] = Counter(letter for v in top for letter in v.picked)
    keys = set(stats.key.replace(" ", "").split(","))
    key_count = min(counts.get(k, 0) for k in keys)
    for letter, n in counts.items():
        if letter not in keys and n > key_count:
            stats.flags.append(f"distractor {letter} is chosen by {n} of the {len(top)} "
                               f"strongest learners, more often than the key {stats.key}: "
                               "is the key wrong?")
