"""CLAIM figures: the misconception matcher's precision and recall on the catalog's own test
cases and on the held-out set (tests/data/claim_heldout.yaml, never used for tuning), CLAIM002
on a labelled set of computable statements, the seeds, the time to check the whole bank, and
both rules together on the blind held-out set of December 2026
(tests/data/claim_test_2026_12.yaml: false statements and their true twins, written by someone
who never saw the detector; scored, never tuned on)."""

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
HELDOUT_2026 = ROOT / "tests" / "data" / "claim_test_2026_12.yaml"  # tuned on since 2026-12-07
HELDOUT_2026B = ROOT / "tests" / "data" / "claim_test_2026_12b.yaml"  # tuned on since 2026-12-07
HELDOUT_2026C = ROOT / "tests" / "data" / "claim_test_2026_12c.yaml"  # tuned on since 2026-12-07
HELDOUT_2026D = ROOT / "tests" / "data" / "claim_test_2026_12d.yaml"  # tuned on since 2026-12-07
HELDOUT_2026E = ROOT / "tests" / "data" / "claim_test_2026_12e.yaml"  # tuned on since 2026-12-07
HELDOUT_2026F = ROOT / "tests" / "data" / "claim_test_2026_12f.yaml"  # tuned on since 2026-12-07
HELDOUT_2026G = ROOT / "tests" / "data" / "claim_test_2026_12g.yaml"  # tuned on since 2026-12-07
HELDOUT_2026H = ROOT / "tests" / "data" / "claim_test_2026_12h.yaml"  # blind, scored once
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
    st = cold.stats.claim  # a ClaimStats (the stats are a model, not a dict)
    print(f"bank: {len(bank.records)} records, {st.sentences if st else 0} sentences, "
          f"{st.computable_statements if st else 0} computable statements")
    print(f"  whole bank, cold caches (model load + one TensorFlow child): {t1 - t0:.1f} s, "
          f"{len(cold.findings)} findings")
    print(f"  whole bank, warm caches: {t2 - t1:.2f} s, {len(warm.findings)} findings, "
          f"{warm.stats.claim.tensorflow_runs if warm.stats.claim else 0} TensorFlow runs")
    for f in cold.findings:
        print(f"    {f.code} {f.path}:{f.line} {f.message[:140]}")


def _rates(flag_false: int, n_false: int, flag_true: int, n_true: int) -> str:
    recall = flag_false / n_false if n_false else 1.0
    flagged = flag_false + flag_true
    precision = flag_false / flagged if flagged else 1.0
    fpr = flag_true / n_true if n_true else 0.0
    return (f"recall {recall:.3f} ({flag_false}/{n_false})  precision {precision:.3f} "
            f"({flag_false}/{flagged})  false-positive rate on true twins {fpr:.3f} "
            f"({flag_true}/{n_true})")


def heldout_2026(path: Path = HELDOUT_2026H,
                 about: str = "blind, scored once, never tuned on") -> None:
    """CLAIM001 and CLAIM002 together, as `scan_text` runs them, on a set of false statements
    and true twins: a false statement must be flagged (by either rule), its twin must not."""
    if not path.is_file():
        return
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = raw["cases"] if isinstance(raw, dict) else raw
    # YAML reads the keys `false:` and `true:` as booleans
    lines: list[tuple[int, bool, bool]] = []  # (case index, statement is true, computable)
    text: list[str] = []
    for i, c in enumerate(cases):
        for truth in (False, True):
            text.append(" ".join(str(c[truth]).split()))
            lines.append((i, truth, bool(c.get("computable"))))
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        hits = scan_text("\n".join(text), markdown=False, cache_dir=Path(tmp))
    secs = time.perf_counter() - t0
    codes: dict[int, set[str]] = {}
    for h in hits:
        codes.setdefault(h.line - 1, set()).add(h.code)
    print(f"{path.name} ({len(cases)} cases: {len(cases)} false statements and "
          f"{len(cases)} true twins; {about}), both rules:")
    for label, keep in (("all", lambda comp: True), ("computable", lambda comp: comp),
                        ("not computable", lambda comp: not comp)):
        sel = [(n, truth) for n, (_, truth, comp) in enumerate(lines) if keep(comp)]
        n_false = sum(not t for _, t in sel)
        n_true = sum(t for _, t in sel)
        ff = sum(1 for n, t in sel if not t and n in codes)
        ft = sum(1 for n, t in sel if t and n in codes)
        print(f"  {label:15s} {_rates(ff, n_false, ft, n_true)}")
    by_rule = Counter(c for n, (_, truth, _) in enumerate(lines) if not truth
                      for c in codes.get(n, ()))
    print("  false statements flagged by rule: " + ", ".join(
        f"{k} {v}" for k, v in sorted(by_rule.items())))
    print(f"  ({len(text)} statements, both rules, one TensorFlow child: {secs:.1f} s)")
    for line in BEFORE.get(path.name, ()):
        print("  " + line)


# The same section run once with an earlier detector, per set, recorded here to print beside
# the figures above: 418c58b (before the general CLAIM002 and the 137-entry catalog) on the
# first set; eac2a9f (137 entries) on the second; 8f25cfa (before CLAIM002 read defaults and
# vectors) on the third; ad50a95 (before loss values, the defaults review and the 207-entry
# catalog) on the fourth.
BEFORE: dict[str, list[str]] = {"claim_test_2026_12h.yaml": [
    # e4c4861: the detector at the start of the session that wrote 12h (265 entries)
    "before (e4c4861): all            recall 0.628 (76/121)  precision 0.974 (76/78)  "
    "false-positive rate 0.017 (2/121)",
    "before (e4c4861): computable     recall 0.653 (49/75)",
    "before (e4c4861): not computable recall 0.587 (27/46)",
    "before (5fbd1d5): all            recall 0.669 (81/121)  precision 0.976 (81/83)  "
    "false-positive rate 0.017 (2/121)",
    "blind score (1c4472e): all       recall 0.711 (86/121)  precision 0.977 (86/88)  "
    "false-positive rate 0.017 (2/121)",
], "claim_test_2026_12g.yaml": [
    # e4c4861: the detector at the start of the session that wrote 12g (265 entries)
    "before (e4c4861): all            recall 0.653 (77/118)  precision 0.928 (77/83)  "
    "false-positive rate 0.051 (6/118)",
    "before (e4c4861): computable     recall 0.719 (46/64)  precision 0.885 (46/52)  "
    "false-positive rate 0.094 (6/64)",
    "before (e4c4861): not computable recall 0.574 (31/54)  precision 1.000 (31/31)  "
    "false-positive rate 0.000 (0/54)",
    "blind score (c7df568): all       recall 0.686 (81/118)  precision 0.931 (81/87)  "
    "false-positive rate 0.051 (6/118)",
], "claim_test_2026_12f.yaml": [
    # 841670f: the detector at the start of the session that wrote 12f (262 entries)
    "before (841670f): all            recall 0.382 (42/110)  precision 0.933 (42/45)  "
    "false-positive rate 0.027 (3/110)",
    "before (841670f): computable     recall 0.390 (23/59)  precision 0.958 (23/24)  "
    "false-positive rate 0.017 (1/59)",
    "before (841670f): not computable recall 0.373 (19/51)  precision 0.905 (19/21)  "
    "false-positive rate 0.039 (2/51)",
    "blind score (aa30bae): all       recall 0.427 (47/110)  precision 0.940 (47/50)  "
    "false-positive rate 0.027 (3/110)",
], "claim_test_2026_12e.yaml": [
    # 72a96bf: the detector at the start of the session that wrote 12e (207 entries)
    "before (72a96bf): all            recall 0.520 (52/100)  precision 0.945 (52/55)  "
    "false-positive rate 0.030 (3/100)",
    "before (72a96bf): computable     recall 0.500 (27/54)  precision 0.900 (27/30)  "
    "false-positive rate 0.056 (3/54)",
    "before (72a96bf): not computable recall 0.543 (25/46)  precision 1.000 (25/25)  "
    "false-positive rate 0.000 (0/46)",
    "blind score (eb4d6fd): all       recall 0.590 (59/100)  precision 0.967 (59/61)  "
    "false-positive rate 0.020 (2/100)",
], "claim_test_2026_12.yaml": [
    "before (418c58b): all            recall 0.163 (25/153)  precision 0.862 (25/29)  "
    "false-positive rate 0.026 (4/153)",
    "before (418c58b): computable     recall 0.081 (3/37)  precision 1.000 (3/3)  "
    "false-positive rate 0.000 (0/37)",
    "before (418c58b): not computable recall 0.190 (22/116)  precision 0.846 (22/26)  "
    "false-positive rate 0.034 (4/116)",
], "claim_test_2026_12b.yaml": [
    # the detector of commit eac2a9f (137 entries), before the 2026-12-07 catalog growth
    "before (eac2a9f): all            recall 0.247 (37/150)  precision 0.881 (37/42)  "
    "false-positive rate 0.033 (5/150)",
    "before (eac2a9f): computable     recall 0.178 (8/45)  precision 0.800 (8/10)  "
    "false-positive rate 0.044 (2/45)",
    "before (eac2a9f): not computable recall 0.276 (29/105)  precision 0.906 (29/32)  "
    "false-positive rate 0.029 (3/105)",
    "blind score (456ab94): all       recall 0.333 (50/150)  precision 0.877 (50/57)  "
    "false-positive rate 0.047 (7/150)",
], "claim_test_2026_12d.yaml": [
    "blind score (b243a2a): all       recall 0.590 (59/100)  precision 0.937 (59/63)  "
    "false-positive rate 0.040 (4/100)",
    "before (ad50a95): all            recall 0.530 (53/100)  precision 0.914 (53/58)  "
    "false-positive rate 0.050 (5/100)",
    "before (ad50a95): computable     recall 0.582 (32/55)  precision 0.889 (32/36)  "
    "false-positive rate 0.073 (4/55)",
    "before (ad50a95): not computable recall 0.467 (21/45)  precision 0.955 (21/22)  "
    "false-positive rate 0.022 (1/45)",
], "claim_test_2026_12c.yaml": [
    "blind score (ad50a95): all       recall 0.425 (51/120)  precision 0.927 (51/55)  "
    "false-positive rate 0.033 (4/120)",
    "before (8f25cfa): all            recall 0.392 (47/120)  precision 0.922 (47/51)  "
    "false-positive rate 0.033 (4/120)",
    "before (8f25cfa): computable     recall 0.340 (17/50)  precision 0.850 (17/20)  "
    "false-positive rate 0.060 (3/50)",
    "before (8f25cfa): not computable recall 0.429 (30/70)  precision 0.968 (30/31)  "
    "false-positive rate 0.014 (1/70)",
]}


def main() -> None:
    header("CLAIM: known misconceptions and claims disproved by computation")
    misconceptions()
    computable()
    seeds()
    bank_time()
    heldout_2026()
    heldout_2026(HELDOUT_2026G, "written blind, scored once with c7df568, then TUNED ON "
                 "(CLAIM001 catalog, CLAIM002) on 2026-12-07: in-sample figures")
    heldout_2026(HELDOUT_2026F, "written blind, scored once with aa30bae, then TUNED ON "
                 "(CLAIM001 catalog, CLAIM002) on 2026-12-07: in-sample figures")
    heldout_2026(HELDOUT_2026E, "written blind, scored once with eb4d6fd, then TUNED ON "
                 "(CLAIM001 catalog, CLAIM002) on 2026-12-07: in-sample figures")
    heldout_2026(HELDOUT_2026D, "written blind, scored once with b243a2a, then TUNED ON "
                 "(CLAIM001 catalog, CLAIM002) on 2026-12-07: in-sample figures")
    heldout_2026(HELDOUT_2026C, "written blind, scored once with ad50a95, then TUNED ON "
                 "(CLAIM001 catalog, CLAIM002) on 2026-12-07: in-sample figures")
    heldout_2026(HELDOUT_2026B, "written blind, scored once with 456ab94, then TUNED ON "
                 "(CLAIM002) on 2026-12-07: in-sample figures")
    heldout_2026(HELDOUT_2026, "written blind, scored once, then TUNED ON on 2026-12-07: "
                 "in-sample figures")


if __name__ == "__main__":
    main()
