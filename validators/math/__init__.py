"""MATH: arithmetic and numeric claims checked with sympy (prose) and numpy/TensorFlow (checks).

- `validators.math.prose`: finds the computations an answer states in words and formulas and
  verifies them exactly (sympy rationals). `check_text(text)` is the entry point for plain text
  (the seeds); `record_issues(rec)` for a record's question, answer and choice feedback; both
  return `qbank.core.issues.Issue`s (facts, no wording: `wording(issue)` asks the rule module,
  `describe(issue)` writes `line:column: CODE message`). The reading is
  `qbank.services.prose`'s, the checks are `steps`, `formulas`, `named` and `perceptron`;
  MATH003's final number is `final_number`.
- `validators.math.checks`: runs a record's explicit `checks` (python in the sandbox, sympy
  in-process through a restricted parser), cached by content.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qbank.core.cache import source_fingerprint
from qbank.core.issues import Issue
from qbank.core.stats import MathCheckStats, MathProseStats

if TYPE_CHECKING:
    from qbank.core.loader import LoadedRecord
    from validators.base import Context
    from validators.math.checks import CheckRun


PROSE_SCHEMA = 2  # 2: `qbank.core.issues.Issue` on the wire (facts, no wording)


# the prose engine: this family's checks and data, the prose reader, the written numbers
PROSE_MODULES = ("prose.py", "issues.py", "patterns.py", "patterns.yaml", "steps.py",
                 "formulas.py", "named.py", "perceptron.py", "final_number.py")


@cache
def engine_digest() -> str:
    """The prose engine's identity: its code and its patterns (a change invalidates the cache).
    Found without importing the reader (and sympy): a run whose results are cached needs none."""
    import qbank.core.fences
    import qbank.core.numbers
    import qbank.services

    here = Path(__file__).parent
    reader = Path(str(qbank.services.__file__)).parent / "prose"
    paths = [here / n for n in PROSE_MODULES] + sorted(reader.glob("*.py")) + \
        [Path(str(m.__file__)) for m in (qbank.core.numbers, qbank.core.fences)]
    return source_fingerprint(*paths)


def prose_issues(rec: LoadedRecord, ctx: Context) -> list[Issue]:
    """The record's prose miscalculations, for MATH001 and MATH002: computed once per run, and
    cached by content (the record's texts and the engine) across runs. Each is a
    `qbank.core.issues.Issue` whose `field` is the text it is in and whose facts its rule
    module words (the wording is not cached: changing it needs no new schema)."""
    from validators.math.issues import record_texts

    def compute() -> list[Issue]:
        cache = ctx.cache("math-prose", PROSE_SCHEMA)
        if ctx.stats.math_prose is None:
            ctx.stats.math_prose = MathProseStats()
        stats = ctx.stats.math_prose
        stats.records += 1
        key = cache.key({"engine": engine_digest(), "texts": record_texts(rec)})
        hit = cache.get(key)
        if isinstance(hit, list):
            try:
                out = [Issue.from_wire(d) for d in hit]
            except (TypeError, KeyError, ValueError):
                out = None
            if out is not None:
                stats.cached += 1
                return out
        from validators.math.prose import record_issues

        out = record_issues(rec)
        cache.put(key, [i.to_wire() for i in out])
        return out

    return ctx.memo(f"math.prose:{rec.path}", compute)  # type: ignore[no-any-return]


def wording(issue: Issue) -> tuple[str, str]:
    """The message and hint of a MATH001 or MATH002 issue, as its rule module words them (for
    the users of `validators.math.prose.check_text`: seeds, GEN012, the docs)."""
    if issue.code == "MATH001":
        from validators.math import math001_wrong_arithmetic

        return math001_wrong_arithmetic.wording(issue)
    if issue.code == "MATH002":
        from validators.math import math002_wrong_formula_result

        return math002_wrong_formula_result.wording(issue)
    raise ValueError(f"not a prose issue: {issue.code}")


def describe(issue: Issue) -> str:
    """An issue of `check_text` as `line:column: CODE message` (the column 1-based, as editors
    count)."""
    return f"{issue.line}:{issue.column + 1}: {issue.code} {wording(issue)[0]}"


def check_run(ctx: Context) -> CheckRun:
    """Every explicit check of the target records, run once per run for MATH004-006: sympy
    in-process, python in the sandbox shared with the RUN family (`ctx.memo("sandbox")`)."""
    from validators.math.checks import run_checks

    def runner(jobs: list[Any]) -> list[Any]:
        return ctx.sandbox().run(jobs)

    def compute() -> CheckRun:
        import time

        start = time.perf_counter()
        cache = ctx.cache("math")
        run = run_checks(ctx.target_records(), runner, cache)
        run.figures["seconds"] = round(time.perf_counter() - start, 3)
        ctx.stats.math_checks = MathCheckStats(**run.figures)
        f = run.figures
        bad = sum(o.status != "ok" for outs in run.outcomes.values() for o in outs)
        fragment = (f"MATH: {f['python_checks']} python checks ({f['python_run']} ran, "
                    f"{f['python_cached']} cached) and {f['sympy_checks']} sympy checks, "
                    f"{bad} not holding, in {f['seconds']:.1f} s")
        ctx.add_summary(fragment)
        return run

    return ctx.memo("math.checks", compute)  # type: ignore[no-any-return]
