"""MATH001 in equality chains: a step whose two sides are numbers must hold at the precision
written; `F(a) = f(b)` (the same function, any case) must have a = b."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from qbank.services.prose.chains import Chain
from qbank.services.prose.compare import agrees, fmt
from qbank.services.prose.parser import Side, argument_text, literal_of
from validators.math.issues import Issue


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
                    yield Issue("MATH001", claim.start,
                                 f"`{step}` does not hold: {calc.text} is {want}, not "
                                 f"{claim.text}", f"write {want} (or fix the step before it)",
                                 step, want)
            elif a.undef is not None and b.undef is not None and \
                    str(a.undef.func).lower() == str(b.undef.func).lower():
                (x,), (y,) = a.undef.args, b.undef.args
                if x.is_number and y.is_number:
                    ax, by = _side_like(a, x), _side_like(b, y)
                    if not agrees(ax, by):
                        step = f"{a.text} {b.rel} {b.text}"
                        want = fmt(x, by)
                        yield Issue("MATH001", b.start,
                                     f"`{step}` does not hold: the argument is {want}, not "
                                     f"{argument_text(b)}", f"write {b.text.split('(')[0]}({want})",
                                     step, want)


def _side_like(s: Side, value: Any) -> Side:
    inner = [t for t in s.toks[2:-1]] if len(s.toks) > 3 else []
    out = Side(value, inner, s.text, s.start, s.end, rel=s.rel)
    out.literal = literal_of(inner) if inner else None
    return out
