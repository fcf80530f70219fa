"""MATH figures: time to check the whole bank (prose arithmetic, explicit checks cold and
cached), and how many planted miscalculations in the seeds are caught."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.common import header
from qbank.core.config import Config
from qbank.core.loader import load_bank
from qbank.lint.engine import validate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [ROOT / "tests" / "fixtures" / "seeds" / "sources", Path("/work/shared/seeds")]


def _bank_figures() -> None:
    bank = load_bank(ROOT / "bank")
    n = len(bank.records)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        prose = validate(bank, Config(select=["MATH001", "MATH002", "MATH003"],
                                      cache_dir=tmp))
        t1 = time.perf_counter()
        print(f"bank: {n} records")
        print(f"  prose arithmetic (MATH001-003): {t1 - t0:.2f} s, "
              f"{len(prose.findings)} findings")
        cold = validate(load_bank(ROOT / "bank"), Config(select=["MATH"], cache_dir=tmp))
        t2 = time.perf_counter()
        warm = validate(load_bank(ROOT / "bank"), Config(select=["MATH"], cache_dir=tmp))
        t3 = time.perf_counter()
        fig = cold.stats.get("math_checks", {})
        print(f"  checks: {fig.get('python_checks', 0)} python, {fig.get('sympy_checks', 0)} "
              f"sympy, in {sum(1 for r in bank.records if r.field('checks'))} records")
        print(f"  all MATH, cold cache (starts the sandbox): {t2 - t1:.2f} s, "
              f"{len(cold.findings)} findings, {fig.get('python_run', 0)} python checks run "
              f"in {fig.get('python_jobs', 0)} sandbox jobs (one per record)")
        wfig = warm.stats.get("math_checks", {})
        print(f"  all MATH, cached: {t3 - t2:.2f} s, {wfig.get('python_cached', 0)} python "
              f"checks from the cache, {wfig.get('python_run', 0)} run")
    shutil.rmtree(ROOT / ".qbank-bench-unused", ignore_errors=True)


def _mutations(text: str) -> list[tuple[str, str]]:
    """Planted miscalculations: each result the seed states, nudged."""
    out: list[tuple[str, str]] = []
    for m in re.finditer(r"(?<=[\d)\] ])= ?(\d+(?:\.\d+)?)(?=[ .,)\n]|$)", text):
        if m.group(1) in ("0", "1") and "f(" in text[max(0, m.start() - 12):m.start()]:
            new = "1" if m.group(1) == "0" else "0"  # a step output flipped
        else:
            new = _nudge(m.group(1))
        out.append((m.group(0), m.group(0).replace(m.group(1), new)))
    for lst in re.finditer(r"is \[([0-9., ]+)\]|would be \[([0-9., ]+)\]", text):
        body = lst.group(1) or lst.group(2)
        first = body.split(",")[0]
        out.append((body, body.replace(first, _nudge(first), 1)))
    for row in re.finditer(r"^(\d) \| (\d) \| (\d) \|$", text, re.M):
        out.append((row.group(0), row.group(0).replace(row.group(3), _nudge(row.group(3)), 1)))
    out.append(("which sums to 1.6", "which sums to 1.7"))
    out.append(("the answer is 10 X 10", "the answer is 11 X 11"))
    out.append(("Bias = -1.5", "Bias = -0.5"))
    return out


def _nudge(num: str) -> str:
    if "." in num:
        d = len(num.split(".")[1])
        return f"{float(num) + 10 ** -d * 3:.{d}f}"
    return str(int(num) + 1)


def _seed_figures() -> None:
    from validators.math.prose import check_text

    folder = next((p for p in SEEDS if p.is_dir()), None)
    if folder is None:
        print("seeds: not found")
        return
    for f in sorted(folder.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        clean = check_text(text)
        t1 = time.perf_counter()
        muts = [(a, b) for a, b in _mutations(text) if a in text and a != b]
        caught = 0
        missed = []
        for a, b in muts:
            i = text.index(a)
            if check_text(text[:i] + b + text[i + len(a):]):
                caught += 1
            else:
                missed.append(f"{a!r}->{b!r}")
        print(f"seed {f.name}: {len(text) // 1000} kB checked in {t1 - t0:.2f} s, "
              f"{len(clean)} findings on the clean text; planted miscalculations caught: "
              f"{caught}/{len(muts)}" + (f" (missed: {', '.join(missed[:6])})" if missed else ""))


def main() -> None:
    header("math: prose arithmetic and explicit checks")
    _bank_figures()
    _seed_figures()


if __name__ == "__main__":
    main()
