"""The seeds' damage as fixtures: tests/fixtures/seeds/.

- sources/: the three seeds, copied from shared/seeds (so the fixtures rebuild from the repo);
- bank/: their entries as `qbank import` writes them, uncorrected (rebuild: delete the records,
  then `qbank import tests/fixtures/seeds/sources/<seed> --into tests/fixtures/seeds/bank`);
- defects-*.yaml: the ground truth written by the content writers, entry by entry
  ({entry: "Fundamentals Q1" | "Q6" | "line 445", defects: [kind, ...]});
- expected.yaml: the findings the gate must give on each record, for the families it lists,
  and which codes catch which kind of defect.

`damage_caught()` is the running measure: defects of the ground truth that a finding of a
matching code catches, on the record imported from that entry. Draft the expected findings of a
newly registered family with `python -m tests.seeds --draft FAMILY` (prints them; review, then
`--write` merges them into expected.yaml)."""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "seeds"
BANK = FIXTURES / "bank"
SOURCES = FIXTURES / "sources"
EXPECTED = FIXTURES / "expected.yaml"
ALL_FAMILIES = ("SCH", "TXT", "MATH", "RUN", "DUP", "CLAIM", "GEN")
SLOW_FAMILIES = {"RUN", "DUP", "CLAIM"}

Findings = dict[str, list[str]]  # record id -> sorted ["CODE:line", ...]


def load_expected() -> dict[str, Any]:
    data = yaml.safe_load(EXPECTED.read_text(encoding="utf-8")) or {}
    for key, empty in (("families", []), ("catches", {}), ("records", {})):
        if data.get(key) is None:
            data[key] = empty
    return data


def registered_families() -> set[str]:
    from qbank.lint.registry import all_rules

    return {r.family for r in all_rules().values()}


def gate_findings(families: list[str], cache_dir: Path | None = None) -> Findings:
    """Run the gate on the fixture bank with only `families`; findings by record id."""
    from qbank.core.config import Config
    from qbank.core.loader import load_bank
    from qbank.lint.engine import validate

    cfg = Config(select=list(families), cache=cache_dir is not None,
                 cache_dir=str(cache_dir or FIXTURES / ".qbank-cache"))
    result = validate(load_bank(BANK), cfg)
    out: Findings = {}
    for f in result.findings:
        out.setdefault(f.question or "<bank>", []).append(f"{f.code}:{f.line}")
    return {k: sorted(v, key=_order) for k, v in out.items()}


def _order(item: str) -> tuple[str, int]:
    code, _, line = item.partition(":")
    return code, int(line or 0)


def expected_findings(families: list[str]) -> Findings:
    exp = load_expected()
    out: Findings = {}
    for rid, rec in exp["records"].items():
        items = [x for x in (rec or {}).get("findings") or []
                 if any(str(x).startswith(f) for f in families)]
        if items:
            out[rid] = sorted(map(str, items), key=_order)
    return out


# --- which record each entry of the ground truth became -------------------------------------

@dataclass(frozen=True)
class Imported:
    rid: str
    seed: str
    line: int
    end: int
    label: str | None
    fenced: int = 0  # python fences the importer made from the entry's unfenced code


def imported_entries() -> list[Imported]:
    """Every record of the fixture bank with the source lines its entry spans."""
    from qbank.commands.importer import parse

    spans: dict[tuple[str, int], tuple[int, str | None, int]] = {}
    for src in sorted(SOURCES.glob("*.txt")):
        for e in parse(src.read_text(encoding="utf-8")).entries:
            spans[(src.name, e.line)] = (e.end, e.label, e.code_blocks)
    out: list[Imported] = []
    for p in sorted(BANK.rglob("*.yaml")):
        if p.name == "topics.yaml":
            continue
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        for src in data.get("sources") or []:
            m = re.search(r"\bline (\d+)", str(src.get("note", "")))
            seed = src.get("seed") or src.get("file")
            if m and seed:
                line = int(m.group(1))
                end, label, fenced = spans.get((seed, line), (line, None, 0))
                out.append(Imported(data["id"], seed, line, end, label, fenced))
    return out


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def record_for(entry: str, seed: str, imported: list[Imported]) -> Imported | None:
    """The record imported from a ground-truth entry: "line N" (any line the entry spans) or
    the source's own label ("Fundamentals Q1", "Q6")."""
    mine = [i for i in imported if i.seed == seed]
    m = re.match(r"^\s*lines?\s+(\d+)", entry, re.IGNORECASE)
    if m:
        n = int(m.group(1))
        hit = [i for i in mine if i.line <= n <= i.end]
        return hit[0] if hit else None
    hit = [i for i in mine if i.label and _norm(i.label) == _norm(entry)]
    return hit[0] if hit else None


# --- the measure -------------------------------------------------------------------------------

@dataclass
class Damage:
    total: int = 0
    caught: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [caught, total]
    missed: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    # (defects file, entry, kind, record id or None)
    fenced: list[int] = field(default_factory=lambda: [0, 0])
    # unfenced-code defects whose code the importer fenced (not findings: repairs), of all

    @property
    def percent(self) -> float:
        return 100.0 * self.caught / self.total if self.total else 0.0

    def lines(self) -> list[str]:
        out = [f"seed damage caught: {self.caught}/{self.total} defects ({self.percent:.1f}%)"]
        for kind, (c, t) in sorted(self.by_kind.items()):
            out.append(f"  {kind:<32} {c:>4}/{t:<4}")
        if self.fenced[1]:
            out.append(f"unfenced code fenced by `qbank import` (each fence marked "
                       f"`unfenced`, which TXT009 reports): {self.fenced[0]}/{self.fenced[1]}")
        return out


def _kinds(raw: Any) -> list[str]:
    out: list[str] = []
    for d in raw or []:
        if isinstance(d, dict):
            d = d.get("kind") or d.get("defect") or d.get("name") or next(iter(d.values()), "")
        out.append(str(d))
    return out


def catching_codes(kind: str, catches: dict[str, Any]) -> list[str]:
    """Codes (or family prefixes) whose findings catch a defect of this kind: expected.yaml's
    `catches`, and any registered rule named like the kind."""
    from qbank.lint.registry import all_rules

    codes = [str(c) for c in catches.get(kind) or []]
    codes += [r.code for r in all_rules().values() if r.name == kind]
    return codes


def seed_of(defects_file: Path) -> str | None:
    m = re.match(r"defects-(\d{3})", defects_file.name)
    if not m:
        return None
    hit = sorted(SOURCES.glob(f"{m.group(1)}_*.txt"))
    return hit[0].name if hit else None


def damage_caught(findings: Findings | None = None) -> Damage:
    """Defects of the ground truth (defects-*.yaml) against findings (default: the gate's, for
    every registered family) on the records imported from their entries."""
    if findings is None:
        findings = gate_findings(sorted(registered_families()))
    catches = load_expected()["catches"]
    imported = imported_entries()
    dmg = Damage()
    for f in sorted(FIXTURES.glob("defects-*.yaml")):
        seed = seed_of(f)
        for item in yaml.safe_load(f.read_text(encoding="utf-8")) or []:
            if not isinstance(item, dict) or "entry" not in item:
                continue
            rec = record_for(str(item["entry"]), seed or "", imported)
            rid = rec.rid if rec else None
            codes_found = [x.split(":")[0] for x in findings.get(rid or "", [])]
            for kind in _kinds(item.get("defects")):
                wanted = catching_codes(kind, catches)
                hit = rid is not None and any(
                    c == w or (len(w) <= 5 and c.startswith(w) and not w[-1].isdigit())
                    for c in codes_found for w in wanted)
                dmg.total += 1
                if kind == "unfenced-code":
                    dmg.fenced[1] += 1
                    dmg.fenced[0] += bool(rec and rec.fenced)
                slot = dmg.by_kind.setdefault(kind, [0, 0])
                slot[1] += 1
                if hit:
                    dmg.caught += 1
                    slot[0] += 1
                else:
                    dmg.missed.append((f.name, str(item["entry"]), kind, rid))
    return dmg


# --- drafting expected findings for a family ---------------------------------------------------

def render(exp: dict[str, Any]) -> str:
    """expected.yaml, entry by entry in source order."""
    order = {i.rid: (i.seed, i.line) for i in imported_entries()}
    head = EXPECTED.read_text(encoding="utf-8").split("\nfamilies:")[0] if EXPECTED.exists() \
        else ""
    out = [head.rstrip("\n"), f"families: [{', '.join(exp['families'])}]", "catches:"]
    for kind, codes in exp["catches"].items():
        out.append(f"  {kind}: [{', '.join(codes)}]")
    if exp.get("caught_at_least") is not None:
        out.append("# the seed damage caught, computed from the findings above: it may grow, "
                   "never shrink")
        out.append(f"caught_at_least: {exp['caught_at_least']}")
    out.append("records:")
    seed = None
    for rid in sorted(exp["records"], key=lambda r: order.get(r, ("~", 0))):
        src = order.get(rid, ("?", 0))
        if src[0] != seed:
            seed = src[0]
            out.append(f"  # {seed}")
        items = ", ".join(f'"{x}"' for x in exp["records"][rid].get("findings") or [])
        out.append(f"  {rid}: {{line: {src[1]}, findings: [{items}]}}")
    return "\n".join(x for x in out if x is not None).lstrip("\n") + "\n"


def draft(families: list[str]) -> dict[str, Any]:
    exp = load_expected()
    got = gate_findings(families)
    for i in imported_entries():
        rec = exp["records"].setdefault(i.rid, {"findings": []})
        kept = [x for x in rec.get("findings") or [] if not any(x.startswith(f) for f in families)]
        rec["findings"] = sorted(kept + got.get(i.rid, []), key=_order)
    exp["families"] = [f for f in ALL_FAMILIES if f in set(exp["families"]) | set(families)]
    return exp


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.seeds", description=__doc__)
    ap.add_argument("--draft", help="families to draft, comma-separated (SCH,TXT)")
    ap.add_argument("--write", action="store_true", help="merge the draft into expected.yaml")
    # without --draft: the damage caught by the gate's registered families, run now
    args = ap.parse_args(argv)
    findings: Findings | None = None
    if args.draft:
        exp = draft([f.strip().upper() for f in args.draft.split(",")])
        text = render(exp)
        if args.write:
            EXPECTED.write_text(text, encoding="utf-8")
            print(f"wrote {EXPECTED}")
        else:
            sys.stdout.write(text)
        findings = {rid: list(rec.get("findings") or []) for rid, rec in exp["records"].items()}
    dmg = damage_caught(findings)
    print("\n".join(dmg.lines()))
    misses = Counter(k for _, _, k, _ in dmg.missed)
    if misses:
        print("missed by kind: " + ", ".join(f"{k} {n}" for k, n in misses.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
