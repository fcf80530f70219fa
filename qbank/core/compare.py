"""Comparing a computed value with an expected one: elementwise through nested lists and dicts,
numbers within an absolute tolerance (MATH's checks and the grading of code answers)."""

from __future__ import annotations

import math
from typing import Any


def close(value: Any, expect: Any, tol: float) -> bool:
    """`value` equals `expect` within `tol`, elementwise through nested lists and dicts."""
    if isinstance(expect, bool) or isinstance(value, bool):
        return (bool(value == expect) and isinstance(value, bool) == isinstance(expect, bool)) \
            or _num_eq(value, expect, tol)
    if isinstance(expect, (int, float)):
        return _num_eq(value, expect, tol)
    if isinstance(expect, (list, tuple)):
        if not isinstance(value, (list, tuple)) or len(value) != len(expect):
            return False
        return all(close(v, e, tol) for v, e in zip(value, expect, strict=True))
    if isinstance(expect, dict):
        if not isinstance(value, dict) or set(map(str, value)) != set(map(str, expect)):
            return False
        vals = {str(k): v for k, v in value.items()}
        return all(close(vals[str(k)], e, tol) for k, e in expect.items())
    return bool(value == expect)


def _num_eq(value: Any, expect: Any, tol: float) -> bool:
    if isinstance(value, bool) or isinstance(expect, bool):
        return bool(value == expect)
    if not isinstance(value, (int, float)) or not isinstance(expect, (int, float)):
        return False
    if math.isnan(value) or math.isnan(expect):
        return math.isnan(value) and math.isnan(expect)
    return abs(value - expect) <= tol * (1 + 1e-12) + 1e-15 * max(abs(value), abs(expect))
