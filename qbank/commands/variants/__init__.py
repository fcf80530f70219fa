"""`qbank variants`: print a template's variants with their keys, or stress-test templates
(N seeds each: drawn, rendered and checked against the oracle in one sandbox job per template)."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import yaml

from generators import Variant
from generators.render import shown
from qbank.core.loader import LoadedRecord
from qbank.render import RecordView, markdown_page


def as_markdown(variants: list[Variant]) -> str:
    parts = []
    for v in variants:
        page = markdown_page(RecordView.of(v.record))
        parts.append(f"<!-- {v.id} -->\n{page.rstrip()}\n\n**Key:** {shown(v.params['key'])}\n")
    return "\n---\n\n".join(parts)


def _plain(v: Variant) -> dict[str, Any]:
    return {"id": v.id, "template": v.template_id, "seed": v.seed, "params": v.params,
            "key": v.params["key"],
            "record": v.record.model_dump(mode="json", exclude_defaults=True)}


def as_yaml(variants: list[Variant]) -> str:
    return str(yaml.safe_dump_all([_plain(v) for v in variants], sort_keys=False,
                                  allow_unicode=True, width=100))


def as_json(variants: list[Variant]) -> str:
    return json.dumps([_plain(v) for v in variants], indent=2, ensure_ascii=False) + "\n"


@dataclass
class StressLine:
    id: str
    seeds: int
    ok: int = 0
    failed: int = 0
    distinct: int = 0
    key_range: str = ""
    positions: list[int] = field(default_factory=list)
    seconds: float = 0.0
    first_failure: str = ""

    def text(self) -> str:
        pos = f"  correct at {self.positions}" if self.positions else ""
        fail = f"\n    first failure: {self.first_failure}" if self.first_failure else ""
        return (f"{self.id}: {self.ok}/{self.seeds} ok, {self.failed} failed, "
                f"{self.distinct} distinct, key {self.key_range}{pos}, "
                f"{self.seconds:.2f} s{fail}")


def _range(keys: list[Any]) -> str:
    flat = [k for k in keys if isinstance(k, (int, float)) and not isinstance(k, bool)]
    if not flat:
        return "(vector)" if keys else "-"
    return f"{shown(min(flat))} .. {shown(max(flat))}"


def stress(records: list[LoadedRecord], seeds: int, sandbox: Any) -> list[StressLine]:
    """Each template over `seeds` seeds: draws, renders, oracle agreement, distinct variants,
    key range and the correct choice's position histogram. A line's time is its own drawing
    and rendering plus an equal share of the oracle batch (which runs on every worker)."""
    from generators.oracle import agrees
    from validators.gen.analysis import analyse, run_oracles

    out: list[StressLine] = []
    analysed = []
    for rec in records:  # draw and render every template, then one batch of oracle jobs
        start = time.perf_counter()
        report, pending = analyse(rec, seeds)
        analysed.append((rec, report, pending, time.perf_counter() - start))
    start = time.perf_counter()
    run_oracles([(report, pending) for _, report, pending, _ in analysed], lambda: sandbox)
    oracle_share = (time.perf_counter() - start) / max(1, len(analysed))
    for rec, report, _, spent in analysed:
        line = StressLine(rec.id, seeds)
        if report.spec:
            line.failed, line.first_failure = seeds, report.spec.message
        good = [s for s in report.seeds if s.oracle_error is None
                and agrees(s.key, s.oracle, report.precision, report.tolerance)]
        line.ok = len(good) if not report.spec else 0
        line.failed = seeds - line.ok
        bad = [s for s in report.seeds if s not in good]
        if report.draw and not line.first_failure:
            line.first_failure = f"seed {report.draw[0].seed}: {report.draw[0].message}"
        elif bad and not line.first_failure:
            s = bad[0]
            line.first_failure = (f"seed {s.seed}: key {s.key}, oracle "
                                  f"{s.oracle_error or s.oracle}")
        line.distinct = len({s.texts for s in report.seeds})
        line.key_range = _range([s.key for s in report.seeds])
        if report.seeds and report.seeds[0].choices:
            k = len(report.seeds[0].choices)
            hist = Counter(s.correct[0] for s in report.seeds if len(s.correct) == 1)
            line.positions = [hist.get(i, 0) for i in range(k)]
        line.seconds = spent + oracle_share
        out.append(line)
    return out
