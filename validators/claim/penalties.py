"""CLAIM002's penalty grammar: what an L1 or L2 weight regularizer adds to the loss.

"keras.regularizers.L2(0.01) on the weights [1, 2] adds 0.05 to the loss" names the regularizer
with its factor (in code, `L2(0.01)` or `l2=0.01`, or in words, "an L2 penalty with a factor of
0.01"), the weights as a bracketed list or "weights of 1 and -2", and the value, a number or
the end of a worked chain. The child calls `keras.regularizers.L2(0.01)` on those weights.
"""

from __future__ import annotations

import re
from typing import Any

from validators.claim.rounding import NOT_OPERAND, WORKED, decimals, tolerance

_NUM = r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:e-?\d+)?"
_CODE = re.compile(rf"(?<![\w.])(?:(?:tf\.)?keras\.regularizers\.|regularizers\.)?"
                   rf"(?P<kind>L1|L2|l1|l2)"
                   rf"\s*\(\s*(?:(?:l1|l2)\s*=\s*)?(?P<f>{_NUM})\s*\)")
_PROSE = re.compile(rf"\b(?P<kind>L1|L2)\b[\w\s-]{{0,20}}?\b"
                    rf"(?:penalty|regulari[sz]ation|regulari[sz]er)"
                    rf"\b[\w\s]{{0,20}}?\b(?:factor|lambda|strength|coefficient)\s*(?:of|=|is)?\s*"
                    rf"(?P<f>{_NUM})(?![\w.])", re.I)
_WEIGHTS = re.compile(rf"\b(?:weights?|kernel|parameters?|coefficients?|vector)\b[\w\s]{{0,12}}?"
                      rf"(?:\[(?P<list>\s*{_NUM}(?:\s*,\s*{_NUM})*\s*)\]|(?:of\s+|=\s*)?"
                      rf"(?P<words>{_NUM}(?:\s*,\s*{_NUM})*\s*,?\s+and\s+{_NUM}))", re.I)
_VALUE = re.compile(rf"\b(?:adds?|contributes?|is|gives|=|equals|comes to|works out to|of"
                    rf"|costs?)\s+"
                    rf"(?:only\s+|just\s+|exactly\s+|about\s+|approximately\s+|roughly\s+)?"
                    rf"{WORKED}(?P<v>{_NUM})(?![\w%/]|\.\d){NOT_OPERAND}",
                    re.I)
_NEG = re.compile(r"\bnot\b|n't\b|\bnever\b", re.I)


def penalty_statements(s: str) -> list[tuple[str, dict[str, Any], str, int]]:
    """The penalty claim of one (normalised) sentence: (regularizer, claim, text, start)."""
    regs = list(_CODE.finditer(s)) + list(_PROSE.finditer(s))
    kinds = {m.group("kind").upper() for m in regs}
    ws = list(_WEIGHTS.finditer(s))
    if len(kinds) != 1 or len({m.group("f") for m in regs}) != 1 or len(ws) != 1:
        return []
    reg, w = regs[0], ws[0]
    weights = [float(x) for x in re.findall(_NUM, w.group("list") or w.group("words"))]
    after = max(reg.end(), w.end())
    v = next((x for x in _VALUE.finditer(s, after)), None)
    if v is None or _NEG.search(s[after:v.start("v")]) or len(weights) > 64:
        return []
    raw = v.group("v")
    claim = {"factor": float(reg.group("f")), "weights": weights, "value": float(raw),
             "digits": decimals(raw)}
    start = min(reg.start(), w.start())
    return [(reg.group("kind").upper(), claim, s[start:v.end()], start)]


def penalty_request(kind: str, claim: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "penalty", "cls": kind, "factor": claim["factor"], "weights": claim["weights"]}


def judge_penalty(kind: str, claim: dict[str, Any], fact: dict[str, Any]) -> tuple[bool, str]:
    actual = fact["value"]
    ok = abs(claim["value"] - actual) <= tolerance(claim["digits"], actual)
    w = ", ".join(f"{x:g}" for x in claim["weights"])
    return ok, f"keras.regularizers.{kind}({claim['factor']:g}) on [{w}] adds {actual:.4g}"
