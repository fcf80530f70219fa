"""CLAIM002's update grammar: where one optimizer step takes a weight, and what gradient
clipping makes of a gradient.

- "Start with w = 1.0, gradient 2.0, and apply one step of SGD(learning_rate=0.1): w becomes
  0.8": plain SGD (or gradient descent), a learning rate, a starting weight, its gradient and
  the weight after the step, each once;
- "on the very first Adam step, a weight whose gradient is 100 moves by about 0.001 with the
  default learning rate": the first step of Adam, RMSprop, Adagrad, ... (a stateful optimizer
  is read only for its first step), with the stated or the default learning rate, and how far
  the weight moves;
- "with clipnorm=1.0, a gradient of [3, 4] becomes [0.6, 0.8]": `clipnorm`, `clipvalue` or
  `global_clipnorm` on a stated gradient, and the gradient the step uses.
The child applies the gradient with `keras.optimizers.<Class>(...)` to a variable holding the
weight (zero where the sentence states none: neither the distance moved nor the clipped
gradient depends on it). Not read: momentum that is not zero, Nesterov, weight decay, several
steps.
"""

from __future__ import annotations

import re
from typing import Any

from validators.claim.rounding import NOT_OPERAND, WORKED, decimals, tolerance

_NUM = r"[-+−]?(?:\d+(?:\.\d+)?|\.\d+)(?:e-?\d+)?"
_VEC = rf"\[\s*{_NUM}(?:\s*,\s*{_NUM})*\s*\]"
_END = r"(?![\w%/]|\.\d)"
_OPTIMIZERS = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop",
               "adagrad": "Adagrad", "nadam": "Nadam", "adamax": "Adamax"}
_OPTIMIZER = re.compile(r"(?<![\w.])(?:(?:tf\.)?keras\.optimizers\.)?(?P<cls>SGD|Adam|AdamW|RMSprop"
                        r"|Adagrad|Nadam|Adamax)\b(?:\s+optimi[sz]er)?"
                        r"|\b(?:stochastic |plain |vanilla |mini-?batch )?gradient descent\b",
                        re.I)
_OTHER = re.compile(r"\b(?:adadelta|lion|lamb|ftrl|adafactor|nesterov|weight[ _]decay|steps"
                    r"|iterations|epochs|twice|two updates|momentum\s+(?:of|=)\s*0?\.\d+)\b",
                    re.I)
_FIRST = re.compile(r"\b(?:first|initial|opening)\s+(?:\w+\s+)?(?:step|update|iteration)\b"
                    r"|\bfrom\s+(?:a\s+)?fresh\s+(?:state|optimi[sz]er)\b", re.I)
_MOMENTUM = re.compile(r"\bmomentum\b", re.I)
_NO_MOMENTUM = re.compile(r"\b(?:no|without|zero)\s+momentum\b|\bmomentum\s*(?:=|of|is)\s*0"
                          r"(?:\.0+)?(?![.\d])", re.I)
_LR = re.compile(rf"\b(?:learning_rate|lr|eta|η)\s*=\s*(?P<v>{_NUM}){_END}"
                 rf"|\b(?:learning rate|step size)\s*(?:of|=|is|at)?\s*(?P<w>{_NUM}){_END}", re.I)
_DEFAULT_LR = re.compile(r"\b(?:the\s+|its\s+)?default\s+(?:learning rate|lr|step size)\b"
                         r"|\b(?:learning rate|lr)\s+(?:left\s+)?at\s+(?:its\s+)?default\b"
                         r"|\bwith\s+(?:its|all)\s+defaults\b", re.I)
_CLIP = re.compile(rf"\b(?P<k>clipnorm|clipvalue|global_clipnorm)\s*(?:=|of|at)\s*"
                   rf"(?P<v>{_NUM}){_END}", re.I)
_WEIGHT = re.compile(rf"\b(?:w|w0|w_0|θ|theta|weight|parameter)\s*(?:=|of|is|at|starts at"
                     rf"|equal to)\s*(?P<v>{_VEC}|{_NUM}){_END}", re.I)
_GRADIENT = re.compile(rf"\b(?:gradient|grad|g|dL/dw|∂L/∂w)\s*(?:vector\s+)?(?:of|=|is)?\s*"
                       rf"(?P<v>{_VEC}|{_NUM}){_END}", re.I)
_APPROX = r"(?:exactly\s+|about\s+|approximately\s+|roughly\s+|around\s+|only\s+|just\s+|~\s*)?"
_AFTER = re.compile(rf"\b(?:becomes|moves to|ends up (?:at|as)|goes (?:up |down )?to"
                    rf"|is updated to|updates to|changes to|lands (?:at|on)|drops to|rises to"
                    rf"|is (?:clipped|rescaled|scaled(?: down)?|cut(?: down)?|capped) to"
                    rf"|turns into|new (?:weight|value|w) (?:is|of|becomes)|(?:new|updated) w\s*=)"
                    rf"\s*{_APPROX}{WORKED}(?P<v>{_VEC}|{_NUM}){_END}{NOT_OPERAND}", re.I)
_MOVED = re.compile(rf"\b(?:moves|changes|shifts|steps|is (?:moved|changed|shifted))\s+"
                    rf"(?:(?:it|the weight|the parameter|each weight|that weight)\s+)?(?:by\s+)?"
                    rf"{_APPROX}(?:by\s+)?(?P<v>{_NUM}){_END}{NOT_OPERAND}"
                    rf"|\ban?\s+(?:step|update|change)\s+(?:of\s+)?(?:size\s+)?(?:of\s+)?{_APPROX}"
                    rf"(?P<v2>{_NUM}){_END}{NOT_OPERAND}", re.I)


def _one(rx: re.Pattern[str], s: str) -> re.Match[str] | None:
    found = list(rx.finditer(s))
    return found[0] if len(found) == 1 else None


def _nums(raw: str) -> list[float]:
    return [float(x.replace("−", "-")) for x in re.findall(_NUM, raw)]


def update_statements(s: str) -> list[tuple[str, dict[str, Any], str, int]]:
    """The optimizer step of one (normalised) sentence: (Keras class, claim, text, start)."""
    opts = {_OPTIMIZERS.get((m.group("cls") or "sgd").lower(), "SGD")
            for m in _OPTIMIZER.finditer(s)}
    clip = _one(_CLIP, s)
    if len(opts) > 1 or (not opts and clip is None) or _OTHER.search(s):
        return []
    cls = opts.pop() if opts else "SGD"
    if cls == "SGD" and _MOMENTUM.search(s) and not _NO_MOMENTUM.search(s):
        return []
    if cls != "SGD" and not _FIRST.search(s):
        return []  # a stateful optimizer's step depends on the steps before it
    lr, w, g = _one(_LR, s), _one(_WEIGHT, s), _one(_GRADIENT, s)
    if g is None:
        return []
    kwargs: dict[str, float] = {}
    if clip is not None:
        kwargs[clip.group("k").lower()] = float(clip.group("v"))
    spans = [m for m in (lr, w, g, clip) if m is not None]
    after = max(m.end() for m in spans)
    start = min(m.start() for m in spans)
    grad = _nums(g.group("v"))
    claim: dict[str, Any] = {"cls": cls, "g": grad, "w": _nums(w.group("v")) if w else
                             [0.0] * len(grad)}
    if len(claim["w"]) != len(grad):
        return []
    v = _one(_AFTER, s[after:])
    if v is not None and clip is not None and w is None:
        claim.update(what="clipped", lr=1.0)  # the gradient after clipping: w - 1.0 * g'
    elif v is not None and w is not None:
        claim["what"] = "weight"
    elif (v := _one(_MOVED, s[after:])) is not None:
        claim["what"] = "moved"
    else:
        return []
    if "lr" not in claim:
        if lr is not None:
            claim["lr"] = float((lr.group("v") or lr.group("w")).replace("−", "-"))
        elif not _DEFAULT_LR.search(s):
            return []
    raw = v.group("v") or v.group("v2")
    claim.update(kwargs=kwargs, value=_nums(raw), digits=decimals(re.findall(_NUM, raw)[-1]))
    if claim["what"] == "moved" and len(grad) != 1:
        return []
    if claim["what"] != "moved" and len(claim["value"]) != len(grad):
        return []
    return [(cls, claim, s[start:after + v.end()], start)]


def update_request(claim: dict[str, Any]) -> dict[str, Any]:
    kwargs = dict(claim["kwargs"])
    if "lr" in claim:
        kwargs["learning_rate"] = claim["lr"]
    return {"kind": "update", "cls": claim["cls"], "kwargs": kwargs, "w": claim["w"],
            "g": claim["g"]}


def _vec(xs: list[float]) -> str:
    return f"{xs[0]:.4g}" if len(xs) == 1 else "[" + ", ".join(f"{x:.4g}" for x in xs) + "]"


def judge_update(claim: dict[str, Any], fact: dict[str, Any]) -> tuple[bool, str]:
    after = fact["value"]
    if claim["what"] == "clipped":
        actual = [w - a for w, a in zip(claim["w"], after, strict=True)]
    elif claim["what"] == "moved":
        actual = [abs(after[0] - claim["w"][0])]
    else:
        actual = after
    ok = all(abs(c - a) <= tolerance(claim["digits"], a)
             for c, a in zip(claim["value"], actual, strict=True))
    args = ", ".join(f"{k}={v:g}" for k, v in claim["kwargs"].items())
    if claim["what"] == "clipped":
        return ok, f"keras.optimizers.{claim['cls']}({args}) applies the gradient {_vec(actual)}"
    lr = f"learning_rate={claim['lr']:g}" if "lr" in claim else "the default learning rate"
    first = "one step" if claim["cls"] == "SGD" else "the first step"
    said = (f"moves the weight by {actual[0]:.4g}" if claim["what"] == "moved"
            else f"gives w = {_vec(actual)}")
    return ok, (f"{first} of keras.optimizers.{claim['cls']}({', '.join(filter(None, [lr, args]))})"
                f" from w = {_vec(claim['w'])} with gradient {_vec(claim['g'])} {said}")
