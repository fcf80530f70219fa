"""Symbolic responses: a record's `expression` is its key as a sympy expression, and a response
is right when it is the same function written any way (`exp(x)*(1 + x)` or
`exp(x) + x*exp(x)`).

Safety: never `eval`. The response's tokens are whitelisted first (names: the key's own free
symbols, `FUNCTIONS` and `CONSTANTS`; numbers; `+ - * / ** ( ) ,`; no attributes, strings,
subscripts, lambdas or dunders), powers with a constant exponent are bounded, and only then
does `generators.expr.parse` (sympy's `parse_expr` with restricted globals and its own token
whitelist) build the expression. Equivalence is `simplify(response - key) == 0`; when
simplify leaves symbols it cannot cancel, both are compared numerically at `POINTS` random
points (0.1 <= |v| <= 2, either sign; a point outside either's domain is drawn again).
Parsing and comparing run under a time limit per response (`TIME_LIMIT`, a real timer signal:
the main thread only; elsewhere no limit applies)."""

from __future__ import annotations

import ast
import copy
import io
import math
import random
import re
import signal
import threading
import tokenize
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from generators.expr import ExprError, names_in, parse
from qbank.commands.grade.numeric import _evaluate

FUNCTIONS = ("exp", "log", "sqrt", "sin", "cos", "tanh")  # and `ln`, read as log
CONSTANTS = ("pi", "E")
OPS = {"+", "-", "*", "/", "**", "(", ")", ","}
TIME_LIMIT = 2.0  # seconds per response
MAX_LENGTH = 500  # characters
MAX_EXPONENT = 1000  # a constant exponent above this is refused (9**9**9 would never end)
POINTS = 5  # random points for the numeric comparison
REL_TOL = 1e-9


class SymbolicTimeout(BaseException):
    """The time limit of one response (a BaseException: sympy's `except Exception` blocks
    must not swallow it)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    score: float
    status: str  # correct | wrong | invalid
    feedback: str


def _normalize(text: str) -> str:
    text = text.strip().replace("^", "**").replace("\u2212", "-").replace("\u00d7", "*") \
        .replace("\u00b7", "*")
    return re.sub(r"\bln\b", "log", text)


def key_symbols(expression: str) -> tuple[str, ...]:
    """The free names of a key: every name that is not an allowed function or constant."""
    return tuple(sorted(names_in(_normalize(expression)) - set(FUNCTIONS) - set(CONSTANTS)))


def check_response(text: str, symbols: tuple[str, ...]) -> str | None:
    """Why `text` may not be parsed (None: it may)."""
    if len(text) > MAX_LENGTH:
        return f"longer than {MAX_LENGTH} characters"
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError) as exc:
        return f"it is not an expression ({exc})"
    allowed = set(symbols) | set(FUNCTIONS) | set(CONSTANTS)
    for t in tokens:
        if t.type in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER):
            continue
        if t.type == tokenize.NUMBER:
            if t.string[-1] in "jJ":
                return f"`{t.string}`: imaginary numbers are not allowed"
            continue
        if t.type == tokenize.NAME:
            if t.string not in allowed:
                shown = ", ".join(symbols) or "none"
                return (f"`{t.string}` is neither a variable of the answer ({shown}) nor an "
                        f"allowed function ({', '.join(FUNCTIONS)}, ln) or constant (pi, E)")
            continue
        if t.type == tokenize.OP and t.string in OPS:
            continue
        return f"`{t.string}` is not allowed (numbers, variables, + - * / ** ^, parentheses " \
               "and functions only)"
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        hint = " (write 2*x for 2x)" if re.search(r"\d\s*[A-Za-z(]|\)\s*[\w(]", text) else ""
        return f"it is not an expression: {exc.msg}{hint}"
    return _bounded(tree)


def _constant(node: ast.expr) -> bool:
    return all(not isinstance(n, ast.Name) or n.id in CONSTANTS for n in ast.walk(node))


def _bounded(tree: ast.Expression) -> str | None:
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) \
                and _constant(node.right):
            try:
                exponent = _evaluate(_pi_e(node.right))
                if _constant(node.left):
                    _evaluate(_pi_e(node))
            except (ValueError, TypeError, ZeroDivisionError, OverflowError, RecursionError):
                return "a power too large to compute"
            if abs(exponent) > MAX_EXPONENT:
                return f"an exponent above {MAX_EXPONENT}"
    return None


def _pi_e(node: ast.expr) -> ast.expr:
    """`E` as numeric.py's `e`, so that its arithmetic walk can bound the constant part."""
    node = copy.deepcopy(node)
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and n.id == "E":
            n.id = "e"
    return node


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """SymbolicTimeout after `seconds` (main thread only; elsewhere, or inside another timer,
    nothing is limited)."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return

    fired = False

    def expired(*_: object) -> None:
        nonlocal fired
        fired = True
        raise SymbolicTimeout

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if fired:  # the handler's raise was lost (it landed in a gc callback: only "unraisable")
        raise SymbolicTimeout


@lru_cache(maxsize=1)
def _warm() -> None:
    """sympy's first simplify costs about a second (caches, imports): not the learner's."""
    import sympy

    x = sympy.Symbol("x", real=True)
    sympy.simplify(sympy.exp(x) * (1 + x) - sympy.exp(x) - x * sympy.exp(x))


@lru_cache(maxsize=4096)
def _key(expression: str) -> Any:
    return parse(_normalize(expression), key_symbols(expression))


@lru_cache(maxsize=65536)
def grade_expression(response: str, expression: str, limit: float = TIME_LIMIT) -> Outcome:
    """The verdict on `response` against the key `expression` (cached: learners often write
    the same thing)."""
    text = _normalize(response)
    shown = expression.strip()
    if not text:
        return Outcome(0.0, "wrong", f"no expression given; the key is {shown}")
    symbols = key_symbols(expression)
    why = check_response(text, symbols)
    if why is not None:
        return Outcome(0.0, "invalid", f"could not parse {response.strip()!r}: {why}")
    _warm()
    key = _key(expression)
    try:
        with time_limit(limit):
            return _compare(text, symbols, key, shown)
    except SymbolicTimeout:
        return Outcome(0.0, "wrong", f"timed out after {limit:g} s comparing it with the key "
                       f"{shown}: grade it by hand")


def _compare(text: str, symbols: tuple[str, ...], key: Any, shown: str) -> Outcome:
    import sympy

    try:
        got = parse(text, symbols)
    except ExprError as exc:
        return Outcome(0.0, "invalid", f"could not parse {text!r}: {exc}")
    if not isinstance(got, sympy.Expr):
        return Outcome(0.0, "invalid", f"could not parse {text!r}: it is not an expression")
    try:
        diff = sympy.simplify(got - key)
    except (TypeError, ValueError, ArithmeticError, RecursionError) as exc:
        return Outcome(0.0, "invalid", f"could not compare {text!r}: {type(exc).__name__}")
    if diff == 0:
        return Outcome(1.0, "correct", f"equivalent to the key {shown}")
    if not diff.free_symbols:
        return Outcome(0.0, "wrong", f"not equivalent: the key is {shown}")
    same = _numerically_equal(got, key, sorted(key.free_symbols | got.free_symbols, key=str),
                              f"{text}|{shown}")
    if same:
        return Outcome(1.0, "correct", f"equivalent to the key {shown} (equal at {POINTS} "
                       "random points)")
    return Outcome(0.0, "wrong", f"not equivalent: the key is {shown}")


def _numerically_equal(got: Any, key: Any, symbols: list[Any], seed: str) -> bool:
    rng = random.Random(seed)
    equal = 0
    for _ in range(POINTS * 5):
        point = {s: round(rng.choice((-1, 1)) * rng.uniform(0.1, 2.0), 6) for s in symbols}
        a, b = _value(got, point), _value(key, point)
        if a is None or b is None:
            continue  # outside the domain (log of a negative...): another point
        if abs(a - b) > REL_TOL * max(1.0, abs(b)):
            return False
        equal += 1
        if equal == POINTS:
            return True
    return False


def _value(expr: Any, point: dict[Any, float]) -> float | None:
    try:
        v = complex(expr.evalf(20, subs=point))
    except (TypeError, ValueError, ArithmeticError):
        return None
    if abs(v.imag) > 1e-12 * max(1.0, abs(v.real)) or not math.isfinite(v.real):
        return None
    return v.real
