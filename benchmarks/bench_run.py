"""RUN figures: per-snippet overhead of the sandbox vs one fresh `python` per snippet (measured
in the same run), throughput on all cores, a second validation of the whole bank with nothing
changed, and what runs again after one record is edited.

    python -m benchmarks.bench_run [--baseline N] [--snippets N]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import header
from qbank.services.sandbox import SANDBOX_ENV, Job, Sandbox

ROOT = Path(__file__).resolve().parent.parent
TRIVIAL = "x = 1 + 1"
BASELINE = "import numpy, tensorflow, keras\n" + TRIVIAL


def baseline(n: int) -> list[float]:
    """One fresh interpreter per snippet, importing what the sandbox preloads."""
    times = []
    env = {**SANDBOX_ENV, "HOME": tempfile.gettempdir()}
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", BASELINE], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return times


def sandbox_latency(sb: Sandbox, n: int) -> list[float]:
    """Submit-to-result wall time of one trivial snippet at a time, from the caller's side."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        (r,) = sb.run([Job(code=TRIVIAL)])
        times.append(time.perf_counter() - t)
        assert r.status == "ok", r
    return times


def throughput(sb: Sandbox, n: int, code: str) -> float:
    t = time.perf_counter()
    res = sb.run([Job(code=code) for _ in range(n)])
    assert all(r.status == "ok" for r in res), [r for r in res if r.status != "ok"][:1]
    return (time.perf_counter() - t) / n


def _validate(bank: Path, cache: Path, *extra: str) -> tuple[float, dict]:
    """Wall seconds of one `qbank validate --select RUN` process, and its JSON report (with
    `cpu_seconds` added: user + system time of that process, less sensitive to load)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    qbank = Path(sys.executable).with_name("qbank")  # the console script, as a user runs it
    proc = subprocess.run([str(qbank), "validate", "--bank", str(bank), "--select", "RUN",
                           "--format", "json", *extra],
                          capture_output=True, text=True, cwd=cache.parent)
    seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        report = {"error": proc.stderr[-500:]}
    report["cpu_seconds"] = (after.ru_utime - before.ru_utime) + (after.ru_stime
                                                                   - before.ru_stime)
    return seconds, report


def bank_figures(work: Path, cold: bool = False) -> None:
    bank = work / "bank"
    shutil.copytree(ROOT / "bank", bank)
    cache = work / ".qbank-cache"
    repo_cache = ROOT / ".qbank-cache"
    # reuse what this checkout already ran: a first run of the whole bank takes minutes
    for sub in ("api",) if cold else ("run", "run-static", "api"):
        if (repo_cache / sub).is_dir():
            shutil.copytree(repo_cache / sub, cache / sub)
    first, rep1 = _validate(bank, cache)
    s1 = rep1.get("summary", {}).get("stats", {}).get("run", {})
    seeded = "empty cache" if cold else "cache seeded from this checkout"
    print(f"  first validation ({seeded}): {first:.2f} s wall, "
          f"ran {s1.get('ran')}, "
          f"cached {s1.get('cached')} of {s1.get('fences')} fences")
    second, rep2 = _validate(bank, cache)
    s2 = rep2.get("summary", {}).get("stats", {}).get("run", {})
    engine = rep2.get("summary", {}).get("seconds")
    print(f"  second validation, nothing changed: {second:.2f} s wall, "
          f"{rep2['cpu_seconds']:.2f} s CPU, for the whole `qbank validate --select RUN` "
          f"process (goal < 1.5 s; {engine} s inside the engine), ran {s2.get('ran')}, "
          f"cached {s2.get('cached')}, {s2.get('static_only')} static only")
    # one edit: change the code of one runnable fence
    for path in sorted(bank.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        m = re.search(r"^(\s*)```python\s*\n", text, re.M)
        if m and "fragment" not in m.group(0):
            edited = text[:m.end()] + f"{m.group(1)}_edited = 1\n" + text[m.end():]
            path.write_text(edited, encoding="utf-8")
            break
    third, rep3 = _validate(bank, cache)
    s3 = rep3.get("summary", {}).get("stats", {}).get("run", {})
    print(f"  after editing one record ({path.relative_to(work)}): {third:.2f} s wall, ran "
          f"{s3.get('ran')} fence(s), cached {s3.get('cached')}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", type=int, default=5)
    ap.add_argument("--snippets", type=int, default=30)
    ap.add_argument("--no-bank", action="store_true")
    ap.add_argument("--cold", action="store_true",
                    help="run every fence of the bank once (minutes), not only what changed")
    args = ap.parse_args()
    header("RUN: executing code answers")
    base = baseline(args.baseline)
    with Sandbox() as sb:
        t = time.perf_counter()
        sb.run([Job(code=TRIVIAL)])
        startup = time.perf_counter() - t
        lat = sandbox_latency(sb, args.snippets)
        per = throughput(sb, args.snippets * 2, TRIVIAL)
        keras_fit = ("import numpy as np, keras\n"
                     "m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])\n"
                     "m.compile('adam', 'mse')\n"
                     "m.fit(np.zeros((32, 4)), np.zeros(32), epochs=1, verbose=0)")
        fit = throughput(sb, max(4, sb.workers * 2), keras_fit)
        caps = sb.run([Job(code=TRIVIAL)])[0].caps
    mb, ms = statistics.median(base), statistics.median(lat)
    print(f"baseline, one fresh python per snippet (imports numpy+tensorflow+keras): median "
          f"{mb * 1000:.0f} ms over {len(base)}")
    print(f"sandbox (fork of a warm zygote): median {ms * 1000:.1f} ms per snippet over "
          f"{len(lat)} sequential calls (p90 {sorted(lat)[int(len(lat) * 0.9) - 1] * 1000:.1f} "
          f"ms); zygote start {startup:.2f} s, paid once per run")
    print(f"  => per-snippet overhead {mb / ms:.0f}x smaller than the baseline (goal >= 30x)")
    print(f"  throughput on {sb.workers} workers: {per * 1000:.1f} ms per trivial snippet, "
          f"{fit * 1000:.0f} ms per small Keras fit")
    print(f"  isolation in force: {', '.join(k for k, v in sorted(caps.items()) if v)}")
    if not args.no_bank:
        with tempfile.TemporaryDirectory() as tmp:
            print("bank:")
            bank_figures(Path(tmp), cold=args.cold)


if __name__ == "__main__":
    main()
