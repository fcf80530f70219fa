"""CLAIM figures: the misconception matcher's precision and recall on the catalog's own test
cases and on the held-out set (tests/data/claim_heldout.yaml, never used for tuning), CLAIM002
on a labelled set of computable statements, the seeds, and the time to check the whole bank."""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

from benchmarks.common import header
from qbank.core.config import Config
from qbank.core.loader import load_bank
from qbank.lint.engine import validate
from validators.claim import scan_text
from validators.claim.catalog import Matcher, load_catalog
from validators.claim.computable import Settler, find_statements

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "data" / "claim_heldout.yaml"
SEEDS = Path("/work/shared/seeds")

# CLAIM002: statements with their truth, checked against TensorFlow
COMPUTABLE = [
    ("Sigmoid outputs values between 0 and 1.", True),
    ("The tanh function squashes its input to the range -1 to 1.", True),
    ("ReLU has an output range of 0 to infinity.", True),
    ("Leaky ReLU outputs values in (-inf, inf).", True),
    ("ELU outputs lie in (-1, ∞).", True),
    ("Softmax outputs values between 0 and 1.", True),
    ("The tanh activation outputs values between 0 and 1.", False),
    ("GELU outputs values between 0 and infinity.", False),
    ("Sigmoid maps its input to the range -1 to 1.", False),
    ("Softplus outputs values between -1 and 1.", False),
    ("Max pooling layers have no trainable parameters.", True),
    ("A Dropout layer has no trainable parameters.", True),
    ("Batch normalization has no trainable parameters.", False),
    ("The Flatten layer has trainable weights.", False),
    ("An Embedding layer has trainable weights.", True),
    ("Softmax is invariant to adding a constant to its input.", True),
    ("Softmax is scale invariant.", False),
    ("Softmax is not scale invariant.", True),
    ("Sigmoid is shift invariant.", False),
    ("Layer normalization is scale invariant.", True),
]


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return f"precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp}, fn {fn})"


def score(matcher: Matcher, cases: list[tuple[str, str | None]]) -> tuple[str, list[str]]:
    """cases: (sentence, entry id that must be flagged, or None: must not be flagged)."""
    found = matcher.match_many([s for s, _ in cases])
    tp = fp = fn = 0
    misses = []
    for (s, want), m in zip(cases, found, strict=True):
        got = m.entry if m else None
        if want is not None and got == want:
            tp += 1
            continue
        if m is not None:
            fp += 1
            misses.append(f"    FP {got} ({m.score:.2f} {m.via}): {s}")
        if want is not None:
            fn += 1
            misses.append(f"    FN {want}: {s}")
    return prf(tp, fp, fn), misses


def misconceptions() -> None:
    catalog = load_catalog()
    print(f"catalog: {len(catalog.entries)} entries; by topic: "
          + ", ".join(f"{k} {v}" for k, v in sorted(Counter(
              e.topic for e in catalog.entries).items())))
    matcher = Matcher(catalog, cache_dir=None)
    own: list[tuple[str, str | None]] = [(s, e.id) for e in catalog.entries
                                          for s in e.flag_tests]
    own += [(s, None) for e in catalog.entries for s in e.pass_tests]
    t0 = time.perf_counter()
    line, misses = score(matcher, own)
    print(f"CLAIM001 catalog tests ({len(own)} statements): {line}")
    for m in misses:
        print(m)
    held = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))
    cases: list[tuple[str, str | None]] = [(s, c["entry"]) for c in held["cases"]
                                            for s in c["flag"]]
    cases += [(s, None) for c in held["cases"] for s in c["pass"]]
    cases += [(s, None) for s in held.get("neutral", [])]
    line, misses = score(matcher, cases)
    print(f"CLAIM001 held-out set ({len(cases)} statements, {len(held['cases'])} entries, "
          f"{len(held.get('neutral', []))} neutral; never tuned on): {line}")
    for m in misses:
        print(m)
    print(f"  (matching {len(own) + len(cases)} statements: {time.perf_counter() - t0:.1f} s, "
          "model load included)")


def computable() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        from qbank.core.cache import CacheTable

        settler = Settler(CacheTable(Path(tmp) / "v.json"))
        found = [(s, truth, find_statements(s)) for s, truth in COMPUTABLE]
        t0 = time.perf_counter()
        verdicts = settler.settle([st for _, _, sts in found for st in sts])
        secs = time.perf_counter() - t0
    right = recognised = 0
    it = iter(verdicts)
    wrong = []
    for s, truth, sts in found:
        vs = [next(it) for _ in sts]
        if vs:
            recognised += 1
            if all(v.true == truth for v in vs):
                right += 1
            else:
                wrong.append(s)
    print(f"CLAIM002 labelled statements: {recognised}/{len(COMPUTABLE)} recognised, "
          f"{right}/{recognised} settled correctly, one TensorFlow child in {secs:.1f} s")
    for s in wrong:
        print(f"    wrong: {s}")


def seeds() -> None:
    if not SEEDS.is_dir():
        return
    for f in sorted(SEEDS.glob("*.txt")):
        hits = scan_text(f.read_text(encoding="utf-8"), markdown=False)
        keys = Counter(f"{h.code}:{h.key}" for h in hits)
        print(f"seed {f.name}: {len(hits)} hits: " + ", ".join(f"{k} x{v}" for k, v in
                                                              sorted(keys.items())))


def bank_time() -> None:
    bank = load_bank(ROOT / "bank")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        cold = validate(bank, Config(select=["CLAIM"], cache_dir=tmp))
        t1 = time.perf_counter()
        warm = validate(load_bank(ROOT / "bank"), Config(select=["CLAIM"], cache_dir=tmp))
        t2 = time.perf_counter()
    st = cold.stats.get("claim", {})
    print(f"bank: {len(bank.records)} records, {st.get('sentences', 0)} sentences, "
          f"{st.get('computable_statements', 0)} computable statements")
    print(f"  whole bank, cold caches (model load + one TensorFlow child): {t1 - t0:.1f} s, "
          f"{len(cold.findings)} findings")
    print(f"  whole bank, warm caches: {t2 - t1:.2f} s, {len(warm.findings)} findings, "
          f"{warm.stats.get('claim', {}).get('tensorflow_runs', 0)} TensorFlow runs")
    for f in cold.findings:
        print(f"    {f.code} {f.path}:{f.line} {f.message[:140]}")


def main() -> None:
    header("CLAIM: known misconceptions and claims disproved by computation")
    misconceptions()
    computable()
    seeds()
    bank_time()


if __name__ == "__main__":
    main()
