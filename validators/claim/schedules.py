"""CLAIM002's schedule grammar: the learning rate a Keras schedule gives at a stated step.

"`ExponentialDecay(0.1, decay_steps=100, decay_rate=0.5, staircase=True)` gives 0.05 at step
150" names a schedule of `keras.optimizers.schedules` as a call in code (its arguments are
literals), one step ("at step 150", "after 500 steps") and the value. The child builds the
schedule from those arguments and calls it at the step.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from validators.claim.rounding import decimals, tolerance

_NUM = r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:e-?\d+)?"
_CALL = re.compile(r"(?<![\w.])(?:(?:tf\.)?keras\.optimizers\.schedules\.|schedules\.)?"
                   r"(?P<cls>CosineDecay|CosineDecayRestarts|ExponentialDecay|InverseTimeDecay"
                   r"|PiecewiseConstantDecay|PolynomialDecay)\s*\(")
_STEP = re.compile(r"\b(?:at|by|on|for)\s+(?:training\s+|global\s+)?(?:step|iteration)\s+"
                   r"(?P<a>\d[\d,]*)\b|\bafter\s+(?P<b>\d[\d,]*)\s+(?:training\s+)?(?:steps|"
                   r"iterations|updates)\b|\bstep\s+(?P<c>\d[\d,]*)\b", re.I)
_VALUE = re.compile(rf"\b(?:is|are|=|equals|of|to|reaches|becomes|gives|returns|yields"
                    rf"|sits at|stands at)\s+(?:already\s+|only\s+|just\s+|exactly\s+"
                    rf"|about\s+|approximately\s+|roughly\s+|around\s+)*(?:down\s+to\s+|at\s+)?"
                    rf"(?P<v>{_NUM})(?![\w%/]|\.\d|\s*[x×*/^])", re.I)
_NEG = re.compile(r"\bnot\b|n't\b|\bnever\b|\bbefore\b|\buntil\b|\bevery\b", re.I)


def _call(s: str, m: re.Match[str]) -> tuple[list[Any], dict[str, Any], int] | None:
    """The literal arguments of the call `m` opens, and where the call ends."""
    depth = 0
    for i in range(m.end() - 1, len(s)):
        depth += {"(": 1, ")": -1}.get(s[i], 0)
        if depth == 0:
            try:
                node = ast.parse(m.group("cls") + s[m.end() - 1:i + 1], mode="eval").body
                assert isinstance(node, ast.Call)
                args = [ast.literal_eval(a) for a in node.args]
                kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
            except (SyntaxError, ValueError, AssertionError, TypeError):
                return None
            return args, kwargs, i + 1
    return None


def schedule_statements(s: str) -> list[tuple[str, dict[str, Any], str, int]]:
    """The schedule claim of one (normalised) sentence: (class, claim, text, start)."""
    calls = list(_CALL.finditer(s))
    if len(calls) != 1 or _NEG.search(s):
        return []
    m = calls[0]
    parsed = _call(s, m)
    if parsed is None:
        return []
    args, kwargs, end = parsed
    steps = [x for x in _STEP.finditer(s) if x.start() >= end or x.end() <= m.start()]
    if len(steps) != 1:
        return []
    step = int(next(g for g in steps[0].groups() if g).replace(",", ""))
    values = [v for v in _VALUE.finditer(s, end)
              if not steps[0].start() <= v.start("v") < steps[0].end()]
    if not values:
        return []
    v = values[0]
    raw = v.group("v")
    claim = {"args": args, "kwargs": kwargs, "step": step, "value": float(raw),
             "digits": decimals(raw)}
    last = max(v.end(), steps[0].end())
    return [(m.group("cls"), claim, s[m.start():last], m.start())]


def schedule_request(cls: str, claim: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "schedule", "cls": cls, "args": claim["args"], "kwargs": claim["kwargs"],
            "step": claim["step"]}


def judge_schedule(cls: str, claim: dict[str, Any], fact: dict[str, Any]) -> tuple[bool, str]:
    actual = fact["value"]
    ok = abs(claim["value"] - actual) <= tolerance(claim["digits"], actual, 1e-6)
    return ok, f"keras.optimizers.schedules.{cls} gives {actual:.4g} at step {claim['step']}"
