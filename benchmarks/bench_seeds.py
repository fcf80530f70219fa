"""Seed figures: `qbank import` of each seed into an empty folder (counts and time), and the
"seed damage caught" measure: the defects of the ground truth (tests/fixtures/seeds/defects-*)
that the gate's registered families catch on the imported fixtures."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.common import header
from qbank.commands.importer.run import import_sources
from tests import seeds


def import_counts() -> None:
    for src in sorted(seeds.SOURCES.glob("*.txt")):
        with tempfile.TemporaryDirectory() as tmp:
            bank = Path(tmp) / "bank"
            bank.mkdir()
            shutil.copy(seeds.BANK / "topics.yaml", bank / "topics.yaml")
            said: list[str] = []
            t0 = time.perf_counter()
            import_sources([src], bank, echo=said.append)
            took = time.perf_counter() - t0
            print(f"{said[-1]}  [{took * 1000:.0f} ms]")


def main() -> None:
    header("seeds: import and damage caught")
    import_counts()
    families = sorted(seeds.registered_families())
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        findings = seeds.gate_findings(families, cache_dir=Path(tmp))
    took = time.perf_counter() - t0
    print(f"gate on the seed fixtures ({', '.join(families)}): "
          f"{sum(map(len, findings.values()))} findings in {took:.1f} s")
    dmg = seeds.damage_caught(findings)
    print("\n".join(dmg.lines()))


if __name__ == "__main__":
    main()
