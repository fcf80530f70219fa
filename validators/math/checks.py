"""Run a record's explicit `checks` and say which hold.

- `python` checks: the expression is evaluated in the sandbox (`qbank.services.sandbox`, namespace
  "science": `np`, `tf`, `keras`, `sympy` predefined) after the record's `setup`: one job per
  record (setup once, then each check on its own: an error in one does not hide the others).
  Its value (JSON: tensors and arrays as lists) is compared with `expect`, elementwise, within
  `tolerance` (absolute; default 1e-9). Values are cached per check by content (expression,
  setup and library versions; `qbank.core.cache`, namespace "math"): a cached value is compared
  again on every run, so editing `expect` needs no rerun.
- `sympy` checks: parsed in-process through a restricted grammar (numbers, arithmetic,
  comparisons and the SymPy functions in `sympy_names()`; no attributes, no subscripts, no
  strings: nothing that `eval` could abuse), numbers read as exact rationals, evaluated with a
  time limit, and must simplify to true.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import json
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from qbank.core.cache import Cache
from qbank.core.compare import close

SYMPY_TIMEOUT = 5.0  # seconds per sympy check
PYTHON_TIMEOUT = 60.0  # seconds per python check


@dataclass
class Outcome:
    """What became of one check: `ok`, `failed` (MATH004 / MATH006) or `error` (MATH005)."""

    index: int
    name: str
    kind: str  # python | sympy
    status: str  # ok | failed | error
    message: str = ""
    value: Any = None
    where: str = "python"  # the key of the check the finding points at
    in_setup: bool = False
    cached: bool = False


@dataclass
class CheckRun:
    outcomes: dict[str, list[Outcome]] = field(default_factory=dict)  # record path -> outcomes
    figures: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# comparing values


def where_differs(value: Any, expect: Any, tol: float, path: str = "") -> str:
    """The first place where `value` and `expect` differ, as `[i][j]: got vs want`."""
    if isinstance(expect, (list, tuple)) and isinstance(value, (list, tuple)):
        if len(value) != len(expect):
            return f"{path or 'the value'} has {len(value)} items, expected {len(expect)}"
        for i, (v, e) in enumerate(zip(value, expect, strict=True)):
            if not close(v, e, tol):
                return where_differs(v, e, tol, f"{path}[{i}]")
    if isinstance(expect, dict) and isinstance(value, dict):
        for k, e in expect.items():
            v = value.get(k, value.get(str(k)))
            if not close(v, e, tol):
                return where_differs(v, e, tol, f"{path}[{k!r}]")
    return f"{path + ': ' if path else ''}{_short(value)} vs {_short(expect)}"


def _short(v: Any, n: int = 160) -> str:
    s = json.dumps(v) if not isinstance(v, str) else repr(v)
    return s if len(s) <= n else s[:n] + "..."


# ---------------------------------------------------------------------------------------------
# sympy checks: a restricted grammar, then eval with SymPy names only

@functools.cache
def sympy_names() -> dict[str, Any]:
    """The names a sympy check may use (SymPy is imported only when a check needs it)."""
    import sympy as sp

    names: dict[str, Any] = {
        name: getattr(sp, name) for name in (
            "Eq", "Ne", "Lt", "Le", "Gt", "Ge", "And", "Or", "Not", "Rational", "Integer",
            "Float", "sqrt", "exp", "log", "ln", "floor", "ceiling", "Abs", "Max", "Min", "sin",
            "cos", "tan", "tanh", "sinh", "cosh", "atan", "asin", "acos", "pi", "E", "oo",
            "factorial", "binomial", "gcd", "lcm", "Sum", "Product", "Matrix", "Symbol",
            "symbols", "simplify", "expand", "factor", "diff", "integrate", "limit",
            "summation", "N", "nsimplify", "erf", "gamma", "Piecewise", "Heaviside", "Mod",
            "re", "im", "I", "S", "prod", "transpose",
        ) if hasattr(sp, name)
    }
    for rel in ("Eq", "Ne", "Lt", "Le", "Gt", "Ge"):  # unevaluated: a false one can say why
        names[rel] = (lambda cls: lambda a, b=0: cls(a, b, evaluate=False))(getattr(sp, rel))
    names["ceil"] = sp.ceiling
    names["abs"] = sp.Abs
    names["max"] = sp.Max
    names["min"] = sp.Min
    names["sigmoid"] = lambda v: 1 / (1 + sp.exp(-v))
    names["relu"] = lambda v: sp.Max(0, v)
    names["softmax"] = lambda *v: [sp.exp(x) / sum(sp.exp(y) for y in v) for x in v]
    return names


_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Call, ast.Name, ast.Load,
            ast.Constant, ast.Tuple, ast.List, ast.keyword, ast.BoolOp,
            ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.USub, ast.UAdd, ast.Mod,
            ast.FloorDiv, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.And, ast.Or,
            ast.Not)


class UnsafeExpression(ValueError):
    pass


class NotARelation(ValueError):
    pass


class _Exact(ast.NodeTransformer):
    """Numbers become exact: `0.1` -> Rational('0.1'), `2` -> Integer(2)."""

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        v = node.value
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return node
        return ast.copy_location(ast.Call(func=ast.Name("_R", ast.Load()),
                                          args=[ast.Constant(repr(v))], keywords=[]), node)


def parse_sympy(text: str) -> Any:
    """The compiled, checked expression of a `sympy` check (UnsafeExpression if it reaches for
    anything but numbers, arithmetic and SymPy functions)."""
    if len(text) > 2000:
        raise UnsafeExpression("longer than 2000 characters")
    tree = ast.parse(text.strip(), mode="eval")
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise UnsafeExpression(f"`{type(node).__name__}` is not allowed in a sympy check "
                                   "(numbers, arithmetic, comparisons and SymPy functions only)")
        if isinstance(node, ast.Name) and node.id.startswith("_"):
            raise UnsafeExpression(f"name `{node.id}` is not allowed")
        if isinstance(node, ast.Call) and not isinstance(node.func, ast.Name):
            raise UnsafeExpression("only SymPy functions may be called")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float, bool)):
            raise UnsafeExpression(f"constant {node.value!r} is not allowed")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and \
                isinstance(node.right, ast.Constant) and isinstance(node.right.value, (int, float))\
                and abs(node.right.value) > 10_000:
            raise UnsafeExpression("exponent too large")
    tree = ast.fix_missing_locations(_Exact().visit(tree))
    return compile(tree, "<sympy check>", "eval")


class _Namespace(dict[str, Any]):
    """SymPy's functions by name; any other plain name is a Symbol."""

    def __missing__(self, key: str) -> Any:
        import sympy as sp

        return sp.Symbol(key)


def eval_sympy(text: str, timeout: float = SYMPY_TIMEOUT) -> tuple[bool, str]:
    """(holds, detail). Raises on a malformed or unsafe expression, or on a timeout."""
    code = parse_sympy(text)
    import sympy as sp

    ns = _Namespace(sympy_names())
    ns["_R"] = lambda s: sp.Rational(s)
    with _time_limit(timeout):
        value = eval(code, {"__builtins__": {}}, ns)
        return _truth(value)


def _truth(value: Any) -> tuple[bool, str]:
    import sympy as sp

    if value is True or value is sp.true:
        return True, "true"
    if value is False or value is sp.false:
        return False, "false"
    if isinstance(value, sp.Equality):
        lhs, rhs = value.lhs, value.rhs
        diff = sp.simplify(lhs - rhs)
        if diff == 0:
            return True, "true"
        return False, f"the left side is {_show(lhs)}, the right side {_show(rhs)}"
    if isinstance(value, sp.core.relational.Relational):
        s = sp.simplify(value.func(value.lhs, value.rhs))
        if s is sp.true:
            return True, "true"
        return False, f"{_show(value.lhs)} vs {_show(value.rhs)}: {s}"
    if isinstance(value, sp.logic.boolalg.Boolean):
        s = sp.simplify(value)
        return s is sp.true, str(s)
    raise NotARelation(f"it is {_show(value)}, not a relation (write Eq(a, b))")


def _show(v: Any) -> str:
    import sympy as sp

    try:
        s = sp.simplify(v)
    except Exception:
        s = v
    if getattr(s, "is_number", False) and not getattr(s, "is_Rational", False):
        return f"{s} = {sp.N(s, 8)}"
    return str(s)


class CheckTimeout(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal,
                                                                                 "setitimer"):
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise CheckTimeout(f"took longer than {seconds:g} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run_sympy_check(index: int, check: dict[str, Any]) -> Outcome:
    name = str(check.get("name", f"check {index + 1}"))
    text = str(check["sympy"])
    try:
        ok, detail = eval_sympy(text)
    except (UnsafeExpression, SyntaxError) as exc:
        msg = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        return Outcome(index, name, "sympy", "error", f"cannot be read: {msg}", where="sympy")
    except NotARelation as exc:
        return Outcome(index, name, "sympy", "error", f"states nothing: {exc}", where="sympy")
    except CheckTimeout as exc:
        return Outcome(index, name, "sympy", "error", f"timed out: {exc}", where="sympy")
    except Exception as exc:
        return Outcome(index, name, "sympy", "error", f"raised {type(exc).__name__}: {exc}",
                       where="sympy")
    return Outcome(index, name, "sympy", "ok" if ok else "failed", detail, where="sympy")


# ---------------------------------------------------------------------------------------------
# python checks: through the sandbox, with a content-keyed cache


Runner = Callable[[list[Any]], list[Any]]


# One sandboxed process per record: its setup once, then each uncached check on its own.
_BATCH = """\
__qbank_results = []
for __qbank_src in {exprs!r}:
    try:
        __qbank_results.append({{"status": "ok", "value": eval(
            compile(__qbank_src, "<expr>", "eval"), globals())}})
    except BaseException as __qbank_exc:  # one failing check must not hide the others
        __qbank_results.append({{"status": "raised", "exc_type": type(__qbank_exc).__name__,
                                "message": str(__qbank_exc)[:500]}})
"""
CACHE_SCHEMA = 2


def python_outcomes(items: list[tuple[str, int, dict[str, Any], str]], runner: Runner,
                    cache: Cache) -> tuple[dict[tuple[str, int], Outcome], dict[str, int]]:
    """items: (record path, check index, check, setup). Each check's value is cached by content
    (its expression and the record's setup); the misses of a record run together, as one
    sandbox job (setup once), and all jobs go to the sandbox in one batch."""
    from qbank.services.sandbox import Job

    results: dict[str, dict[str, Any]] = {}
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}  # (path, setup) -> [(key, expr)]
    wanted: list[tuple[str, int, dict[str, Any], str]] = []
    for path, i, check, setup in items:
        expr = str(check["python"])
        key = cache.key({"kind": "math-check", "setup": setup, "expr": expr,
                         "schema": CACHE_SCHEMA})
        wanted.append((path, i, check, key))
        if key in results:
            continue
        hit = cache.get(key)
        if isinstance(hit, dict):
            results[key] = {**hit, "cached": True}
            continue
        results[key] = {"status": "error", "message": "not run"}
        groups.setdefault((path, setup), []).append((key, expr))
    jobs = [Job(setup=setup, code=_BATCH.format(exprs=[e for _, e in todo]),
                expr="__qbank_results", namespace="science",
                timeout=min(PYTHON_TIMEOUT * len(todo), 300.0))
            for (_, setup), todo in groups.items()]
    ran = runner(jobs) if jobs else []
    for todo, res in zip(groups.values(), ran, strict=True):
        d = res.to_json() if hasattr(res, "to_json") else dict(res)
        values = d.get("value")
        if d.get("status") == "ok" and isinstance(values, list) and len(values) == len(todo):
            for (key, _), one in zip(todo, values, strict=True):
                results[key] = one
                cache.put(key, one)  # ok or raised: deterministic, worth keeping
        else:  # the setup raised, the job timed out or crashed: every check of it says so
            slim = {k: d.get(k) for k in ("status", "exc_type", "message", "where", "line")}
            if slim["status"] == "ok":
                slim.update(status="error", message="the sandbox returned no values")
            for key, _ in todo:
                results[key] = slim
    out: dict[tuple[str, int], Outcome] = {}
    for path, i, check, key in wanted:
        out[(path, i)] = _python_outcome(i, check, results[key])
    run = sum(len(t) for t in groups.values())
    figures = {"python_checks": len(wanted), "python_run": run, "python_jobs": len(jobs),
               "python_cached": len(wanted) - run}
    return out, figures


def _python_outcome(i: int, check: dict[str, Any], r: dict[str, Any]) -> Outcome:
    name = str(check.get("name", f"check {i + 1}"))
    cached = bool(r.get("cached"))
    status = r.get("status")
    if status != "ok":
        in_setup = r.get("where") == "<setup>"
        if status == "raised":
            what = f"raised {r.get('exc_type')}: {r.get('message', '')}".rstrip(": ")
        elif status == "timeout":
            what = f"timed out after {PYTHON_TIMEOUT:g} s"
        elif status == "error":
            what = f"could not be run (sandbox: {r.get('message') or 'unavailable'})"
        else:
            what = f"failed ({status}: {r.get('message', '')})".replace(": )", ")")
        if in_setup:
            what = f"the record's `setup` {what}" + (f" (setup line {r['line']})"
                                                     if r.get("line") else "")
        return Outcome(i, name, "python", "error", what, where="python", in_setup=in_setup,
                       cached=cached)
    value = r.get("value")
    expect = check.get("expect")
    tol = float(check.get("tolerance", 1e-9) or 0.0)
    if close(value, expect, tol):
        return Outcome(i, name, "python", "ok", value=value, cached=cached)
    detail = f" (first difference {where_differs(value, expect, tol)})" \
        if isinstance(expect, (list, tuple, dict)) else ""
    return Outcome(i, name, "python", "failed",
                   f"gives {_short(value)}, expected {_short(expect)} within {tol:g}{detail}",
                   value=value, where="expect", cached=cached)


def record_checks(rec: Any) -> list[tuple[int, dict[str, Any]]]:
    """The record's well-formed checks (malformed ones are SCH's to report)."""
    raw = rec.field("checks")
    if not isinstance(raw, list):
        return []
    out = []
    for i, c in enumerate(raw):
        if not isinstance(c, dict):
            continue
        tol = c.get("tolerance", 1e-9)
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or tol < 0:
            continue
        is_sympy = isinstance(c.get("sympy"), str) and "python" not in c
        is_python = isinstance(c.get("python"), str) and "sympy" not in c and "expect" in c
        if is_sympy or is_python:
            out.append((i, c))
    return out


SYMPY_SCHEMA = 1  # bump when the sympy checks' evaluation changes


def _cached_sympy_check(index: int, check: dict[str, Any], cache: Cache) -> Outcome:
    """A sympy check's outcome, cached by its text: an unchanged bank never imports SymPy.
    Timeouts are not cached (they depend on the machine's load)."""
    from importlib.metadata import version

    name = str(check.get("name", f"check {index + 1}"))
    key = cache.key({"kind": "sympy-check", "expr": str(check["sympy"]),
                     "schema": SYMPY_SCHEMA, "sympy": version("sympy")})
    hit = cache.get(key)
    if isinstance(hit, dict) and isinstance(hit.get("status"), str):
        return Outcome(index, name, "sympy", hit["status"], str(hit.get("message", "")),
                       where="sympy", cached=True)
    out = run_sympy_check(index, check)
    if not out.message.startswith("timed out"):
        cache.put(key, {"status": out.status, "message": out.message})
    return out


def run_checks(records: list[Any], runner: Runner, cache: Cache) -> CheckRun:
    """Every check of `records`: sympy in-process, python through `runner` in one batch."""
    run = CheckRun()
    items: list[tuple[str, int, dict[str, Any], str]] = []
    sympy_n = 0
    for rec in records:
        if rec.syntax is not None:
            continue
        outs = run.outcomes.setdefault(rec.path, [])
        setup = rec.field("setup") if isinstance(rec.field("setup"), str) else ""
        for i, c in record_checks(rec):
            if "sympy" in c:
                outs.append(_cached_sympy_check(i, c, cache))
                sympy_n += 1
            else:
                items.append((rec.path, i, c, setup))
    py, figures = python_outcomes(items, runner, cache)
    for (path, _), o in py.items():
        run.outcomes[path].append(o)
    for outs in run.outcomes.values():
        outs.sort(key=lambda o: o.index)
    run.figures = {"sympy_checks": sympy_n, **figures}
    return run
