"""Core figures: `qbank validate` on the real bank, and load + SCH/TXT on synthetic banks of
1,000 and 10,000 records (goal: 10,000 in under 5 s, growing no faster than linearly)."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import best_of, header
from qbank.core.config import Config
from qbank.core.loader import load_bank
from qbank.lint.engine import validate

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("gradient loss layer neuron weight bias dropout batch epoch tensor kernel stride "
         "pooling attention token embedding optimizer momentum activation sigmoid relu").split()


def synthetic_bank(root: Path, n: int) -> Path:
    """n records across the real topics, each with prose, a python fence and choices for some."""
    rng = random.Random(n)
    bank = root / "bank"
    bank.mkdir(parents=True)
    shutil.copy(ROOT / "bank" / "topics.yaml", bank / "topics.yaml")
    topics = ["fundamentals", "training", "cnn", "rnn", "keras", "evaluation"]
    for i in range(n):
        topic = topics[i % len(topics)]
        words = " ".join(rng.choice(WORDS) for _ in range(60))
        rid = f"q{i:06d}-{rng.choice(WORDS)}"
        kind = "single_choice" if i % 5 == 0 else "open"
        extra = ("choices:\n  - text: yes\n    correct: true\n  - text: no\n    correct: false\n"
                 if kind == "single_choice" else "")
        (bank / topic).mkdir(exist_ok=True)
        (bank / topic / f"{rid}.yaml").write_text(
            "# yaml-language-server: $schema=../../schema/record.schema.json\n"
            f"id: {rid}\ntitle: Question {i} about {rng.choice(WORDS)}\ntopic: {topic}\n"
            f"type: {kind}\ndifficulty: medium\ntags: [{rng.choice(WORDS)}]\nstatus: published\n"
            f"question: |\n  What does the {rng.choice(WORDS)} do in question {i}?\n"
            f"answer: |\n  {words}\n\n  ```python\n  import keras\n"
            f"  layer = keras.layers.Dense({i % 64 + 1})\n  ```\n{extra}")
    return bank


def run_sch_txt(bank: Path) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    loaded = load_bank(bank)
    t1 = time.perf_counter()
    result = validate(loaded, Config(select=["SCH", "TXT"]))
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(result.findings)


def main() -> None:
    header("core: load + SCH/TXT")
    t = best_of(3, lambda: subprocess.run(
        [sys.executable, "-m", "qbank", "--help"], capture_output=True, check=True))
    print(f"interpreter + CLI start: {t:.2f} s")
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", "from qbank.commands.cli import main; main()",
                           "validate", "--select", "SCH,TXT"], cwd=ROOT, capture_output=True,
                          text=True)
    print(f"real bank, `qbank validate --select SCH,TXT` (whole process): "
          f"{time.perf_counter() - t0:.2f} s -> {proc.stdout.strip().splitlines()[-1]}")
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", "from qbank.commands.cli import main; main()",
                           "validate"], cwd=ROOT, capture_output=True, text=True)
    print(f"real bank, `qbank validate` (all rules, warm cache): "
          f"{time.perf_counter() - t0:.2f} s -> {proc.stdout.strip().splitlines()[-1]}")
    per_record = {}
    for n in (1_000, 10_000):
        with tempfile.TemporaryDirectory() as tmp:
            bank = synthetic_bank(Path(tmp), n)
            load, check, findings = run_sch_txt(bank)
            total = load + check
            per_record[n] = total / n
            print(f"synthetic {n:>6} records: load {load:.2f} s + SCH/TXT {check:.2f} s = "
                  f"{total:.2f} s ({total / n * 1e3:.3f} ms/record, {findings} findings)")
    ratio = per_record[10_000] / per_record[1_000]
    print(f"growth: per-record time at 10k / at 1k = {ratio:.2f} (1.0 = linear); "
          f"goal 10k < 5 s: {'met' if per_record[10_000] * 10_000 < 5 else 'NOT met'}")


if __name__ == "__main__":
    main()
