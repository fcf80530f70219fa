"""DUP benchmark: quality on the hand-labelled seed pairs, and cost on synthetic banks.

    python -m benchmarks.bench_dup                 # seeds + 1,000 / 10,000 / 100,000 records
    python -m benchmarks.bench_dup --sizes 1000    # smaller
    python -m benchmarks.bench_dup --no-seeds

1. Seeds: the three seeds as imported raw (`benchmarks/dup_seeds.py`) are written as a bank,
   `qbank.services.dedup.find_duplicates` runs with each strength alone and with all three, and the
   pairs found are scored against tests/data/dup_labels.yaml: precision (pairs labelled
   duplicate / pairs found) and recall (duplicate pairs found / duplicate pairs that share a
   field). Pairs found that are labelled `related` are counted apart. DUP003's concept signal
   (same deep-learning concepts + compatible intent, `qbank.services.dedup.concepts`) was designed
   AFTER these labels had been read, so its seed figures are optimistic; the row
   `embeddings only` is DUP003 without it. The held-out pairs (below) were not seen.
1b. Held-out: tests/data/dup_heldout.yaml, question pairs written by hand before the concept
   signal was tuned and not taken from the seeds; each pair is searched as its own two-record
   bank, with DUP003 as configured and with embeddings only.
2. Scale: a synthetic bank of N records (questions and answers built from the seeds'
   vocabulary) with planted duplicates of each strength (1 % of N each, at most 300): exact
   copies (case, punctuation, numbering, Markdown changed), light edits (typo, spelling
   variant, a word added), and paraphrases (hand-written rewordings of a question). Each size
   runs in fresh processes (peak memory = the process's max RSS): `first` (with the bench's
   persistent cache: cold, model loaded and every question encoded, the first time),
   `warm` (all cached: re-validating an unchanged bank) and `no-fp` (only the embeddings
   cached: every other step, MinHash included, from scratch). Paraphrase search compares
   questions only in the synthetic banks (answers are compared by the exact and near rules):
   embedding 100,000 answers on 2 cores would take long, and the question search already
   exercises the blocked index at full size. The cold `first` run at 100,000 records spends
   minutes in MiniLM (about 300 questions/s on 2 cores); later runs reuse the cache.
   `--model minilm-static` runs the cheap stand-in of `qbank.services.embed` instead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LABELS = REPO / "tests" / "data" / "dup_labels.yaml"
HELDOUT = REPO / "tests" / "data" / "dup_heldout.yaml"
HELDOUT2 = REPO / "tests" / "data" / "dup_heldout_questions2.yaml"  # dev of the sibling guard
HELDOUT3 = REPO / "tests" / "data" / "dup_heldout_questions3.yaml"  # test: never tuned on
HELDOUT_ORPHANS = REPO / "tests" / "data" / "dup_heldout_orphans.yaml"  # dev: chose the values
TEST_ORPHANS = REPO / "tests" / "data" / "dup_test_orphans.yaml"  # test: scored once, never tuned


def header() -> None:
    try:
        from benchmarks.common import header as common_header

        common_header("DUP: duplicate search (benchmarks/bench_dup.py)")
    except Exception:  # pragma: no cover - run outside the repo
        print(f"# {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load average at start: {os.getloadavg()[0]:.1f} (the machine is shared: timings "
          f"under load are slower than on an idle machine)")


# --- seeds -------------------------------------------------------------------------------------

def load_labels() -> tuple[dict[frozenset[str], dict[str, Any]], dict[str, str]]:
    import yaml

    doc = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    mirror: dict[str, str] = doc["mirror_000"]
    labels: dict[frozenset[str], dict[str, Any]] = {}
    for p in doc["pairs"]:
        a, b = p["a"], p["b"]
        variants = {(a, b)}
        if not (mirror.get(a) == b or mirror.get(b) == a):
            for x, y in list(variants):
                variants |= {(mirror.get(x, x), y), (x, mirror.get(y, y)),
                             (mirror.get(x, x), mirror.get(y, y))}
        for x, y in variants:
            labels[frozenset((x, y))] = p
    return labels, mirror


def seeds_quality(workdir: Path, cache: Path | None = None) -> dict[str, Any]:
    from benchmarks.dup_seeds import seed_entries, slug, write_bank
    from qbank.core.loader import load_bank
    from qbank.services.dedup import ExactSearch as ExactOptions
    from qbank.services.dedup import NearSearch as NearOptions
    from qbank.services.dedup import ParaphraseSearch as ParaphraseOptions
    from qbank.services.dedup import Settings, find_duplicates

    entries = seed_entries()
    by_id = {slug(str(e["key"])): e for e in entries}
    bank = load_bank(write_bank(entries, workdir / "seedbank"))
    labels, _ = load_labels()
    fields = {e["key"]: {f for f in ("question", "answer") if e[f]} for e in entries}
    dups = {k: v for k, v in labels.items() if v["label"] == "duplicate"
            and fields[min(k)] & fields[max(k)]}
    cache = cache or workdir / "cache"
    runs = {
        "exact (DUP001)": Settings(ExactOptions(), None, None),
        "near (DUP002)": Settings(None, NearOptions(), None),
        "paraphrase (DUP003)": Settings(None, None, ParaphraseOptions()),
        "no orphan step (DUP003)": Settings(None, None, ParaphraseOptions(orphans=False)),
        "embeddings only (DUP003)": Settings(None, None, ParaphraseOptions(
            concepts=False, concept_veto=False, orphans=False)),
        "combined": Settings(),
    }
    out: dict[str, Any] = {"entries": len(entries), "duplicate_pairs": len(dups),
                           "by_kind": dict(Counter(v.get("kind") for v in dups.values())),
                           "runs": {}}
    for name, settings in runs.items():
        t = time.perf_counter()
        pairs = find_duplicates(bank, settings, cache_dir=cache)
        secs = time.perf_counter() - t
        found = {frozenset((str(by_id[p.newer.id]["key"]), str(by_id[p.older.id]["key"])))
                 for p in pairs}
        tp = found & set(dups)
        related = [k for k in found if labels.get(k, {}).get("label") == "related"]
        other = [k for k in found - set(dups) if k not in related]
        kind = name.split()[0]
        own = {k for k, v in dups.items() if v.get("kind") == kind}
        out["runs"][name] = {
            "found": len(found), "true": len(tp),
            "precision": len(tp) / len(found) if found else 1.0,
            "recall_all": len(tp) / len(dups) if dups else 1.0,
            "recall_own_kind": (len(found & own) / len(own)) if own else None,
            "recall_by_kind": {k: f"{len(tp & {x for x, v in dups.items() if v.get('kind') == k})}"
                               f"/{sum(v.get('kind') == k for v in dups.values())}"
                               for k in ("exact", "near", "paraphrase")},
            "false_related": len(related), "false_other": len(other),
            "false_examples": sorted(" ~ ".join(sorted(k)) for k in (related + other))[:8],
            "missed_examples": sorted(" ~ ".join(sorted(k)) for k in set(dups) - found)[:30],
            "seconds": round(secs, 2),
        }
    return out


def heldout_quality(workdir: Path, cache: Path | None = None,
                    data: Path = HELDOUT) -> dict[str, Any]:
    """The DUP rules on labelled question pairs, each pair searched as its own two-record bank:
    the three rules together (questions only), DUP003 alone, and DUP003's embeddings alone."""
    import yaml

    from qbank.core.loader import load_bank
    from qbank.services.dedup import ExactSearch as ExactOptions
    from qbank.services.dedup import NearSearch as NearOptions
    from qbank.services.dedup import ParaphraseSearch as ParaphraseOptions
    from qbank.services.dedup import Settings, find_duplicates

    pairs = yaml.safe_load(data.read_text(encoding="utf-8"))["pairs"]
    cache = cache or workdir / "cache"
    q = ["question"]
    runs = {"combined (DUP001-DUP003)": Settings(ExactOptions(fields=q), NearOptions(fields=q),
                                                 ParaphraseOptions(fields=q)),
            "DUP003 (embeddings + concepts)": Settings(None, None, ParaphraseOptions(fields=q)),
            "DUP003 embeddings only": Settings(None, None, ParaphraseOptions(
                fields=q, concepts=False, concept_veto=False))}
    banks = []
    for k, p in enumerate(pairs):
        folder = workdir / f"{data.stem}-{k:03d}"
        (folder / "h").mkdir(parents=True, exist_ok=True)
        (folder / "topics.yaml").write_text("h:\n  title: Held-out\n", encoding="utf-8")
        for side in ("a", "b"):
            rec = {"id": f"{side}{k:03d}", "title": side, "topic": "h", "type": "open",
                   "difficulty": "easy", "tags": ["heldout"], "question": p[side],
                   "answer": f"Answer {side} of pair {k}."}
            (folder / "h" / f"{side}{k:03d}.yaml").write_text(
                yaml.safe_dump(rec, sort_keys=False), encoding="utf-8")
        banks.append(load_bank(folder))
    dup = [p["label"] == "duplicate" for p in pairs]
    out: dict[str, Any] = {"file": data.name, "pairs": len(pairs), "duplicates": sum(dup),
                           "kinds": dict(Counter(str(p.get("kind", p["label"])) for p in pairs)),
                           "runs": {}}
    for name, settings in runs.items():
        found = [bool(find_duplicates(b, settings, cache_dir=cache)) for b in banks]
        tp = sum(f and d for f, d in zip(found, dup, strict=True))
        by_kind: dict[str, list[int]] = {}
        for f, p in zip(found, pairs, strict=True):
            slot = by_kind.setdefault(str(p.get("kind", p["label"])), [0, 0])
            slot[0] += f
            slot[1] += 1
        out["runs"][name] = {
            "found": sum(found), "true": tp,
            "precision": tp / sum(found) if any(found) else 1.0,
            "recall": tp / out["duplicates"],
            "flagged_by_kind": {k: f"{a}/{b}" for k, (a, b) in sorted(by_kind.items())},
            "false": [f"{p['a']} ~ {p['b']}" for f, p, d in zip(found, pairs, dup, strict=True)
                      if f and not d],
            "missed": [f"{p['a']} ~ {p['b']}" for f, p, d in zip(found, pairs, dup, strict=True)
                       if not f and d]}
    return out


def heldout_orphans(workdir: Path, cache: Path | None = None,
                    data: Path = HELDOUT_ORPHANS) -> dict[str, Any]:
    """DUP003's orphan step on a labelled bank of answers without questions: one bank of the
    records and the orphans together, searched once (answers only)."""
    import yaml

    from qbank.core.loader import load_bank
    from qbank.services.dedup import ParaphraseSearch as ParaphraseOptions
    from qbank.services.dedup import Settings, find_duplicates

    doc = yaml.safe_load(data.read_text(encoding="utf-8"))
    folder = workdir / f"orphans-{data.stem}"
    (folder / "h").mkdir(parents=True, exist_ok=True)
    (folder / "topics.yaml").write_text("h:\n  title: Held-out\n", encoding="utf-8")
    for r in [*doc["records"], *doc["orphans"]]:
        rec = {"id": r["id"], "title": r["id"], "topic": "h", "type": "open",
               "difficulty": "easy", "tags": ["heldout"], "question": r.get("question", ""),
               "answer": r["answer"]}
        (folder / "h" / f"{r['id']}.yaml").write_text(yaml.safe_dump(rec, sort_keys=False),
                                                      encoding="utf-8")
    bank = load_bank(folder)
    truth = {frozenset((o["id"], o["duplicate_of"])) for o in doc["orphans"] if o["duplicate_of"]}
    orphan_ids = {o["id"] for o in doc["orphans"]}
    out: dict[str, Any] = {"file": data.name, "records": len(doc["records"]),
                           "orphans": len(orphan_ids),
                           "duplicates": len(truth), "runs": {}}
    runs = {"DUP003 (with the orphan step)": ParaphraseOptions(fields=["answer"]),
            "DUP003 without it": ParaphraseOptions(fields=["answer"], orphans=False)}
    for name, opts in runs.items():
        pairs = find_duplicates(bank, Settings(None, None, opts), cache_dir=cache or
                                workdir / "cache")
        found = {frozenset(p.ids) for p in pairs if set(p.ids) & orphan_ids}
        tp = found & truth
        out["runs"][name] = {
            "found": len(found), "true": len(tp),
            "precision": len(tp) / len(found) if found else 1.0,
            "recall": len(tp) / len(truth) if truth else 1.0,
            "false": sorted(" ~ ".join(sorted(k)) for k in found - truth),
            "missed": sorted(" ~ ".join(sorted(k)) for k in truth - found)}
    return out


NEW_TEST = REPO / "tests" / "data" / "dup_test_2026_12.yaml"  # Dec 2026: scored once, never tuned
NEW_TEST_B = REPO / "tests" / "data" / "dup_test_2026_12b.yaml"  # the second blind set, scored once
NEW_TEST_C = REPO / "tests" / "data" / "dup_test_2026_12c.yaml"  # the third blind set, scored once
NEW_TEST_D = REPO / "tests" / "data" / "dup_test_2026_12d.yaml"  # the fourth blind set, scored once
NEW_TEST_E = REPO / "tests" / "data" / "dup_test_2026_12e.yaml"  # the fifth blind set, scored once
NEW_TEST_F = REPO / "tests" / "data" / "dup_test_2026_12f.yaml"  # the sixth blind set, scored once
NEW_TEST_G = REPO / "tests" / "data" / "dup_test_2026_12g.yaml"  # the seventh, scored once


def _pair_banks(workdir: Path, data: Path) -> tuple[list[dict[str, Any]], list[Any]]:
    """Each labelled question pair of `data` as its own two-record bank (as `heldout_quality`)."""
    import yaml

    from qbank.core.loader import load_bank

    pairs = yaml.safe_load(data.read_text(encoding="utf-8"))["pairs"]
    banks = []
    for k, p in enumerate(pairs):
        folder = workdir / f"pairs-{data.stem}-{k:03d}"
        (folder / "h").mkdir(parents=True, exist_ok=True)
        (folder / "topics.yaml").write_text("h:\n  title: Held-out\n", encoding="utf-8")
        for side in ("a", "b"):
            rec = {"id": f"{side}{k:03d}", "title": side, "topic": "h", "type": "open",
                   "difficulty": "easy", "tags": ["heldout"], "question": p[side],
                   "answer": f"Answer {side} of pair {k}."}
            (folder / "h" / f"{side}{k:03d}.yaml").write_text(
                yaml.safe_dump(rec, sort_keys=False), encoding="utf-8")
        banks.append(load_bank(folder))
    return pairs, banks


def definitions_quality(workdir: Path, cache: Path | None = None,
                        files: tuple[Path, ...] = (NEW_TEST_G, NEW_TEST_F, NEW_TEST_E, NEW_TEST_D,
                                                      NEW_TEST_C, NEW_TEST_B, NEW_TEST, HELDOUT3,
                                                      HELDOUT2, HELDOUT)
                        ) -> dict[str, Any]:
    """The DUP rules (questions only) on labelled pairs, without and with DUP003's definition
    (gloss) signal: `before` is the detector as it was (glosses=False), `after` as it is now.
    Per file: paraphrase and light-edit recall, precision over all pairs, false positives
    among siblings and related pairs, and the search time (all pairs, warm cache)."""
    from qbank.services.dedup import (
        ExactSearch,
        NearSearch,
        ParaphraseSearch,
        Settings,
        find_duplicates,
    )

    q = ["question"]
    runs = {"before (no definitions)": Settings(ExactSearch(fields=q), NearSearch(fields=q),
                                                ParaphraseSearch(fields=q, glosses=False)),
            "after (with definitions)": Settings(ExactSearch(fields=q), NearSearch(fields=q),
                                                 ParaphraseSearch(fields=q))}
    cache = cache or workdir / "cache"
    out: dict[str, Any] = {}
    for data in files:
        pairs, banks = _pair_banks(workdir, data)
        # a warm-up pass encodes every question and definition once (not timed)
        for b in banks:
            find_duplicates(b, runs["after (with definitions)"], cache_dir=cache)
        rows: dict[str, Any] = {}
        for name, settings in runs.items():
            t = time.perf_counter()
            found = [bool(find_duplicates(b, settings, cache_dir=cache)) for b in banks]
            secs = time.perf_counter() - t
            kinds: dict[str, list[int]] = {}
            for f, p in zip(found, pairs, strict=True):
                slot = kinds.setdefault(str(p.get("kind", p["label"])), [0, 0])
                slot[0] += f
                slot[1] += 1
            dup = [p["label"] == "duplicate" for p in pairs]
            tp = sum(f and d for f, d in zip(found, dup, strict=True))
            rows[name] = {"found": sum(found), "true": tp,
                          "precision": tp / sum(found) if any(found) else 1.0,
                          "recall": tp / max(sum(dup), 1),
                          "kinds": {k: f"{a}/{n}" for k, (a, n) in sorted(kinds.items())},
                          "seconds": round(secs, 1), "pairs": len(pairs)}
        out[data.name] = rows
    return out


def print_definitions(d: dict[str, Any]) -> None:
    print("\n## DUP003 with and without definitions (questions only; each pair its own bank)")
    print("dup_test_2026_12g.yaml: 193 pairs written blind on 2026-12-07 by a seventh helper, "
          "scored once with 1c4472e (DUP as of e57aa6e: sibling guards); with 5fbd1d5 (the DUP "
          "of e4c4861) it was para 29/79, light 19/20, precision 0.83, siblings 7/50, related "
          "3/44 (13/79 paraphrases without the definitions signal); "
          "dup_test_2026_12f.yaml: 190 pairs written blind on 2026-12-07 by a sixth helper "
          "(asked for naming-vs-describing and scenario paraphrases), scored once with c7df568 "
          "(DUP unchanged since e4c4861, so before = after): para 26/80, light 17/20, "
          "precision 0.86, siblings 7/50, related 0/40; every paraphrase found came from the "
          "definitions signal (0/80 without it); "
          "dup_test_2026_12e.yaml: 170 pairs written blind on 2026-12-07 by a fifth helper, "
          "scored once with aa30bae (intents compatible for describing questions); with "
          "841670f it was para 42/75, light 15/15, precision 0.95, siblings 1/45, related 2/35; "
          "dup_test_2026_12d.yaml: 170 pairs written blind on 2026-12-07 by a fourth helper, "
          "scored once with eb4d6fd (canonical forms, 279-concept vocabulary), then TUNED ON; "
          "with 72a96bf it was para 11/75, light 15/15, precision 0.74, siblings 8/45, related "
          "1/35; "
          "dup_test_2026_12c.yaml: 170 pairs written blind on 2026-12-07 by a third helper, "
          "scored once with the detector of 8f25cfa, then TUNED ON (vocabulary, glosses); "
          "dup_test_2026_12b.yaml: 160 pairs written blind on 2026-12-07 by a helper who saw "
          "no detector and no earlier set, scored once, never tuned on; "
          "dup_test_2026_12.yaml: 173 pairs written blind in Dec 2026, scored ONCE with the "
          "final detector (never tuned on); dup_heldout.yaml, _questions2, the seed labels "
          "and the curated bank chose the definition signal's values; _questions3 (scored "
          "before) was looked at to choose between two variants.")
    print(f"{'file':30} {'detector':26} {'para R':>7} {'light R':>8} {'prec':>5} "
          f"{'FP sib':>7} {'FP rel':>7} {'all R':>6} {'time':>9}")
    for file, rows in d.items():
        for name, r in rows.items():
            k = r["kinds"]
            para = k.get("paraphrase", k.get("duplicate", "-"))
            rel = k.get("related", k.get("different", "-"))
            ms = 1000 * r["seconds"] / max(r["pairs"], 1)
            print(f"{file:30} {name:26} {para:>7} {k.get('light-edit', '-'):>8} "
                  f"{r['precision']:5.2f} {k.get('sibling', '-'):>7} {rel:>7} "
                  f"{r['recall']:6.2f} {ms:6.0f} ms")
    print("  (para R / light R: duplicates found of that kind; FP sib / FP rel: siblings or "
          "related pairs flagged; time: per pair, one two-record bank search, warm cache)")


def print_orphans(h: dict[str, Any], role: str) -> None:
    _print_runs(f"Answers without questions, {role} (tests/data/{h['file']}: {h['records']} "
                f"records, {h['orphans']} orphan answers, {h['duplicates']} of them "
                f"duplicates; written by another engineer without seeing the detector or the "
                f"seed labels; one bank)", h["runs"])


def print_heldout(h: dict[str, Any], about: str) -> None:
    _print_runs(f"Held-out question pairs (tests/data/{h['file']}: {h['pairs']} pairs, "
                f"{h['duplicates']} duplicates; {about}; each pair its own bank)", h["runs"])
    for name, r in h["runs"].items():
        if "flagged_by_kind" in r:
            print(f"  flagged by kind, {name}: " + ", ".join(
                f"{k} {v}" for k, v in r["flagged_by_kind"].items()))


def _print_runs(title: str, runs: dict[str, dict[str, Any]]) -> None:
    print(f"\n## {title}")
    print(f"{'rule':32} {'found':>5} {'true':>5} {'prec':>6} {'recall':>7}")
    for name, r in runs.items():
        print(f"{name:32} {r['found']:5d} {r['true']:5d} {r['precision']:6.2f} "
              f"{r['recall']:7.2f}")
    main_run = next(iter(runs.values()))
    if main_run["false"]:
        print("  false positives:", "; ".join(main_run["false"]))
    if main_run["missed"]:
        print("  missed:", "; ".join(main_run["missed"]))


def print_seeds(q: dict[str, Any]) -> None:
    print(f"\n## Seeds: {q['entries']} entries, {q['duplicate_pairs']} labelled duplicate pairs "
          f"that share a field ({q['by_kind']})")
    print("NOTE: DUP003's concept signal (dl_concepts.yaml) was designed after these "
          "labels were read: the seed figures of `paraphrase` and `combined` are optimistic; "
          "`embeddings only` is DUP003 without it; see the held-out pairs below.")
    print(f"{'rule':26} {'found':>5} {'true':>5} {'prec':>6} {'recall':>7} {'own-kind':>9}  "
          f"{'by kind (exact/near/para)':28} {'FP related/other':>16}")
    for name, r in q["runs"].items():
        own = "-" if r["recall_own_kind"] is None else f"{r['recall_own_kind']:.2f}"
        kinds = " ".join(r["recall_by_kind"].values())
        print(f"{name:26} {r['found']:5d} {r['true']:5d} {r['precision']:6.2f} "
              f"{r['recall_all']:7.2f} {own:>9}  {kinds:28} "
              f"{r['false_related']:>8}/{r['false_other']}")
    comb = q["runs"]["combined"]
    if comb["false_examples"]:
        print("  false positives (combined):", "; ".join(comb["false_examples"]))
    if comb["missed_examples"]:
        print("  missed (combined):", "; ".join(comb["missed_examples"]))


# --- synthetic banks -----------------------------------------------------------------------

_PARA = [
    ("What is {x} and how does it work?", "Explain how {x} works."),
    ("Why is {x} important in deep learning?", "What makes {x} so important for deep learning?"),
    ("What are the advantages of {x}?", "What benefits does {x} offer?"),
    ("How do you implement {x} in Keras?", "Show how to build {x} with Keras."),
    ("When should you use {x}?", "In which situations is {x} the right choice?"),
    ("What problems does {x} solve?", "Which issues is {x} designed to address?"),
    ("How does {x} prevent overfitting?", "In what way does {x} help a model avoid overfitting?"),
    ("What are the disadvantages of {x}?", "What are the main drawbacks of using {x}?"),
]
_OPENERS = ["What is", "How does", "Why does", "Explain", "Describe", "When would you use",
            "How can you", "What happens when", "Compare", "What limits"]


def _vocab() -> list[str]:
    import re

    from benchmarks.dup_seeds import seeds_dir

    words: set[str] = set()
    for f in seeds_dir().glob("*.txt"):
        words |= {w.lower() for w in re.findall(r"[A-Za-z][a-z]{3,14}", f.read_text())}
    return sorted(words)


def _typo(rng: random.Random, text: str) -> str:
    words = text.split()
    choices = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
    if not choices:
        return text + " please"
    i = rng.choice(choices)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]  # swap two letters
    return " ".join(words)


def synthetic_plan(n: int, seed: int = 0) -> dict[str, list[tuple[str, str]]]:
    """The planted pairs of `synthetic_bank(n, ..., seed)` without writing the bank."""
    return synthetic_bank(n, None, seed)


def synthetic_bank(n: int, folder: Path | None,
                   seed: int = 0) -> dict[str, list[tuple[str, str]]]:
    """Write n records (unless folder is None); returns the planted pairs per strength (ids)."""
    import yaml

    rng = random.Random(seed)
    vocab = _vocab()
    planted: dict[str, list[tuple[str, str]]] = {"exact": [], "near": [], "paraphrase": []}
    per = min(300, max(5, n // 100))
    base = n - 4 * per  # + per exact, near, paraphrase copies + per paraphrase sources = n
    records: list[dict[str, Any]] = []
    used: set[str] = set()

    def words(k: int) -> str:
        return " ".join(rng.choice(vocab) for _ in range(k))

    for i in range(base):
        q = f"{rng.choice(_OPENERS)} {words(rng.randint(6, 11))}?"
        a = f"{words(rng.randint(14, 26)).capitalize()}."
        records.append({"id": f"r{i:06d}", "question": q, "answer": a})
    for s in ("exact", "near", "paraphrase"):
        for k in range(per):
            src = records[rng.randrange(base)]
            new_id = f"{s[0]}{k:05d}"
            if s == "exact":
                q = f"{k % 9 + 1}. **{src['question'].upper().rstrip('?')}** ?"
                a = src["answer"].replace(".", " !")
            elif s == "near":
                edit = k % 3
                q = (_typo(rng, src["question"]) if edit == 0 else
                     src["question"].replace("?", " in practice?") if edit == 1 else
                     src["question"].replace("What is", "What's").replace("How does", "How do"))
                if q == src["question"]:
                    q = src["question"].rstrip("?") + " exactly?"
                a = f"{words(rng.randint(14, 26)).capitalize()}."
            else:
                x = words(3)
                while x in used:
                    x = words(3)
                used.add(x)
                t1, t2 = _PARA[k % len(_PARA)]
                src = {"id": f"p{k:05d}a", "question": t1.format(x=x),
                       "answer": f"{words(rng.randint(14, 26)).capitalize()}."}
                records.append(src)
                new_id = f"p{k:05d}b"
                q = t2.format(x=x)
                a = f"{words(rng.randint(14, 26)).capitalize()}."
            records.append({"id": new_id, "question": q, "answer": a})
            planted[s].append((src["id"], new_id))
    if folder is None:
        return planted
    (folder / "synth").mkdir(parents=True, exist_ok=True)
    (folder / "topics.yaml").write_text("synth:\n  title: Synthetic\n", encoding="utf-8")
    for r in records:
        body = {"id": r["id"], "title": r["id"], "topic": "synth", "type": "open",
                "difficulty": "medium", "tags": ["synthetic"], "question": r["question"],
                "answer": r["answer"]}
        (folder / "synth" / f"{r['id']}.yaml").write_text(
            yaml.safe_dump(body, sort_keys=False, width=1000), encoding="utf-8")
    return planted


STATIC_THRESHOLD = 0.80  # cosine for the static stand-in (its scores run higher and flatter)


def paraphrase_options(model: str) -> Any:
    from qbank.services.dedup import ParaphraseSearch as ParaphraseOptions

    if model == "minilm":
        return ParaphraseOptions(fields=["question"])
    return ParaphraseOptions(fields=["question"], model=model,
                             question_threshold=STATIC_THRESHOLD)


def _rss_mb() -> int:
    """Current resident memory of this process (MB)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20)
    except (OSError, ValueError, IndexError):
        return 0


def _peak_mb() -> int:
    """Peak resident memory of this process (VmHWM, MB). Unlike ru_maxrss, it is not carried
    over from the parent across fork and exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except (OSError, ValueError, IndexError):
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def one_run(bank: Path, cache: Path, planted_file: Path, model: str = "minilm") -> dict[str, Any]:
    """Run inside a fresh process: load the bank, search, report time, memory and recall."""
    from qbank.core.loader import load_bank
    from qbank.services.dedup import Settings

    rss0 = _rss_mb()
    t0 = time.perf_counter()
    b = load_bank(bank)
    t_load = time.perf_counter() - t0
    rss_loaded = _rss_mb()
    from qbank.services.dedup import DupSearch

    t1 = time.perf_counter()
    search = DupSearch(b, Settings(paraphrase=paraphrase_options(model)), cache_dir=cache)
    t_search = time.perf_counter() - t1
    planted = json.loads(planted_file.read_text())
    found = {frozenset(p.ids): p.strength for p in search.pairs}
    recall = {}
    for s, pairs in planted.items():
        hit = [found.get(frozenset(p)) for p in pairs]
        recall[s] = {"own": sum(h == s for h in hit) / len(pairs),
                     "any": sum(h is not None for h in hit) / len(pairs)}
    emb = search.stats.get("question_embed", {})
    return {"records": len(b.records), "load_s": round(t_load, 2),
            "search_s": round(t_search, 2),
            "encode_s": round(float(emb.get("seconds", 0.0)), 2),
            "encoded": emb.get("encoded", 0), "cached": emb.get("cached", 0),
            "pairs": search.stats.get("pairs"), "recall": recall,
            "stats": search.stats,
            "rss_loaded_mb": rss_loaded,
            "rss_start_mb": rss0, "peak_rss_mb": _peak_mb()}


def scale(sizes: list[int], workdir: Path, keep_cache: Path,
          model: str = "minilm") -> list[dict[str, Any]]:
    """Per size, three runs, each in a fresh process:
    - `first`: with the bench's persistent cache (`--cache`): cold the first time the bench
      runs on a machine (MiniLM encodes every question), warm after;
    - `warm`: the same cache again: what re-validating an unchanged bank costs;
    - `no-fp`: a fresh cache holding only the embeddings (copied): exact hashes, MinHash
      signatures, LSH, rapidfuzz checks and the blocked embedding search all run from scratch;
      only the model's encoding is skipped."""
    rows = []
    for n in sizes:
        folder = workdir / f"bank{n}"
        t = time.perf_counter()
        if not folder.exists():
            synthetic_bank(n, folder)  # planted pairs are recomputed below (same seed)
        planted = synthetic_plan(n)
        gen = time.perf_counter() - t
        pf = workdir / f"planted{n}.json"
        pf.write_text(json.dumps(planted))
        cache = keep_cache / f"synth{n}"
        nofp = workdir / f"nofp{n}"
        runs = {}
        for label in ("first", "warm", "no-fp"):
            use = cache
            if label == "no-fp":
                shutil.rmtree(nofp, ignore_errors=True)
                (nofp / "embed").mkdir(parents=True)
                if (cache / "embed").is_dir():
                    for sub in (cache / "embed").iterdir():
                        shutil.copytree(sub, nofp / "embed" / sub.name)
                use = nofp
            cmd = [sys.executable, "-m", "benchmarks.bench_dup", "--model", model, "--one",
                   str(folder), str(use), str(pf)]
            res = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
            if res.returncode != 0:
                print(res.stderr[-3000:], file=sys.stderr)
                raise SystemExit(f"size {n} {label} run failed")
            runs[label] = json.loads(res.stdout.strip().splitlines()[-1])
        rows.append({"n": n, "generate_s": round(gen, 1), **runs})
        print_scale_row(rows[-1])
    return rows


def print_scale_row(r: dict[str, Any]) -> None:
    for label in ("first", "warm", "no-fp"):
        x = r[label]
        rec = " ".join(f"{s} {v['own']:.2f}/{v['any']:.2f}" for s, v in x["recall"].items())
        st = x["stats"]
        print(f"{x['records']:>7,} {label:5}  search {x['search_s']:6.1f} s = encode "
              f"{x['encode_s']:6.1f} s ({x['encoded']} encoded, {x['cached']} cached) + rest "
              f"{x['search_s'] - x['encode_s']:5.1f} s (minhash {st.get('minhash_computed', 0)} "
              f"computed, {st.get('minhash_cached', 0)} cached)  peak RSS {x['peak_rss_mb']} MB "
              f"(bank loaded: {x.get('rss_loaded_mb', 0)} MB)"
              f"  [load {x['load_s']:.1f} s]  planted recall own/any: {rec}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--no-seeds", action="store_true")
    ap.add_argument("--model", default="minilm", choices=["minilm", "minilm-static"],
                    help="paraphrase model of the synthetic runs (default all-MiniLM-L6-v2; "
                         "minilm-static: the cheap stand-in of qbank.services.embed)")
    ap.add_argument("--cache", type=Path, default=REPO / ".qbank-cache" / "bench-dup",
                    help="cache of the synthetic banks' fingerprints and embeddings, kept "
                         "between bench runs (default .qbank-cache/bench-dup)")
    ap.add_argument("--definitions", action="store_true",
                    help="only the table of DUP003 with and without definitions (new and old "
                         "held-out pairs)")
    ap.add_argument("--one", nargs=3, metavar=("BANK", "CACHE", "PLANTED"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        res = one_run(Path(args.one[0]), Path(args.one[1]), Path(args.one[2]), args.model)
        print(json.dumps(res))
        return
    header()
    with tempfile.TemporaryDirectory(prefix="bench-dup-") as tmp:
        work = Path(tmp)
        if not args.no_seeds and not args.definitions:
            print_seeds(seeds_quality(work, args.cache / "seeds"))
            print_heldout(heldout_quality(work, args.cache / "heldout"),
                          "written before the concept signal was tuned, not from the seeds")
            print_heldout(heldout_quality(work, args.cache / "heldout", HELDOUT2),
                          "written by another engineer who saw neither the detector nor any "
                          "other label; its false siblings shaped the sibling guard")
            print_heldout(heldout_quality(work, args.cache / "heldout", HELDOUT3),
                          "written the same way, scored once the guard was fixed; never "
                          "tuned on")
            print_orphans(heldout_orphans(work, args.cache / "heldout"),
                          "dev set (chose orphan_threshold and orphan_floor)")
            print_orphans(heldout_orphans(work, args.cache / "heldout", TEST_ORPHANS),
                          "test set (scored once the values were fixed; never tuned on)")
        if not args.no_seeds or args.definitions:
            print_definitions(definitions_quality(work, args.cache / "heldout"))
        if args.definitions:
            return
        sizes = [int(s) for s in args.sizes.split(",") if s]
        plans = [(args.model or "minilm", sizes)]
        for model, these in plans:
            if not these:
                continue
            what = ("all-MiniLM-L6-v2" if model == "minilm" else
                    f"the static MiniLM token-vector stand-in, cosine >= {STATIC_THRESHOLD}")
            print(f"\n## Scale: synthetic banks, whole-bank duplicate search; paraphrase on "
                  f"questions with {what}. first / warm / no-fp: see `scale`; recall own/any: "
                  f"planted pairs found at their own strength / at any")
            scale(these, work, args.cache / model, model)


if __name__ == "__main__":
    main()
