"""MATH001 in equality chains: a step whose two sides are numbers must hold at the precision
written; `F(a) = f(b)` (the same function, any case) must have a = b. The issues carry facts
(`kind` "step" or "argument", the step as written, its true value as `expected`); the rule
module words them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from qbank.core.issues import Issue
from qbank.services.prose.chains import Chain
from qbank.services.prose.compare import agrees, fmt
from qbank.services.prose.parser import Side, argument_text, literal_of


def chain_issues(text: str, found: list[Chain]) -> Iterator[Issue]:
    """MATH001: a step of a chain that does not hold."""
    for ch in found:
        for a, b in zip(ch.sides, ch.sides[1:], strict=False):
            if a.numeric and b.numeric:
                if not agrees(a, b):
                    step = f"{a.text} {b.rel} {b.text}"
                    # the written number is the claim; the computation says what it should be
                    calc, claim = (b, a) if a.literal and not b.literal else (a, b)
                    want = fmt(calc.expr, claim)
                    yield Issue("MATH001", offset=claim.start, facts={
                        "kind": "step", "step": step, "expected": want, "computed": calc.text,
                        "written": claim.text})
            elif a.undef is not None and b.undef is not None and \
                    str(a.undef.func).lower() == str(b.undef.func).lower():
                (x,), (y,) = a.undef.args, b.undef.args
                if x.is_number and y.is_number:
                    ax, by = _side_like(a, x), _side_like(b, y)
                    if not agrees(ax, by):
                        step = f"{a.text} {b.rel} {b.text}"
                        want = fmt(x, by)
                        yield Issue("MATH001", offset=b.start, facts={
                            "kind": "argument", "step": step, "expected": want,
                            "written": argument_text(b), "function": b.text.split("(")[0]})


def _side_like(s: Side, value: Any) -> Side:
    inner = [t for t in s.toks[2:-1]] if len(s.toks) > 3 else []
    out = Side(value, inner, s.text, s.start, s.end, rel=s.rel)
    out.literal = literal_of(inner) if inner else None
    return out
