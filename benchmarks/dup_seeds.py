"""The questions of the three seeds as imported raw (before curation), for the DUP labels.

`seed_entries()` cuts the seeds into entries, each with a stable key, the seed line it starts
on, and its question and answer as found:

- 001 (`# Section` / `N. question`): questions only, key `001:<section> Q<n>`.
- 002 (`N. question` / `Answer:` / text): question and answer, key `002:Q<n>`.
- 000 (a scraped page whose question texts were lost: only answers remain, and the page
  repeats a long stretch word for word): answers only; an entry starts at each line listed in
  `_000_STARTS` (chosen by hand, reading the page: one per answer of the first copy, lines
  198-605), and at the same first paragraph where the repeat (lines 607-985) has it again.
  Key `000:L<line>`. Promotional lines ("*This is one of the most frequently asked ...*") are
  dropped, as an importer would.

`write_bank(entries, folder)` writes them as record files, one per entry, so that the real
duplicate search (`qbank.services.dedup.find_duplicates`) runs on them.
"""

from __future__ import annotations

import re
from pathlib import Path

SEEDS = Path("/work/shared/seeds")
_000_STARTS = (198, 207, 213, 261, 273, 277, 285, 287, 291, 295, 297, 299, 311, 321, 331, 337,
               345, 359, 367, 378, 384, 388, 394, 400, 406, 419, 427, 445, 459, 463, 467, 477,
               503, 509, 529, 545, 550, 555, 559, 573, 579, 595, 601)
_000_END_FIRST, _000_SECOND, _000_END = 606, 607, 986
# in the repeat, two entries lost their opening lines (question text and its table): they
# start where their answer does (found by reading the page)
_000_SECOND_OVERRIDES = {213: 624, 477: 873}
_PROMO = re.compile(r"^\*.*(interview|question).*\*\s*$", re.I)


def seeds_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    fixtures = here / "tests" / "fixtures" / "seeds" / "sources"
    for cand in (fixtures, here.parent / "shared" / "seeds", here / "shared" / "seeds", SEEDS):
        if cand.is_dir():
            return cand
    return SEEDS


def _block(lines: list[str], start: int, end: int) -> str:
    """Lines start..end-1 (1-based), promotional lines dropped, blank runs squeezed."""
    out = [ln.rstrip() for ln in lines[start - 1:end - 1] if not _PROMO.match(ln.strip())]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def _seed000(path: Path) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[dict[str, object]] = []
    firsts = {s: lines[s - 1].strip() for s in _000_STARTS}
    ends = [*_000_STARTS[1:], _000_END_FIRST]
    for s, e in zip(_000_STARTS, ends, strict=True):
        out.append({"key": f"000:L{s}", "seed": path.name, "line": s, "question": "",
                    "answer": _block(lines, s, e)})
    second = []
    for s in _000_STARTS:
        if s in _000_SECOND_OVERRIDES:
            second.append(_000_SECOND_OVERRIDES[s])
            continue
        for ln in range(_000_SECOND, _000_END):
            if lines[ln - 1].strip() == firsts[s] and ln not in second:
                second.append(ln)
                break
    second.sort()
    for s, e in zip(second, [*second[1:], _000_END], strict=True):
        out.append({"key": f"000:L{s}", "seed": path.name, "line": s, "question": "",
                    "answer": _block(lines, s, e)})
    return out


def _seed001(path: Path) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    section = ""
    for no, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if ln.startswith("# ") and not ln[2:].strip().isdigit():
            section = ln[2:].strip()
        m = re.match(r"^(\d+)\. (.+)$", ln)
        if m and section and not section.startswith("Join"):
            out.append({"key": f"001:{section} Q{m.group(1)}", "seed": path.name, "line": no,
                        "question": m.group(2).strip(), "answer": ""})
    return out


def _seed002(path: Path) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    heads = [(i, m) for i, ln in enumerate(lines) if (m := re.match(r"^(\d+)\. (.+)$", ln))]
    out: list[dict[str, object]] = []
    for k, (i, m) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        body = [ln for ln in lines[i + 1:end] if ln.strip() not in ("Answer:", "Lorem Ispum")]
        out.append({"key": f"002:Q{m.group(1)}", "seed": path.name, "line": i + 1,
                    "question": m.group(2).strip(), "answer": "\n".join(body).strip()})
    return out


def seed_entries(folder: Path | None = None) -> list[dict[str, object]]:
    folder = folder or seeds_dir()
    out: list[dict[str, object]] = []
    for path in sorted(folder.glob("*.txt")):
        prefix = path.name[:3]
        out.extend({"000": _seed000, "001": _seed001, "002": _seed002}[prefix](path))
    return out


def slug(key: str) -> str:
    return "s" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def write_bank(entries: list[dict[str, object]], folder: Path) -> Path:
    """One record file per entry under folder/seeds/, ids from the keys; returns the bank."""
    import yaml

    bank = folder
    (bank / "seeds").mkdir(parents=True, exist_ok=True)
    (bank / "topics.yaml").write_text("seeds:\n  title: Seeds\n", encoding="utf-8")
    for e in entries:
        rid = slug(str(e["key"]))
        rec = {"id": rid, "title": str(e["key"]), "topic": "seeds", "type": "open",
               "difficulty": "medium", "tags": ["seed"], "question": e["question"],
               "answer": e["answer"],
               "sources": [{"seed": e["seed"], "note": f"line {e['line']}"}]}
        (bank / "seeds" / f"{rid}.yaml").write_text(
            yaml.safe_dump(rec, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8")
    return bank
