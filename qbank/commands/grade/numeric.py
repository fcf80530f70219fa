"""Numeric responses: a number as people write it (`1,024`, `−2.5e-3`, `3.5 %`, `141 units`) or a
small arithmetic expression (`1/3`, `2**10`, `sqrt(2)/2`), read by a whitelisting AST walk (never
`eval`), compared with the key's absolute tolerance, a relative tolerance, or the response's
stated precision (`0.33` for 1/3 is right at two decimals). How a number is written, what
precision that states and how a difference meets a tolerance are `qbank.core.numbers`' rules,
the ones the MATH prose checks hold answers to."""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from qbank.core import numbers

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
    written = numbers.read_written(text)
    if written is not None:
        return Reading(written.value, None if written.percent else written.digits)
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


def grade_number(text: str, key: NumericKey) -> tuple[bool | None, str]:
    """(True/False, feedback), or (None, why) when the response is not a number."""
    reading = read_number(text)
    if reading is None:
        return None, f"{text.strip()!r} is not a number (write e.g. 0.25, 1/4 or 2.5e-1)"
    diff = abs(reading.value - key.value)
    allowed = numbers.key_tolerance(key.value, key.tolerance, key.rel_tol)
    unit = f" {key.unit}" if key.unit else ""
    shown = f"{key.value:g}{unit}" + (f" ± {allowed:g}" if allowed else "")
    if numbers.within(diff, allowed, abs_slack=numbers.FLOAT_SLACK * max(1.0, abs(key.value))):
        return True, f"correct: {shown}"
    written = reading.written
    if written is not None and numbers.significant(written) >= MIN_SIGNIFICANT and \
            numbers.within(diff, numbers.half_unit_float(written), abs_slack=numbers.FLOAT_SLACK):
        return True, f"correct at the precision given ({written}); the key is {shown}"
    return False, f"the key is {shown}; {reading.value:g} is off by {diff:g}"
