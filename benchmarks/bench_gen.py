"""GEN figures: sampling+rendering variants/s; the oracle's cost per seed; every template x
1,000 seeds verified (goal < 60 s cold on the 2-core machine); the mutation run (each key broken
two ways, caught within the default seeds); the warm `qbank validate` of the bank without and
with GEN."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import header
from generators import template_of
from generators.render import render
from qbank.core.loader import load_bank
from qbank.services.sandbox import Sandbox
from validators.gen.analysis import analyse, run_oracles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = 1000


def _validate(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "qbank", "validate", "--bank", str(ROOT / "bank"),
                    "--format", "json", *args], cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    header("gen: templates, variants and their oracles")
    bank = load_bank(ROOT / "bank")
    templates = [r for r in bank.records if r.record is not None and r.record.params]
    print(f"{len(templates)} templates in the bank")

    start = time.perf_counter()
    made = 0
    for rec in templates:
        assert rec.record is not None
        tpl = template_of(rec.record)
        for seed in range(1, SEEDS + 1):
            render(rec.record, tpl, tpl.draw(seed))
            made += 1
    seconds = time.perf_counter() - start
    print(f"sampling + rendering: {made} variants in {seconds:.2f} s = {made / seconds:,.0f} "
          "variants/s (no oracle, no Markdown check)")

    start = time.perf_counter()
    with Sandbox().start() as sandbox:
        boot = time.perf_counter() - start
        analysed = [analyse(rec, SEEDS) for rec in templates]
        drawn = time.perf_counter()
        run_oracles(analysed, lambda: sandbox)
        done = time.perf_counter()
    seeds = sum(len(r.seeds) for r, _ in analysed)
    from generators.oracle import agrees

    ok = sum(s.oracle_error is None and agrees(s.key, s.oracle, r.precision, r.tolerance)
             for r, _ in analysed for s in r.seeds)
    total = done - start
    print(f"all templates x {SEEDS} seeds verified, cold: {total:.1f} s (sandbox start "
          f"{boot:.1f} s, draw + render + Markdown check of 50 per template "
          f"{drawn - start - boot:.1f} s, oracles {done - drawn:.1f} s); {ok}/{seeds} seeds "
          f"agree; goal < 60 s: {'met' if total < 60 else 'NOT met'}")
    print(f"oracle cost per seed: {1000 * (done - drawn) / max(1, seeds):.2f} ms (batched, "
          "every worker)")

    from tests.gen import mutation

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        mutants = mutation.run(Path(tmp))
        caught = [m for m in mutants if m.caught_by]
        print(f"mutation run: {len(caught)}/{len(mutants)} broken keys caught within the default "
              f"20 seeds ({sum('GEN001' in m.caught_by for m in mutants)} by GEN001) in "
              f"{time.perf_counter() - start:.1f} s")
        for m in mutants:
            if not m.caught_by:
                print(f"  missed: {m.template} {m.kind}: {m.key}")

    cold = _validate("--no-cache")
    _validate()  # fills the cache (.qbank-cache)
    warm = _validate()
    no_gen = _validate("--ignore", "GEN")
    print(f"qbank validate of the bank: cold (--no-cache) {cold:.1f} s, warm {warm:.2f} s; warm "
          f"without GEN (--ignore GEN) {no_gen:.2f} s")


if __name__ == "__main__":
    main()
