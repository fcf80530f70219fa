"""CLAIM002's metric grammar: a classification metric computed from stated confusion counts.

"With 30 true positives, 10 false positives and 20 false negatives, the recall is 0.75" names
the counts (true/false positives/negatives, or TP, FP, FN, TN), one or more metrics (precision,
recall or sensitivity, F1, accuracy, specificity, false positive rate) and a value for each,
written as a number, a percentage, a fraction or the end of a worked chain ("30/40 = 0.75").
A metric is read only when the sentence states every count it needs. The child (`tfeval.py`) builds
labels and predictions with those counts and runs the Keras metric (`keras.metrics.Precision`, ...).
"""

from __future__ import annotations

import re
from typing import Any

from validators.claim.rounding import NOT_OPERAND, WORKED, decimals, tolerance

_INT = r"\d{1,3}(?:,\d{3})+|\d+"
_COUNTS = {
    "tp": r"true[- ]positives?|\btps?\b",
    "fp": r"false[- ]positives?|\bfps?\b",
    "fn": r"false[- ]negatives?|\bfns?\b",
    "tn": r"true[- ]negatives?|\btns?\b",
}
_COUNT_RX = {k: re.compile(rf"(?<![\d.,])(?P<n>{_INT})\s+(?:{rx})|(?:{rx})\s*(?:=|:|of|is)\s*"
                           rf"(?P<n2>{_INT})(?![\d.])", re.I) for k, rx in _COUNTS.items()}
# metric -> its prose names and the counts it needs
_METRICS: dict[str, tuple[str, tuple[str, ...]]] = {
    "precision": (r"\bprecision\b|\bpositive predictive value\b|\bppv\b", ("tp", "fp")),
    "recall": (r"\brecall\b|\bsensitivity\b|\btrue[- ]positive rate\b|\btpr\b|\bhit rate\b",
               ("tp", "fn")),
    "f1": (r"\bf1(?:[- ]score)?\b|\bf[- ]?measure\b|\bf[- ]score\b", ("tp", "fp", "fn")),
    "accuracy": (r"\baccuracy\b", ("tp", "fp", "fn", "tn")),
    "specificity": (r"\bspecificity\b|\btrue[- ]negative rate\b|\btnr\b", ("tn", "fp")),
    "fpr": (r"\bfalse[- ]positive rate\b|\bfpr\b|\bfall-?out\b", ("fp", "tn")),
}
_NAME_RX = {k: re.compile(rx, re.I) for k, (rx, _) in _METRICS.items()}
_NUM = r"\d+(?:\.\d+)?|\.\d+"
# the value: after a link word, optionally a worked chain ("30 / (30 + 20) = 0.6"); the last term
_VALUE = re.compile(rf"\s*(?:score\s+|rate\s+)?(?:is|are|=|equals|of|comes to"
                    rf"|comes out (?:to|at|as)"
                    rf"|works out (?:to|at)|gives|would be|will be|:)\s+(?:only\s+|just\s+|exactly"
                    rf"\s+|about\s+|approximately\s+|roughly\s+|around\s+|~\s*)?"
                    rf"{WORKED}(?P<v>(?:{_NUM})\s*(?:/\s*(?:{_NUM})|%)?)"
                    rf"(?![\d/]|\.\d){NOT_OPERAND}", re.I)
_NEG = re.compile(r"\bnot\b|n't\b|\bnever\b", re.I)


def _count(s: str, key: str) -> int | None:
    found = {int((m.group("n") or m.group("n2")).replace(",", ""))
             for m in _COUNT_RX[key].finditer(s)}
    return found.pop() if len(found) == 1 else None


def _value(raw: str) -> tuple[float, int] | None:
    """The number and its precision in digits: "0.75" (0.75, 2), "75%" (0.75, 2), "30/40" exact."""
    raw = raw.replace(" ", "")
    if raw.endswith("%"):
        v = raw[:-1]
        return float(v) / 100, decimals(v) + 2
    if "/" in raw:
        a, b = raw.split("/")
        return (float(a) / float(b), 6) if float(b) else None
    return float(raw), decimals(raw)


# a constant classifier ("the always-negative model", "always predicts the majority class") on
# stated class sizes ("950 negatives and 50 positives", "95% negatives"): its confusion counts
_ALWAYS = re.compile(r"\balways[- ](?:predicts?\s+(?:the\s+)?|predicting\s+(?:the\s+)?)?"
                     r"(?P<c>negative|positive|majority|minority)\b", re.I)
_SIZES = {"neg": re.compile(rf"(?<![\d.,])(?P<n>{_INT})\s+negatives\b|(?P<p>{_NUM})\s*%\s+"
                            r"(?:of\s+(?:the\s+)?\w+\s+(?:are\s+)?)?negatives?\b", re.I),
          "pos": re.compile(rf"(?<![\d.,])(?P<n>{_INT})\s+positives\b|(?P<p>{_NUM})\s*%\s+"
                            r"(?:of\s+(?:the\s+)?\w+\s+(?:are\s+)?)?positives?\b", re.I)}
# a value before the metric's name: "scores 95% accuracy"
_VALUE_BEFORE = re.compile(rf"\b(?:scores?|gets?|achieves?|reaches|has|with|of|and)\s+"
                           rf"(?:only\s+|just\s+|about\s+|approximately\s+|roughly\s+"
                           rf"|around\s+|~\s*)?"
                           rf"(?P<v>(?:{_NUM})\s*%?)\s+(?:an?\s+)?$", re.I)


def _constant_counts(s: str) -> dict[str, int]:
    always = list(_ALWAYS.finditer(s))
    if len(always) != 1:
        return {}
    size: dict[str, int] = {}
    for key, rx in _SIZES.items():
        found = list(rx.finditer(s))
        if len(found) == 1:
            m = found[0]
            size[key] = int(m.group("n").replace(",", "")) if m.group("n") else \
                round(float(m.group("p")) * 10)  # a share: counts out of 1,000
    if len(size) == 1:
        (key, n), = size.items()
        one = _SIZES[key].search(s)
        if one is None or one.group("p") is None:
            return {}  # a count of one class says nothing of the other
        size["pos" if key == "neg" else "neg"] = 1000 - n
    if len(size) != 2 or min(size.values()) < 0:
        return {}
    c = always[0].group("c").lower()
    if c in ("majority", "minority"):
        big = "neg" if size["neg"] >= size["pos"] else "pos"
        c = {"neg": "negative", "pos": "positive"}[big if c == "majority" else
                                                   ("pos" if big == "neg" else "neg")]
    if c == "negative":
        return {"tp": 0, "fp": 0, "tn": size["neg"], "fn": size["pos"]}
    return {"tp": size["pos"], "fp": size["neg"], "tn": 0, "fn": 0}


def metric_statements(s: str) -> list[tuple[str, dict[str, Any], str, int]]:
    """The metric claims of one (normalised) sentence: (metric, claim, text, start)."""
    counts = {k: c for k in _COUNTS if (c := _count(s, k)) is not None} or _constant_counts(s)
    if len(counts) < 2:
        return []
    mentions = sorted((m.start(), m.end(), k) for k, rx in _NAME_RX.items() for m in rx.finditer(s))
    out = []
    for i, (a, b, key) in enumerate(mentions):
        if any(c not in counts for c in _METRICS[key][1]):
            continue
        v = _VALUE.match(s, b)
        if v is None or (i + 1 < len(mentions) and v.start("v") > mentions[i + 1][0]):
            v = _VALUE_BEFORE.search(s[:a])  # "scores 95% accuracy"
            if v is None:
                continue
            start = v.start("v")
        else:
            if _NEG.search(s[b:v.start("v")]):
                continue
            start = a
        value = _value(v.group("v"))
        if value is None or not 0 <= value[0] <= 1:
            continue
        claim = {"counts": {c: counts[c] for c in _METRICS[key][1]}, "value": value[0],
                 "digits": value[1]}
        out.append((key, claim, s[start:max(v.end(), b)], start))
    return out


def metric_request(key: str, claim: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "metric", "metric": key, "counts": claim["counts"]}


def judge_metric(key: str, claim: dict[str, Any], fact: dict[str, Any]) -> tuple[bool | None, str]:
    actual = fact["value"]
    ok = abs(claim["value"] - actual) <= tolerance(claim["digits"], actual)
    said = ", ".join(f"{c.upper()}={n}" for c, n in claim["counts"].items())
    return ok, f"keras.metrics gives {key} = {actual:.4g} for {said}"

