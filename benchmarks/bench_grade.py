"""Grading figures: 100,000 choice and numeric responses against the bank's keys (goal < 10 s),
item analysis included."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from benchmarks.common import header
from qbank.commands.grade import grade_file
from qbank.core.loader import load_bank

ROOT = Path(__file__).resolve().parent.parent
N = 100_000


def main() -> None:
    header("grade: qbank grade")
    bank = load_bank(ROOT / "bank")
    items = [r.record for r in bank.records if r.record is not None
             and r.record.type.value in ("single_choice", "multiple_choice", "numeric")]
    rng = random.Random(0)
    rows = ["learner,question,response"]
    for i in range(N):
        rec = items[i % len(items)]
        if rec.numeric is not None:
            answer = str(rec.numeric.value + rng.choice((0, 0, 1)))
        else:
            n = len(rec.choices or [])
            answer = '"' + ",".join(sorted(rng.sample("ABCDEFGH"[:n], rng.randint(1, n)))) + '"'
        rows.append(f"learner{i // len(items)},{rec.id},{answer}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "responses.csv"
        path.write_text("\n".join(rows) + "\n")
        start = time.perf_counter()
        graded = grade_file(bank, path)
        seconds = time.perf_counter() - start
    print(f"{N:,} responses ({len(items)} choice and numeric questions, "
          f"{len(graded.learners):,} learners): {seconds:.2f} s "
          f"({N / seconds:,.0f} responses/s), item analysis of {len(graded.items)} items "
          f"included; goal < 10 s: {'met' if seconds < 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
