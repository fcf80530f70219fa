"""CLAIM002's update grammar: where one step of gradient descent takes a weight.

"Start with w = 1.0, gradient 2.0, and apply one step of SGD(learning_rate=0.1): w becomes 0.8"
names plain SGD (or gradient descent), a learning rate, a starting weight, its gradient and the
weight after the step, each once. The child applies the gradient with
`keras.optimizers.SGD(learning_rate)` to a variable holding the weight. Not read: other
optimizers, momentum that is not zero, Nesterov, several steps, a gradient or weight as a
vector.
"""

from __future__ import annotations

import re
from typing import Any

from validators.claim.rounding import NOT_OPERAND, WORKED, decimals, tolerance

_NUM = r"[-+−]?(?:\d+(?:\.\d+)?|\.\d+)(?:e-?\d+)?"
_END = r"(?![\w%/]|\.\d)"
_OPTIMIZER = re.compile(r"(?<![\w.])(?:(?:tf\.)?keras\.optimizers\.)?SGD\b"
                        r"|\b(?:stochastic |plain |vanilla |mini-?batch )?gradient descent\b",
                        re.I)
_OTHER = re.compile(r"\b(?:adam\w*|rmsprop|adagrad|adadelta|nadam|lion|lamb|ftrl|nesterov"
                    r"|weight[ _]decay|clip\w*|steps|iterations|epochs|twice|two updates)\b",
                    re.I)
_MOMENTUM = re.compile(r"\bmomentum\b", re.I)
_NO_MOMENTUM = re.compile(r"\b(?:no|without|zero)\s+momentum\b|\bmomentum\s*(?:=|of|is)\s*0"
                          r"(?:\.0+)?(?![.\d])", re.I)
_LR = re.compile(rf"\b(?:learning_rate|lr|eta|η)\s*=\s*(?P<v>{_NUM}){_END}"
                 rf"|\b(?:learning rate|step size)\s*(?:of|=|is|at)?\s*(?P<w>{_NUM}){_END}", re.I)
_WEIGHT = re.compile(rf"\b(?:w|w0|w_0|θ|theta|weight|parameter)\s*(?:=|of|is|at|starts at"
                     rf"|equal to)\s*(?P<v>{_NUM}){_END}", re.I)
_GRADIENT = re.compile(rf"\b(?:gradient|grad|g|dL/dw|∂L/∂w)\s*(?:of|=|is)?\s*(?P<v>{_NUM})"
                       rf"{_END}", re.I)
_AFTER = re.compile(rf"\b(?:becomes|moves to|ends up (?:at|as)|goes (?:up |down )?to"
                    rf"|is updated to|updates to|changes to|lands (?:at|on)|drops to|rises to"
                    rf"|new (?:weight|value|w) (?:is|of|becomes)|(?:new|updated) w\s*=)\s*"
                    rf"(?:exactly\s+|about\s+|approximately\s+)?{WORKED}(?P<v>{_NUM}){_END}"
                    rf"{NOT_OPERAND}", re.I)


def _one(rx: re.Pattern[str], s: str) -> re.Match[str] | None:
    found = list(rx.finditer(s))
    return found[0] if len(found) == 1 else None


def _num(raw: str) -> float:
    return float(raw.replace("−", "-"))


def update_statements(s: str) -> list[tuple[str, dict[str, Any], str, int]]:
    """The SGD step of one (normalised) sentence: ("SGD", claim, text, start)."""
    opt = _OPTIMIZER.search(s)
    if opt is None or _OTHER.search(s) or (_MOMENTUM.search(s) and not _NO_MOMENTUM.search(s)):
        return []
    lr, w, g = _one(_LR, s), _one(_WEIGHT, s), _one(_GRADIENT, s)
    if lr is None or w is None or g is None:
        return []
    after = max(lr.end(), w.end(), g.end())
    v = _one(_AFTER, s[after:])
    if v is None:
        return []
    raw = v.group("v")
    claim = {"lr": _num(lr.group("v") or lr.group("w")), "w": _num(w.group("v")),
             "g": _num(g.group("v")), "value": _num(raw), "digits": decimals(raw)}
    start = min(opt.start(), lr.start(), w.start(), g.start())
    return [("SGD", claim, s[start:after + v.end()], start)]


def update_request(claim: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "update", "lr": claim["lr"], "w": claim["w"], "g": claim["g"]}


def judge_update(claim: dict[str, Any], fact: dict[str, Any]) -> tuple[bool, str]:
    actual = fact["value"]
    ok = abs(claim["value"] - actual) <= tolerance(claim["digits"], actual)
    return ok, (f"one step of keras.optimizers.SGD(learning_rate={claim['lr']:g}) from "
                f"w = {claim['w']:g} with gradient {claim['g']:g} gives w = {actual:.4g}")
