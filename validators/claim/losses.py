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

from validators.claim.rounding import NOT_OPERAND, WORKED, decimals, tolerance

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
    re.compile(rf"\b(?:predictions?|predicted\s+probabilit(?:y|ies))\s+(?:of\s+)?(?P<p>{_LIST})\s*,?\s*"
               rf"(?:and|against|vs\.?|versus|with|for)\s+(?:the\s+|an?\s+)?(?:true\s+)?(?:one-hot\s+)?"
               rf"(?:targets?|labels?|values?)\s+(?:of\s+)?(?P<t>{_LIST})", re.I),
    re.compile(rf"\by_true\s*(?:=\s*|of\s+)?(?P<t>{_LIST})\s*,?\s*(?:and|against|vs\.?|versus|"
               rf"with)\s+y_pred\s*(?:=\s*|of\s+)?(?P<p>{_LIST})", re.I),
    re.compile(rf"\by_pred\s*(?:=\s*|of\s+)?(?P<p>{_LIST})\s*,?\s*(?:and|against|vs\.?|versus|"
               rf"with)\s+y_true\s*(?:=\s*|of\s+)?(?P<t>{_LIST})", re.I),
    re.compile(rf"\b(?:targets?|labels?|true values?)\s+(?:of\s+)?(?P<t>{_LIST})\s*(?:,?\s*(?:and|"
               rf"against|vs\.?|versus|with)|[,;])\s+(?:the\s+|an?\s+)?(?:predictions?|predicted\s+"
               rf"probabilit(?:y|ies))\s+(?:are\s+|of\s+)?(?P<p>{_LIST})", re.I),
]
# a prediction equal to its target: "when the predictions are identical to the targets"
_IDENTICAL = re.compile(r"\b(?:predictions?|outputs?|y_pred)\s+(?:are|is|exactly\s+)?\s*"
                        r"(?:identical|equal)\s+to\s+(?:the\s+)?(?:targets?|labels?|y_true)\b"
                        r"|\b(?:predictions?|outputs?|y_pred)\s+(?:exactly\s+)?(?:match|equal)"
                        r"(?:es)?\s+(?:the\s+)?(?:targets?|labels?|y_true)\b"
                        r"|\ba\s+perfect\s+prediction\b"
                        r"|\b(?:predictions?|y_pred)\s+and\s+(?:the\s+)?(?:targets?|y_true)\s+"
                        r"point\s+in\s+(?:exactly\s+)?the\s+same\s+direction\b", re.I)
# a class index and a predicted distribution: "the true class is 0 (the first one) and the
# predicted probabilities are [0.7, 0.2, 0.1]" (index from 0, ordinals from the first)
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]
_CLASS = re.compile(r"\b(?:true|correct|target|actual)\s+class(?:\s+index)?\s+(?:is\s+|=\s*|of\s+)?"
                    r"(?:(?:class\s+)?(?P<i>\d)\b(?!\.\d)|the\s+(?P<o>" + "|".join(_ORDINALS) +
                    r")(?:\s+one|\s+class)?\b)", re.I)
_DIST = re.compile(rf"\b(?:predicted|output|softmax|model's)\s+(?:distribution|probabilities|"
                   rf"outputs?|probability vector)\s+(?:is\s+|are\s+|of\s+|=\s*)?(?P<p>{_LIST})"
                   rf"|\b(?:softmax\s+)?outputs\s+(?:of\s+)?(?P<p2>{_LIST})", re.I)
# between two lists: either order, for the losses that are symmetric in them
_BETWEEN = re.compile(r"\bbetween\s+(?P<t>\[[^\]]+\])\s+and\s+(?P<p>\[[^\]]+\])", re.I)
_SYMMETRIC = ("MeanSquaredError", "MeanAbsoluteError")
_VALUE = re.compile(rf"\b(?:is|equals|=|of|gives|comes to|comes out at|works out to|incurs"
                    rf"|evaluates to|comes out to|yields|returns|charges|costs"
                    rf"|would be|will be)\s+(?:only\s+|just\s+|exactly\s+|about\s+"
                    rf"|approximately\s+|roughly\s+|around\s+|~\s*)?"
                    rf"{WORKED}(?P<v>{_NUM})(?![\w%/]|\.\d){NOT_OPERAND}", re.I)
_BEFORE_VALUE = re.compile(rf"\b(?:an?|the)\s+(?:\w+\s+)?(?:loss\s+)?(?:of\s+)?(?P<v>{_NUM})"
                           rf"\s+$", re.I)


_HINGE = ("Hinge", "SquaredHinge")
_REGRESSION = ("MeanSquaredError", "MeanAbsoluteError", "Huber", "LogCosh")
# a regression error as one number ("an error of 3", "off by 2"): target 0, prediction e
_ERROR = re.compile(rf"\b(?:absolute\s+)?(?:error|residual)\s+(?:of\s+|=\s*|is\s+)?(?P<e>{_NUM})"
                    rf"(?![\w%/]|\.\d)|\b(?:off|miss(?:es|ed)?(?:\s+the\s+target)?)\s+by\s+(?P<e2>{_NUM})"
                    rf"(?![\w%/]|\.\d)", re.I)
# a classifier's raw score ("a positive example scored 0.3"): for the hinge losses
_SCORE = re.compile(rf"\bscored\s+(?:at\s+)?(?P<p>{_NUM})|\bscores?\s+(?:of\s+|=\s*|is\s+)"
                    rf"(?P<p2>{_NUM})|\bpredict(?:s|ed|ion of)?\s+(?:a\s+score\s+of\s+)?"
                    rf"(?P<p3>{_NUM})",
                    re.I)
# a loss built away from its defaults: the child builds the default one, so nothing is read
_DELTA = re.compile(r"\bdelta\s*(?:=|of|is)?\s*\d+(?:\.\d+)?", re.I)
_CONFIGURED = re.compile(r"\bfrom_logits\s*=\s*True\b|\blabel[_ ]smoothing\b|\breduction\b"
                         r"|\bdelta\s*(?:=|of|is)?\s*(?!1(?:\.0+)?\b)\d", re.I)
# "contributes nothing", "the loss is zero": the value 0
_ZERO = re.compile(r"\b(?:contributes|adds|incurs|gives|costs|produces)\s+(?:nothing|no\s+loss"
                   r"|zero(?:\s+loss)?)\b|\b(?:loss|it)\s+is\s+(?:exactly\s+)?zero\b", re.I)
# one side of a loss's range, right after its name: "BCE can never exceed 1" (upper), "MSE can
# be negative" (lower)
_UPPER = re.compile(
    rf"(?:\s+loss)?(?:\s+values?)?\s+(?:can\s+)?(?:(?P<neg>never|cannot|can't|can\s+not|does\s+not|doesn't|"
    rf"won't|will\s+not)\s+)?(?:can\s+|could\s+|may\s+|will\s+)?(?:exceeds?|go(?:es)?\s+"
    rf"(?:above|over|beyond)|rises?\s+above|get\s+(?:above|larger\s+than|bigger\s+than)|be\s+"
    rf"(?:larger|greater|bigger|higher|more)\s+than|be\s+above)\s+(?P<v>{_NUM})(?![\w%/]|\.\d)"
    rf"|(?:\s+loss)?(?:\s+values?)?\s+(?:is|are|stays?|remains?)\s+(?:always\s+)?(?P<most>at\s+most|"
    rf"bounded\s+(?:above\s+)?by|capped\s+at|no\s+(?:more|larger|greater|higher)\s+than)\s+"
    rf"(?P<v2>{_NUM})(?![\w%/]|\.\d)|(?:\s+loss)?(?:\s+values?)?\s+(?:always\s+)?(?:lies?|stays?|is|"
    rf"are)\s+(?:always\s+)?(?:between\s+0\s+and|in\s+\[\s*0\s*,)\s*(?P<v3>1)(?![\w%/]|\.\d)", re.I)
_LOWER = re.compile(
    r"(?:\s+loss)?(?:\s+values?)?\s+(?:(?P<neg>never|cannot|can't|can\s+not|is\s+not|isn't|is\s+"
    r"never)\s+)?(?:can\s+|could\s+|may\s+)?(?:be|become|go|turn)\s+negative\b|(?:\s+loss)?"
    r"(?:\s+values?)?\s+(?:is|are)\s+(?P<pos>always\s+(?:non-?negative|positive|at\s+least\s+0)"
    r"|never\s+negative)\b",
    re.I)


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
    if _CONFIGURED.search(s):
        return []
    claim: dict[str, Any] | None = None
    # the inputs' spans (and Huber's delta): a number there is not the value
    used: list[tuple[int, int]] = [d.span() for d in _DELTA.finditer(s)]
    if (u := _UNIFORM.search(s)) is not None:
        k = int(u.group("k") or u.group("k2") or u.group("k3"))
        if (u.group("q") and abs(float(u.group("q")) * k - 1) > 1e-6) or not 1 < k <= 10_000:
            return []
        claim = {"y_true": [[1.0] + [0.0] * (k - 1)], "y_pred": [[1.0 / k] * k]}
        used.append(u.span())
    elif (pair := next((p for rx in _PAIRS if (p := rx.search(s))), None)
          or (_BETWEEN.search(s) if cls in _SYMMETRIC else None)) is not None:
        pred, true = _numbers(pair.group("p")), _numbers(pair.group("t"))
        if len(pred) != len(true) or not pred:
            return []
        claim = {"y_true": [true], "y_pred": [pred]}
        used.append(pair.span())
    elif (same := _IDENTICAL.search(s)) is not None:
        if cls in _HINGE:
            return []
        claim = {"y_true": [[0.0, 1.0]], "y_pred": [[0.0, 1.0]]}  # a one-hot target, matched
        used.append(same.span())
    elif cls == "CosineSimilarity":
        return []  # read only for a prediction equal to its target
    elif cls == "CategoricalCrossentropy" and (c := _CLASS.search(s)) is not None and (
            d := _DIST.search(s)) is not None:
        pred = _numbers(d.group("p") or d.group("p2"))
        k = int(c.group("i")) if c.group("i") else _ORDINALS.index(c.group("o").lower())
        if not 0 <= k < len(pred) or re.search(r"\b(?:gradient|derivative)", s, re.I):
            return []  # (the gradient of the loss is not its value)
        claim = {"y_true": [[1.0 if j == k else 0.0 for j in range(len(pred))]],
                 "y_pred": [pred]}
        used += [c.span(), d.span()]
    elif (p := _PROB.search(s)) is not None and cls == "BinaryCrossentropy":
        prob = float(p.group("p") or p.group("p2") or p.group("p3"))
        if not 0.0 <= prob <= 1.0:
            return []
        lab = _LABEL.search(s)
        if lab is None:
            labels = [0, 1]  # judged only when both labels give one loss
        else:
            labels = [int(lab.group("y"))] if lab.group("y") else [1] if lab.group("pos") else [0]
        claim = {"labels": labels, "p": prob}
        used += [p.span()] + ([lab.span()] if lab else [])
    elif cls in _REGRESSION and (e := _ERROR.search(s)) is not None:
        claim = {"y_true": [[0.0]], "y_pred": [[float(e.group("e") or e.group("e2"))]]}
        used.append(e.span())
    elif cls in _HINGE and (lab := _LABEL.search(s)) and (sc := _SCORE.search(s)):
        y = 1.0 if (lab.group("y") == "1" or lab.group("pos")) else 0.0
        score = float(sc.group("p") or sc.group("p2") or sc.group("p3"))
        claim = {"y_true": [[y]], "y_pred": [[score]]}
        used += [lab.span(), sc.span()]
    if claim is None:
        return _bound_statements(s, cls, m)
    v = next((x for x in _VALUE.finditer(s, m.end())
              if not any(a <= x.start("v") < b for a, b in used)), None)
    before = _BEFORE_VALUE.search(s[:m.start()])
    zero = _ZERO.search(s)
    if zero is not None and (v is None or zero.start() < v.start()):
        raw, end, v, before = "0", zero.end(), None, None
    elif v is not None:
        raw, end = v.group("v"), v.end()
    elif before is not None and not any(a <= before.start("v") < b for a, b in used):
        raw, end = before.group("v"), m.end()
    elif zero is None:
        return []
    claim.update({"value": float(raw), "digits": decimals(raw)})
    start = before.start() if v is None and before is not None else m.start()
    return [(cls, claim, s[start:end], start)]


def _bound_statements(s: str, cls: str, m: re.Match[str]) -> list[tuple[str, dict[str, Any], str,
                                                                          int]]:
    """One side of the loss's range, stated right after its name."""
    if (u := _UPPER.match(s, m.end())) is not None:
        v = float(u.group("v") or u.group("v2") or u.group("v3"))
        says = bool(u.group("neg") or u.group("most") or u.group("v3"))
        claim = {"bound": "upper", "v": v, "bounded": says}
    elif (lo := _LOWER.match(s, m.end())) is not None:
        claim = {"bound": "lower", "v": 0.0, "bounded": bool(lo.group("neg") or lo.group("pos"))}
    else:
        return []
    end = (u or lo).end()  # type: ignore[union-attr]
    return [(cls, claim, s[m.start():end], m.start())]


def _grid(cls: str) -> list[tuple[list[list[float]], list[list[float]]]]:
    """Inputs that reach the extremes of a loss: confident right and wrong predictions."""
    ps = [0.0, 1e-4, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-4, 1.0]
    if cls == "CategoricalCrossentropy":
        return [([[1.0, 0.0, 0.0]], [[p, (1 - p) / 2, (1 - p) / 2]]) for p in ps]
    if cls in _HINGE:
        scores = [-100.0, -10.0, -1.0, 0.0, 0.5, 1.0, 10.0, 100.0]
        return [([[y]], [[x]]) for y in (0.0, 1.0) for x in scores]
    if cls in _REGRESSION:
        return [([[0.0]], [[x]]) for x in (-1000.0, -10.0, -1.0, -0.1, 0.0, 0.1, 1.0, 10.0, 1000.0)]
    return [([[y]], [[p]]) for y in (0.0, 1.0) for p in ps]


def loss_request(cls: str, claim: dict[str, Any]) -> dict[str, Any]:
    if "bound" in claim:
        return {"kind": "loss", "cls": cls, "cases": _grid(cls)}
    if "labels" in claim:
        cases = [([[float(y)]], [[claim["p"]]]) for y in claim["labels"]]
    else:
        cases = [(claim["y_true"], claim["y_pred"])]
    return {"kind": "loss", "cls": cls, "cases": cases}


def judge_loss(cls: str, claim: dict[str, Any], fact: dict[str, Any]) -> tuple[bool | None, str]:
    values = fact["values"]
    if "bound" in claim:
        return _judge_bound(cls, claim, values)
    if max(values) - min(values) > 1e-6:
        return None, "the sentence does not state the label, and the loss depends on it"
    actual = values[0]
    ok = abs(claim["value"] - actual) <= tolerance(claim["digits"], actual)
    return ok, f"keras.losses.{cls}() gives {actual:.4g}"


def _judge_bound(cls: str, claim: dict[str, Any], values: list[float]) -> tuple[bool, str]:
    if claim["bound"] == "upper":
        top = max(values)
        within = top <= claim["v"] + tolerance(0, claim["v"])
        return within == claim["bounded"], (
            f"keras.losses.{cls}() reaches {top:.4g} for a confident wrong prediction")
    low = min(values)
    return (low >= -1e-6) == claim["bounded"], f"keras.losses.{cls}() is never below {low:.4g}"
