"""Does a step hold? `computed = claimed` at the precision the written number states
(`qbank.core.numbers`), a whole number for a fraction rounded, floored or ceiled, `≈` within 1 %
or an order of magnitude; and a value written as the text would write it (`fmt`)."""

from __future__ import annotations

from typing import Any

import sympy as sp

from qbank.core import numbers
from qbank.services.prose.parser import Side, scientific


def _num(v: Any) -> Any:
    return sp.N(v, 40)


def agrees(computed: Side, claimed: Side) -> bool:
    """Does the step `computed = claimed` hold (at the precision written)? A `log` without a
    base holds if it holds for base e, 2 or 10 (texts differ on which `log` means)."""
    if _agrees(computed, claimed):
        return True
    for base in (2, 10):
        if any(_has_log(s) for s in (computed, claimed)) and _agrees(
                _rebased(computed, base), _rebased(claimed, base)):
            return True
    return False


def _has_log(s: Side) -> bool:
    return any(t.kind == "FUNC" and t.text.lstrip("\\").lower() == "log" for t in s.toks)


def _rebased(s: Side, base: int) -> Side:
    if not _has_log(s):
        return s
    expr = s.expr.replace(sp.log, lambda *args: sp.log(args[0], base))
    return Side(expr, s.toks, s.text, s.start, s.end, s.literal, s.dims, s.rel)


def _agrees(computed: Side, claimed: Side) -> bool:
    a, b = computed.expr, claimed.expr
    try:
        diff = abs(_num(a - b))
    except (TypeError, ValueError):
        return True
    if diff == 0 or diff < sp.Float("1e-30"):
        return True
    for s, other in ((claimed, computed), (computed, claimed)):
        if s.dims is not None and other.numeric and all(abs(_num(d - other.expr)) < 1e-30
                                                        for d in s.dims):
            return True  # `10 x 10` for an output size of 10
    if computed.dims is not None and claimed.dims is not None and computed.dims == claimed.dims:
        return True
    tols = [s.literal[1] for s in (claimed, computed) if s.literal is not None]
    if tols:
        if numbers.within(diff, max(tols), rel_slack=sp.Rational(1, 10**9)):
            return True
        # a whole number written for a fraction: rounded, or floored / ceiled (batch counts)
        lit = claimed if claimed.literal is not None else computed
        other = computed if lit is claimed else claimed
        return bool(lit.literal[1] == sp.Rational(1, 2) and lit.expr.is_Integer
                    and other.expr.is_Rational and diff < 1)
    return _approx(computed, claimed, a, b, diff)


def _approx(computed: Side, claimed: Side, a: Any, b: Any, diff: Any) -> bool:
    if "≈" in (claimed.rel, computed.rel):
        k = _power_of_ten(claimed)
        if k is not None and a.is_positive:  # `≈ 10^{-6}`: an order of magnitude
            return bool(abs(sp.N(sp.log(a, 10)) - k) <= sp.Rational(1, 2))
        scale = max(abs(_num(a)), abs(_num(b)))
        return bool(diff <= scale / 100)
    return False


def _power_of_ten(s: Side) -> int | None:
    kinds = [t.kind for t in s.toks]
    if kinds[:2] == ["NUM", "POW"] and s.toks[0].text == "10" and s.expr.is_Rational:
        k = sp.log(s.expr, 10)
        return int(k) if k.is_Integer else None
    return None


def fmt(v: Any, like: Side | None = None) -> str:
    """A value as an author would write it: exact integers as integers, else rounded to the
    precision of `like` (a written number), else 6 significant digits."""
    v = sp.nsimplify(v) if isinstance(v, sp.Float) else v
    if getattr(v, "is_Integer", False):
        return str(int(v))
    if like is not None and like.toks and scientific(like.toks) is not None:
        nums = [t for t in like.toks if t.kind == "NUM"]
        exp = int(nums[2].text) * (-1 if any(t.kind == "MINUS" for t in like.toks[3:]) else 1)
        d = len(nums[0].text.split(".")[1]) if "." in nums[0].text else 0
        mant = f"{abs(float(v)) / 10 ** exp:.{d}f}"
        first = nums[0]
        off = first.start - like.start
        return like.text[:off] + mant + like.text[off + len(first.text):]
    if like is not None and like.literal is not None:
        d = numbers.decimals_for(like.literal[1])
        pct = like.toks and like.toks[-1].kind == "PCT"
        if pct:
            return f"{float(v) * 100:.{max(0, d - 2)}f}%"
        return f"{float(v):.{d}f}"
    return _dec(v, 6)


def _dec(v: Any, sig: int) -> str:
    f = float(sp.N(v, 30))
    if f == int(f) and abs(f) < 1e15:
        return str(int(f))
    return f"{f:.{sig}g}"


def literal_side(value: Any) -> Side:
    """A side for a value given as data (a key): exact, with nothing written."""
    return Side(sp.nsimplify(value, rational=True), [], str(value), 0, 0)
