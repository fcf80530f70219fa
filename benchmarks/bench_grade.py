"""Grading figures: 100,000 choice and numeric responses against the bank's keys (goal < 10 s),
item analysis included; code responses per second per core (200 learners' functions run in the
sandbox against a record's python checks, one batch); symbolic responses per second (distinct
responses, sympy equivalence with the 2 s limit each)."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from benchmarks.common import header
from qbank.commands.grade import grade_file
from qbank.commands.grade.responses import Response
from qbank.commands.grade.score import grade_all
from qbank.commands.grade.symbolic import grade_expression
from qbank.core.loader import load_bank
from qbank.core.model import Record

ROOT = Path(__file__).resolve().parent.parent
N = 100_000
N_CODE = 200
N_SYMBOLIC = 300
CODE_RECORD = {
    "id": "write-relu", "title": "Write ReLU", "topic": "activations", "type": "code",
    "difficulty": "easy", "tags": ["relu"], "question": "Write `relu(x)` for a numpy array.",
    "answer": "```python\ndef relu(x):\n    return np.maximum(x, 0)\n```\n",
    "setup": "import numpy as np\nxs = np.array([-1.0, 0.0, 2.0])",
    "checks": [{"name": "relu of xs", "python": "relu(xs).tolist()", "expect": [0, 0, 2]},
               {"name": "relu(3) is 3", "python": "float(relu(3.0))", "expect": 3}]}
CODE_ANSWERS = ("def relu(x):\n    return np.maximum(x, 0)\n",
                "def relu(x):\n    return np.abs(x)\n",
                "def relu(x):\n    return (x > 0) * x\n",
                "def relu(x):\n    return x / 0 if x is None else undefined\n")


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
    bench_code()
    bench_symbolic()


def bench_code() -> None:
    from qbank.services.sandbox import cores, shared

    rec = Record.model_validate(CODE_RECORD)
    pairs = [(rec, Response(i + 1, f"learner{i}", rec.id, CODE_ANSWERS[i % len(CODE_ANSWERS)]))
             for i in range(N_CODE)]
    start = time.perf_counter()
    grade_all(pairs[:1])  # starts the shared sandbox: TensorFlow is imported once
    startup = time.perf_counter() - start
    start = time.perf_counter()
    verdicts = grade_all(pairs)
    seconds = time.perf_counter() - start
    workers = shared().workers or cores()
    statuses = sorted({v.status for v in verdicts})
    print(f"{N_CODE} code responses (a function against 2 python checks, {', '.join(statuses)})"
          f": {seconds:.2f} s on {workers} worker(s): {N_CODE / seconds:,.1f} responses/s, "
          f"{N_CODE / seconds / workers:,.1f} per core (sandbox start-up {startup:.1f} s, once)")


def bench_symbolic() -> None:
    key = "exp(x)*(1 + x)"
    forms = ("exp(x) + x*exp(x)", "exp(x)*(x + {k}) - {k1}*exp(x)", "x*exp(x) + {k}",
             "(1 + x)*E^x*{k}/{k}", "log(exp(x))*exp(x) + exp(x)*{k}/{k}")
    answers = [forms[i % len(forms)].format(k=i + 2, k1=i + 1) for i in range(N_SYMBOLIC)]
    grade_expression.cache_clear()
    grade_expression(answers[0], key)  # sympy's import and first simplify, once
    start = time.perf_counter()
    outcomes = [grade_expression(a, key) for a in answers]
    seconds = time.perf_counter() - start
    right = sum(o.status == "correct" for o in outcomes)
    print(f"{N_SYMBOLIC} symbolic responses ({len(set(answers))} distinct, {right} equivalent):"
          f" {seconds:.2f} s, {N_SYMBOLIC / seconds:,.1f} responses/s "
          f"(identical responses are graded once)")


if __name__ == "__main__":
    main()
