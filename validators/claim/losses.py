"""CLAIM002's loss grammar: "<loss> of <targets, predictions> is <value>".

A sentence states a loss value when it names one Keras loss (computable.yaml `losses`: binary
and categorical cross-entropy, mean squared and mean absolute error), the inputs, and a value:
- a label and a predicted probability ("for a true label of 1 and a predicted probability of
  0.5, binary cross-entropy is 0.69"); a sentence that leaves the label open is judged only
  when both labels give the same loss;
- a uniform prediction over K classes ("predicting 0.1 for each of 10 classes gives a
  categorical cross-entropy of 2.3");
- predictions and targets as numbers ("for predictions [3, 4] and targets [1, 2] the mean
  squared error is 4").
The child computes `keras.losses.<Class>()(y_true, y_pred)` with the pinned Keras.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from validators.claim.rounding import decimals, tolerance

_NUM = r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)"
_LIST = rf"(?:\[\s*{_NUM}(?:\s*,\s*{_NUM})*\s*\]|{_NUM}(?:(?:\s*,\s*|\s+and\s+){_NUM})*)"
_LABEL = re.compile(r"\b(?:true |actual |correct )?(?:label|target|class)(?: is| of| =|=)?\s*"
                    r"(?P<y>[01])\b(?!\.\d)|\b(?P<pos>positive)(?: example| sample| case| label)"
                    r"|\b(?P<neg>negative)(?: example| sample| case| label)", re.I)
_PROB = re.compile(rf"\b(?:predicted |output |model's |estimated )?probabilit(?:y|ies)(?: of| is|"
                   rf" =|=)?\s*(?P<p>{_NUM})(?!\s*(?:to|for) each)|\bpredict(?:s|ing|ed|ion of)?"
                   rf"\s+(?:a probability of\s+)?(?P<p2>{_NUM})\b(?!\s*(?:to|for) each)"
                   rf"|\b(?:outputs?|gives|assigns?)\s+(?:a probability of\s+)?(?P<p3>{_NUM})\s+"
                   rf"(?:for|to|on)\s+(?:an?|the)\s+(?:positive|negative|true|correct)\b", re.I)
_UNIFORM = re.compile(r"\buniform(?: distribution| prediction| probabilities)?\s+(?:over|across|"
                      r"on)\s+(?:all\s+)?(?P<k>\d+)\s+classes|\b(?:probability\s+)?(?P<q>0?\.\d+)"
                      r"\s+(?:to|for)\s+(?:each|every one)\s+of\s+(?:the\s+)?(?P<k2>\d+)\s+classes"
                      r"|\b(?P<k3>\d+)-class\s+(?:model|classifier|problem|network|task)\b[^.;]{0,40}?"
                      r"\buniform\b", re.I)
_PAIRS = [
    re.compile(rf"\bpredictions?\s+(?:of\s+)?(?P<p>{_LIST})\s*,?\s*(?:and|against|vs\.?|versus|"
               rf"with|for)\s+(?:the\s+)?(?:true\s+)?(?:targets?|labels?|values?)\s+(?:of\s+)?"
               rf"(?P<t>{_LIST})", re.I),
    re.compile(rf"\by_true\s*(?:=\s*|of\s+)?(?P<t>{_LIST})\s*,?\s*(?:and|against|vs\.?|versus|"
               rf"with)\s+y_pred\s*(?:=\s*|of\s+)?(?P<p>{_LIST})", re.I),
    re.compile(rf"\by_pred\s*(?:=\s*|of\s+)?(?P<p>{_LIST})\s*,?\s*(?:and|against|vs\.?|versus|"
               rf"with)\s+y_true\s*(?:=\s*|of\s+)?(?P<t>{_LIST})", re.I),
    re.compile(rf"\b(?:targets?|labels?|true values?)\s+(?:of\s+)?(?P<t>{_LIST})\s*,?\s*(?:and|"
               rf"against|vs\.?|versus|with)\s+(?:the\s+)?predictions?\s+(?:of\s+)?"
               rf"(?P<p>{_LIST})", re.I),
]
# between two lists: either order, for the losses that are symmetric in them
_BETWEEN = re.compile(r"\bbetween\s+(?P<t>\[[^\]]+\])\s+and\s+(?P<p>\[[^\]]+\])", re.I)
_SYMMETRIC = ("MeanSquaredError", "MeanAbsoluteError")
_VALUE = re.compile(rf"\b(?:is|equals|=|of|gives|comes to|comes out at|works out to|incurs"
                    rf"|evaluates to|comes out to|yields|returns"
                    rf"|would be|will be)\s+(?:only\s+|just\s+|exactly\s+|about\s+"
                    rf"|approximately\s+|roughly\s+|around\s+|~\s*)?(?P<v>{_NUM})(?![\w%/]|\.\d)",
                    re.I)
_BEFORE_VALUE = re.compile(rf"\b(?:an?|the)\s+(?:\w+\s+)?(?:loss\s+)?(?:of\s+)?(?P<v>{_NUM})"
                           rf"\s+$", re.I)


@dataclass(frozen=True)
class Losses:
    names: list[tuple[str, re.Pattern[str]]]  # Keras class, its prose pattern


def load_losses(data: dict[str, Any]) -> Losses | None:
    table = data.get("losses")
    if not table:
        return None
    return Losses([(cls, re.compile(rx, re.I)) for cls, rx in table.items()])


def _numbers(raw: str) -> list[float]:
    return [float(x) for x in re.findall(_NUM, raw)]


def loss_statements(s: str, losses: Losses) -> list[tuple[str, dict[str, Any], str, int]]:
    """The loss claims of one (normalised) sentence: (Keras class, claim, text, start)."""
    named = {cls: m for cls, rx in losses.names if (m := rx.search(s))}
    if len(named) != 1:
        return []
    (cls, m), = named.items()
    claim: dict[str, Any] | None = None
    used: list[tuple[int, int]] = []  # the inputs' spans: a number there is not the value
    if (u := _UNIFORM.search(s)) is not None:
        k = int(u.group("k") or u.group("k2") or u.group("k3"))
        if (u.group("q") and abs(float(u.group("q")) * k - 1) > 1e-6) or not 1 < k <= 10_000:
            return []
        claim, used = {"y_true": [[1.0] + [0.0] * (k - 1)], "y_pred": [[1.0 / k] * k]}, [u.span()]
    elif (pair := next((p for rx in _PAIRS if (p := rx.search(s))), None)
          or (_BETWEEN.search(s) if cls in _SYMMETRIC else None)) is not None:
        pred, true = _numbers(pair.group("p")), _numbers(pair.group("t"))
        if len(pred) != len(true) or not pred:
            return []
        claim, used = {"y_true": [true], "y_pred": [pred]}, [pair.span()]
    elif (p := _PROB.search(s)) is not None and cls == "BinaryCrossentropy":
        prob = float(p.group("p") or p.group("p2") or p.group("p3"))
        if not 0.0 <= prob <= 1.0:
            return []
        lab = _LABEL.search(s)
        if lab is None:
            labels = [0, 1]  # judged only when both labels give one loss
        else:
            labels = [int(lab.group("y"))] if lab.group("y") else [1] if lab.group("pos") else [0]
        claim, used = {"labels": labels, "p": prob}, [p.span()] + ([lab.span()] if lab else [])
    if claim is None:
        return []
    v = next((x for x in _VALUE.finditer(s, m.end())
              if not any(a <= x.start("v") < b for a, b in used)), None)
    before = _BEFORE_VALUE.search(s[:m.start()])
    if v is not None:
        raw, end = v.group("v"), v.end()
    elif before is not None and not any(a <= before.start("v") < b for a, b in used):
        raw, end = before.group("v"), m.end()
    else:
        return []
    claim.update({"value": float(raw), "digits": decimals(raw)})
    start = before.start() if v is None and before is not None else m.start()
    return [(cls, claim, s[start:end], start)]


def loss_request(cls: str, claim: dict[str, Any]) -> dict[str, Any]:
    if "labels" in claim:
        cases = [([[float(y)]], [[claim["p"]]]) for y in claim["labels"]]
    else:
        cases = [(claim["y_true"], claim["y_pred"])]
    return {"kind": "loss", "cls": cls, "cases": cases}


def judge_loss(cls: str, claim: dict[str, Any], fact: dict[str, Any]) -> tuple[bool | None, str]:
    values = fact["values"]
    if max(values) - min(values) > 1e-6:
        return None, "the sentence does not state the label, and the loss depends on it"
    actual = values[0]
    ok = abs(claim["value"] - actual) <= tolerance(claim["digits"], actual)
    return ok, f"keras.losses.{cls}() gives {actual:.4g}"
