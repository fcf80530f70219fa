"""Code responses: the learner's Python runs in the sandbox (`qbank.services.sandbox`: RUN's
containment, rlimits, namespaces, a timeout) after the record's `setup`, in the "science"
namespace (`np`, `tf`, `keras`, `sympy`). Then:

- the record's `python` checks are evaluated in the learner's namespace, each on its own (one
  raising does not hide the others), and their values compared with `expect` elementwise
  within `tolerance`, as MATH compares them: the score is the fraction that hold. Only checks
  that name something the learner's code must define count (a name that neither the record's
  `setup`, the builtins nor `np`/`tf`/`keras`/`sympy` provide): a check such as
  `round(20 / 360, 4)` tests the record's own claim and holds whatever the learner writes;
- without such checks, a ```output fence after the answer's code is compared with the
  learner's stdout (RUN004's comparison: whitespace normalized, numbers at the precision the
  expected output prints);
- otherwise the response is for manual grading.

Every response is one sandbox job, and all of them go to the sandbox in one batch (one per
core at a time). A timeout, a crash or a learner's exception is a verdict, never an error of
`grade`; a sandbox that cannot run, or a record whose own `setup` fails, leaves the response
for manual grading."""

from __future__ import annotations

import ast
import builtins
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from qbank.core.compare import close
from qbank.core.fences import expected_output, fences_in
from qbank.core.model import Check, QuestionType, Record

CODE_TIMEOUT = 30.0  # seconds per response, as RUN's fences (an answer fence's timeout= wins)
MEMORY_MB = 2048
MAX_TIMEOUT = 600.0
HARNESS = "__qbank_grade_checks"
_FENCED = re.compile(r"^\s*(`{3,}|~{3,})[^\n]*\n(?P<body>.*?)\n?\s*\1\s*$", re.S)

# Defined after the record's setup, called after the learner's code (the job's `expr`).
_CHECKS = '''
def {name}(__srcs={srcs!r}):
    import traceback as __tb
    __out = []
    for __src in __srcs:
        try:
            __out.append({{"ok": True, "value": eval(compile(__src, "<check>", "eval"),
                                                     globals())}})
        except BaseException as __exc:  # one failing check must not hide the others
            __line = None
            for __fs in reversed(__tb.extract_tb(__exc.__traceback__)):
                if __fs.filename == "<fence>":
                    __line = __fs.lineno
                    break
            __out.append({{"ok": False, "exc_type": type(__exc).__name__,
                          "message": str(__exc)[:300], "line": __line}})
    return __out
'''


@dataclass(frozen=True)
class CodeKey:
    """What a code response is graded against: python checks, or an expected output."""

    setup: str
    checks: tuple[Check, ...] = ()
    output: str | None = None  # the ```output fence after the answer's code
    timeout: float = CODE_TIMEOUT


@dataclass(frozen=True, slots=True)
class Outcome:
    score: float | None
    status: str  # correct | partial | wrong | manual
    feedback: str


def code_key(record: Record, timeout: float = CODE_TIMEOUT) -> CodeKey | None:
    """The record's key for code responses; None: graded by hand."""
    if record.type is not QuestionType.CODE:
        return None
    fences = list(fences_in(record.answer or "", ("answer",)))
    runs = [f for f in fences if f.runs]
    if runs and "timeout" in runs[0].options:
        try:
            timeout = max(1.0, min(float(runs[0].options["timeout"]), MAX_TIMEOUT))
        except ValueError:
            pass
    defined = _defined(record.setup or "")
    checks = tuple(c for c in record.checks
                   if c.python is not None and _needs_learner(c.python, defined))
    if checks:
        return CodeKey(record.setup or "", checks, None, timeout)
    for f in runs:
        out = expected_output(fences, f)
        if out is not None:
            return CodeKey(record.setup or "", (), out.body, timeout)
    return None


PROVIDED = frozenset(dir(builtins)) | {"np", "tf", "keras", "sympy"}


def _defined(setup: str) -> frozenset[str] | None:
    """The names the setup binds (None: it star-imports, so it may bind any)."""
    try:
        tree = ast.parse(setup)
    except SyntaxError:
        return frozenset()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name == "*":
                    return None
                names.add(alias.asname or alias.name.split(".")[0])
    return frozenset(names)


def _needs_learner(expr: str, defined: frozenset[str] | None) -> bool:
    """The check names something only the learner's code can define."""
    if defined is None:
        return True
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError:
        return True  # it runs, and its error is the record's to fix: not hidden here
    bound = {a.arg for n in ast.walk(tree) if isinstance(n, ast.Lambda)
             for a in (*n.args.posonlyargs, *n.args.args, *n.args.kwonlyargs)}
    bound |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
              and isinstance(n.ctx, ast.Store)}
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
            and isinstance(n.ctx, ast.Load)}
    return bool(used - bound - PROVIDED - defined)


def learner_code(response: str) -> str:
    """The response's code: a surrounding ```python fence is taken off."""
    m = _FENCED.match(response)
    return (m.group("body") if m else response).strip("\n").rstrip()


def job_of(key: CodeKey, response: str) -> Any:
    from qbank.services.sandbox import Job

    srcs = [c.python for c in key.checks]
    setup = key.setup
    expr = None
    if srcs:
        setup = (setup.rstrip("\n") + "\n" if setup.strip() else "") + \
            _CHECKS.format(name=HARNESS, srcs=srcs)
        expr = f"{HARNESS}()"
    return Job(setup=setup, code=learner_code(response), expr=expr, timeout=key.timeout,
               memory_mb=MEMORY_MB, namespace="science")


Runner = Callable[[list[Any]], list[Any]]


def sandbox_runner(workers: int = 0) -> Runner:
    def run(jobs: list[Any]) -> list[Any]:
        from qbank.services.sandbox import shared

        return shared(workers).run(jobs)

    return run


def grade_code(items: list[tuple[CodeKey, str]], runner: Runner | None = None,
               workers: int = 0) -> list[Outcome]:
    """Verdicts on code responses, in order; every one that runs goes to the sandbox in one
    batch."""
    out: list[Outcome | None] = [None] * len(items)
    todo: list[int] = []
    for i, (_, response) in enumerate(items):
        if not learner_code(response).strip():
            out[i] = Outcome(0.0, "wrong", "no code given")
        else:
            todo.append(i)
    if todo:
        jobs = [job_of(items[i][0], items[i][1]) for i in todo]
        try:
            results = (runner or sandbox_runner(workers))(jobs)
        except Exception as exc:  # the sandbox itself: nothing the learner did
            results = [{"status": "error", "message": f"{type(exc).__name__}: {exc}"}
                       for _ in jobs]
        for i, res in zip(todo, results, strict=True):
            d = res.to_json() if hasattr(res, "to_json") else dict(res)
            out[i] = verdict(items[i][0], d)
    return [o if o is not None else Outcome(None, "manual", "not run") for o in out]


def verdict(key: CodeKey, r: dict[str, Any]) -> Outcome:
    """One job's result against the key."""
    status = r.get("status")
    if status == "error":
        return Outcome(None, "manual", "the sandbox could not run it "
                       f"({r.get('message') or 'unavailable'}): grade it by hand")
    if status == "raised" and r.get("where") == "<setup>":
        return Outcome(None, "manual", f"the record's own setup raised {r.get('exc_type')} "
                       f"(setup line {r.get('line')}): grade it by hand, and fix the record")
    failed = _failure(key, r)
    if failed is not None:
        n = len(key.checks)
        tail = f"; none of the {n} check(s) could run" if n else ""
        return Outcome(0.0, "wrong", failed + tail)
    if key.checks:
        return _checks_verdict(key, r.get("value"))
    from validators.run.output import compare

    same, diff = compare(key.output or "", str(r.get("stdout", "")))
    if same:
        return Outcome(1.0, "correct", "the output matches the expected output")
    return Outcome(0.0, "wrong", f"the output differs from the expected output: {diff}")


def _failure(key: CodeKey, r: dict[str, Any]) -> str | None:
    status = r.get("status")
    if status == "ok":
        return None
    if status == "raised":
        return f"your code raised {_exception(r)}"
    if status == "timeout":
        return f"timed out after {key.timeout:g} s"
    if status == "memory":
        return f"ran out of memory (the limit is {MEMORY_MB} MB)"
    if status == "exited":
        return f"your code exited (status {r.get('exit_code')}) before it was checked"
    if status == "output-limit":
        return f"too much output: {r.get('message', '')}"
    return f"the interpreter crashed: {r.get('message') or status}"


def _exception(r: dict[str, Any]) -> str:
    message = re.sub(r"\s*\(<fence>, line (\d+)\)", "", str(r.get("message") or ""))
    line = r.get("line")
    if line is None:
        m = re.search(r"\(<fence>, line (\d+)\)", str(r.get("message") or ""))
        line = int(m.group(1)) if m else None
    text = f"{r.get('exc_type')}: {message}".rstrip(": ")
    return text + (f" (line {line})" if line else "")


def _checks_verdict(key: CodeKey, values: Any) -> Outcome:
    n = len(key.checks)
    if not isinstance(values, list) or len(values) != n:
        return Outcome(None, "manual", "the checks returned no values: grade it by hand")
    fails: list[str] = []
    for check, got in zip(key.checks, values, strict=True):
        if not isinstance(got, dict) or not got.get("ok"):
            what = _exception(got if isinstance(got, dict) else {})
            fails.append(f"`{check.name}` raised {what}")
        elif not close(got.get("value"), check.expect, check.tolerance):
            fails.append(f"`{check.name}` gives {_short(got.get('value'))}, expected "
                         f"{_short(check.expect)} within {check.tolerance:g}"
                         + _where(got.get("value"), check.expect, check.tolerance))
    held = n - len(fails)
    score = round(held / n, 6)
    if not fails:
        return Outcome(1.0, "correct", f"all {n} check(s) hold")
    status = "partial" if held else "wrong"
    return Outcome(score, status, f"{held} of {n} check(s) hold; failing: " + "; ".join(fails))


# ---------------------------------------------------------------------------------------------
# comparing values as MATH does (validators/math/checks.py): elementwise, within `tol`


def _where(value: Any, expect: Any, tol: float, path: str = "") -> str:
    """Where a list or dict first differs: ` (first difference [1]: 3 vs 4)`."""
    if isinstance(expect, (list, tuple)) and isinstance(value, (list, tuple)) \
            and len(value) == len(expect):
        for i, (v, e) in enumerate(zip(value, expect, strict=True)):
            if not close(v, e, tol):
                inner = _where(v, e, tol, f"{path}[{i}]")
                return inner or f" (first difference {path}[{i}]: {_short(v)} vs {_short(e)})"
    if isinstance(expect, dict) and isinstance(value, dict):
        for k, e in expect.items():
            v = value.get(k, value.get(str(k)))
            if not close(v, e, tol):
                inner = _where(v, e, tol, f"{path}[{k!r}]")
                return inner or f" (first difference {path}[{k!r}]: {_short(v)} vs {_short(e)})"
    return ""


def _short(v: Any, n: int = 120) -> str:
    s = repr(v) if isinstance(v, str) else json.dumps(v, default=repr)
    return s if len(s) <= n else s[:n] + "..."
