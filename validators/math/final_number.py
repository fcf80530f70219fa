"""MATH003's reading of a numeric answer: the number it arrives at, and whether that number
agrees with the key (`numeric.value` ± `tolerance`, or the key rounded to the precision the
answer writes)."""

from __future__ import annotations

import re
from typing import Any

from qbank.core import numbers
from qbank.core.numbers import NUMBER
from qbank.services.prose.chains import chains
from qbank.services.prose.compare import agrees, literal_side
from qbank.services.prose.mask import mask_code, mask_non_claims
from qbank.services.prose.parser import ParseFail, Side, parse_side
from qbank.services.prose.tokens import tokenize
from validators.math.patterns import grammar


def final_number(answer: str) -> tuple[Side, int] | None:
    """The number an answer arrives at: its last **bold** number, else the last side of its
    last equality chain. (side, offset in the answer)"""
    prose = mask_non_claims(mask_code(answer), grammar())
    bold = list(re.finditer(rf"\*\*\s*(?P<v>{NUMBER}%?)\s*\*\*", answer))
    for m in reversed(bold):
        if prose[m.start("v"):m.end("v")] != m.group("v"):
            continue
        try:
            side = parse_side(tokenize(m.group("v"), grammar()), m.group("v"), grammar())
        except ParseFail:
            continue
        return side, m.start("v")
    found = [c for c in chains(prose, grammar()) if c.sides[-1].numeric]
    if found:
        last = found[-1].sides[-1]
        return last, last.start
    return None


def verdict(answer: str, value: float, tol: float) -> dict[str, Any]:
    """{"text": the number the answer arrives at, "offset": where} when it disagrees with the
    key, else {"text": None}."""
    found = final_number(answer)
    if found is None:
        return {"text": None}
    side, offset = found
    if numbers.within(abs(float(side.expr) - float(value)), float(tol), rel_slack=1e-12) or \
            agrees(literal_side(value), side):
        return {"text": None}
    return {"text": side.text, "offset": offset}
