"""Numeric responses: a number as people write it (`1,024`, `−2.5e-3`, `3.5 %`, `141 units`) or a
small arithmetic expression (`1/3`, `2**10`, `sqrt(2)/2`), read by a whitelisting AST walk (never
`eval`), compared with the key's absolute tolerance, a relative tolerance, or the response's
stated precision (`0.33` for 1/3 is right at two decimals)."""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

_NUMBER = re.compile(r"^\s*([-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|"
                     r"[-+−]?\.\d+(?:[eE][-+]?\d+)?)\s*(%?)\s*([A-Za-z][\w /^·*-]*)?\s*$")
_FUNCS: dict[str, Callable[[float], float]] = {
    "sqrt": math.sqrt, "exp": math.exp, "log": math.log, "ln": math.log,
    "log2": math.log2, "log10": math.log10, "sin": math.sin, "cos": math.cos,
    "tanh": math.tanh, "abs": abs}
_CONSTS = {"pi": math.pi, "e": math.e}
_OPS: dict[type, Callable[..., Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.Pow: operator.pow, ast.USub: operator.neg,
    ast.UAdd: operator.pos}
MIN_SIGNIFICANT = 2  # a rounded response must keep at least this many significant digits


@dataclass(frozen=True, slots=True)
class NumericKey:
    value: float
    tolerance: float = 0.0
    rel_tol: float = 0.0
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    value: float
    written: str | None  # the number as written (for its stated precision); None: an expression


def read_number(text: str) -> Reading | None:
    m = _NUMBER.match(text)
    if m:
        digits = m.group(1).replace("−", "-").replace(",", "")
        value = float(digits) / (100 if m.group(2) else 1)
        return Reading(value, digits if not m.group(2) else None)
    try:
        value = _evaluate(ast.parse(text.strip().replace("^", "**").replace("−", "-"),
                                    mode="eval").body)
    except (SyntaxError, ValueError, TypeError, ZeroDivisionError, OverflowError,
            RecursionError):
        return None
    return Reading(value, None) if math.isfinite(value) else None


def _evaluate(node: ast.expr) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
            and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.Name) and node.id in _CONSTS:
        return _CONSTS[node.id]
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
        return float(_OPS[type(node.op)](_evaluate(node.operand)))
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left, right = _evaluate(node.left), _evaluate(node.right)
        if isinstance(node.op, ast.Pow) and (abs(right) > 64 or abs(left) > 1e6):
            raise ValueError("power too large")
        return float(_OPS[type(node.op)](left, right))
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in _FUNCS and len(node.args) == 1 and not node.keywords):
        return float(_FUNCS[node.func.id](_evaluate(node.args[0])))
    raise ValueError("not arithmetic")


def half_unit(written: str) -> float:
    """Half a unit in the last place the number states: `0.33` -> 0.005, `140` -> 0.5."""
    try:
        exponent = Decimal(written).as_tuple().exponent
    except InvalidOperation:
        return 0.0
    return 0.5 * 10.0 ** int(exponent) if isinstance(exponent, int) else 0.0


def significant(written: str) -> int:
    digits = written.lower().split("e")[0].lstrip("+-").replace(".", "").lstrip("0")
    return len(digits)


def grade_number(text: str, key: NumericKey) -> tuple[bool | None, str]:
    """(True/False, feedback), or (None, why) when the response is not a number."""
    reading = read_number(text)
    if reading is None:
        return None, f"{text.strip()!r} is not a number (write e.g. 0.25, 1/4 or 2.5e-1)"
    diff = abs(reading.value - key.value)
    allowed = max(key.tolerance, key.rel_tol * abs(key.value))
    unit = f" {key.unit}" if key.unit else ""
    shown = f"{key.value:g}{unit}" + (f" ± {allowed:g}" if allowed else "")
    if diff <= allowed + 1e-12 * max(1.0, abs(key.value)):
        return True, f"correct: {shown}"
    if reading.written is not None and significant(reading.written) >= MIN_SIGNIFICANT \
            and diff <= half_unit(reading.written) + 1e-12:
        return True, f"correct at the precision given ({reading.written}); the key is {shown}"
    return False, f"the key is {shown}; {reading.value:g} is off by {diff:g}"
