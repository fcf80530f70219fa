"""CLAIM002's metric-on-arrays grammar: a Keras metric's result for stated labels and predictions.

"With predictions [0.6, 0.4, 0.8] and labels [1, 1, 0], `keras.metrics.BinaryAccuracy()` reports
0.333" names a metric of `keras.metrics` as a call in code (literal arguments), the labels and
the predictions as bracketed lists of one length (each said to be labels, targets or y_true, or
predictions, scores, probabilities or y_pred), and the value. The child builds the metric,
calls `update_state(y_true, y_pred)` once and reads `result()`.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from validators.claim.rounding import decimals, tolerance

_NUM = r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)"
_CALL = re.compile(r"(?:(?<![\w.])(?:(?:tf\.)?keras\.metrics\.|metrics\.)(?P<cls>[A-Z]\w+)"
                   r"|(?<![\w.])(?P<cls2>BinaryAccuracy|Precision|Recall|AUC|Accuracy"
                   r"|CategoricalAccuracy|SparseCategoricalAccuracy|TopKCategoricalAccuracy"
                   r"|MeanAbsoluteError|MeanSquaredError|RootMeanSquaredError|BinaryIoU"
                   r"|F1Score|FBetaScore)(?=\s*\())(?P<open>\s*\()?")
_LIST = re.compile(rf"\[\s*(?P<x>{_NUM}(?:\s*,\s*{_NUM})*)\s*\]")
_LABELS = re.compile(r"\b(?:labels?|targets?|y_true|ground[- ]truth|true (?:labels|values|"
                     r"classes)|actual (?:labels|values))\b", re.I)
_PREDS = re.compile(r"\b(?:predictions?|predicted(?: (?:scores|probabilities|values))?|scores"
                    r"|probabilities|y_pred|outputs)\b", re.I)
_VALUE = re.compile(rf"\b(?:is|=|equals|of|reports|returns|gives|scores?|yields|comes out "
                    rf"(?:as|at)|as)\s+(?:only\s+|just\s+|exactly\s+|about\s+|approximately\s+"
                    rf"|roughly\s+|around\s+)?(?P<v>{_NUM})(?P<pct>\s*%)?(?![\w/]|\.\d|\s*[x×*/^])"
                    , re.I)
_NEG = re.compile(r"\bnot\b|n't\b|\bnever\b|\bif\b(?! the)", re.I)
_DENIED = re.compile(r"\bnot\b|n't\b|\bnever\b", re.I)


def _call(s: str, m: re.Match[str]) -> tuple[str, list[Any], dict[str, Any], int] | None:
    cls = m.group("cls") or m.group("cls2")
    if not m.group("open"):
        return cls, [], {}, m.end()  # "keras.metrics.BinaryAccuracy scores ..."
    depth = 0
    for i in range(m.end() - 1, len(s)):
        depth += {"(": 1, ")": -1}.get(s[i], 0)
        if depth == 0:
            try:
                node = ast.parse(cls + s[m.end() - 1:i + 1], mode="eval").body
                assert isinstance(node, ast.Call)
                args = [ast.literal_eval(a) for a in node.args]
                kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
            except (SyntaxError, ValueError, AssertionError, TypeError):
                return None
            return cls, args, kwargs, i + 1
    return None


def _role(s: str, lst: re.Match[str]) -> str | None:
    """Labels or predictions: the nearest role word just before the list (or just after)."""
    before = s[max(0, lst.start() - 40):lst.start()]
    hits = [(m.end(), "y_true") for m in _LABELS.finditer(before)]
    hits += [(m.end(), "y_pred") for m in _PREDS.finditer(before)]
    if hits:
        return max(hits)[1]
    after = s[lst.end():lst.end() + 25]
    if _LABELS.match(after.strip()):
        return "y_true"
    if _PREDS.match(after.strip()):
        return "y_pred"
    return None


# AUC for scores said per class: "every positive is scored 0.3 or 0.4 and every negative 0.1
# or 0.2", or only their order: "every positive gets a higher score than every negative"
_AUC = re.compile(r"\b(?:roc[- ])?auc\b|\barea under the roc curve\b", re.I)
_SCORES = re.compile(rf"\b(?:every|each|all(?: the)?)\s+(?P<c>positive|negative)s?\s+(?:example\s+|"
                     rf"sample\s+)?(?:is\s+|are\s+|gets?\s+|get\s+)?(?:scored\s+|a score of\s+)?"
                     rf"(?P<x>{_NUM}(?:\s*(?:,|or|and)\s*{_NUM})*)", re.I)
_RANKED = re.compile(r"\b(?:every|each|all(?: the)?)\s+positives?\b[^.;]{0,40}?\b(?:higher|above|"
                     r"more)\b[^.;]{0,20}?\bthan\s+(?:every|each|all|any)(?: the)?\s+negatives?\b",
                     re.I)
_AUC_VALUE = re.compile(rf"\b(?:is|=|equals|of|reports|returns|gives|comes out (?:as|at)"
                        rf"|would be|will be)\s+(?:only\s+|just\s+|exactly\s+|about\s+|still\s+)?"
                        rf"(?P<v>{_NUM})(?![\w%/]|\.\d)", re.I)


def _auc_statement(s: str) -> list[tuple[str, dict[str, Any], str, int]]:
    name = _AUC.search(s)
    if name is None or _DENIED.search(s):
        return []
    found = {m.group("c").lower(): m for m in _SCORES.finditer(s)}
    if set(found) == {"positive", "negative"}:
        pos = [float(x) for x in re.findall(_NUM, found["positive"].group("x"))]
        neg = [float(x) for x in re.findall(_NUM, found["negative"].group("x"))]
        spans = [found["positive"].span(), found["negative"].span()]
    elif (r := _RANKED.search(s)) is not None:
        pos, neg, spans = [0.9, 0.8], [0.2, 0.1], [r.span()]
    else:
        return []
    v = _AUC_VALUE.search(s, name.end())
    if v is None or not all(0 <= x <= 1 for x in pos + neg) or any(
            a <= v.start("v") < b for a, b in spans):
        return []
    raw = v.group("v")
    claim = {"args": [], "kwargs": {"num_thresholds": 10_001},  # (exact to 1e-4)
             "y_true": [1.0] * len(pos) + [0.0] * len(neg),
             "y_pred": pos + neg, "value": float(raw), "digits": decimals(raw)}
    start = min(name.start(), *(a for a, _ in spans))
    return [("AUC", claim, s[start:max(v.end(), *(b for _, b in spans))], start)]


def metric_array_statements(s: str) -> list[tuple[str, dict[str, Any], str, int]]:
    """The metric claim of one (normalised) sentence: (class, claim, text, start)."""
    return _array_statement(s) or _auc_statement(s)


def _array_statement(s: str) -> list[tuple[str, dict[str, Any], str, int]]:
    calls = list(_CALL.finditer(s))
    if len(calls) != 1 or _NEG.search(s):
        return []
    parsed = _call(s, calls[0])
    if parsed is None:
        return []
    cls, args, kwargs, end = parsed
    lists = [m for m in _LIST.finditer(s) if not calls[0].start() <= m.start() < end]
    roles = {_role(s, m): m for m in lists}
    if len(lists) != 2 or set(roles) != {"y_true", "y_pred"}:
        return []
    y_true = [float(x) for x in re.findall(_NUM, roles["y_true"].group("x"))]
    y_pred = [float(x) for x in re.findall(_NUM, roles["y_pred"].group("x"))]
    if len(y_true) != len(y_pred) or len(y_true) > 256:
        return []
    after = max(end, *(m.end() for m in lists))
    values = list(_VALUE.finditer(s, end))
    values = [v for v in values if not any(m.start() <= v.start("v") < m.end() for m in lists)]
    if not values:
        return []
    v = values[0] if values[0].start() >= after or len(values) == 1 else values[-1]
    raw = v.group("v")
    value = float(raw) / (100 if v.group("pct") else 1)
    claim = {"args": args, "kwargs": kwargs, "y_true": y_true, "y_pred": y_pred, "value": value,
             "digits": decimals(raw) + (2 if v.group("pct") else 0)}
    start = min(calls[0].start(), *(m.start() for m in lists))
    return [(cls, claim, s[start:max(after, v.end())], start)]


def metric_array_request(cls: str, claim: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "metric_arrays", "cls": cls, "args": claim["args"],
            "kwargs": claim["kwargs"], "y_true": claim["y_true"], "y_pred": claim["y_pred"]}


def judge_metric_array(cls: str, claim: dict[str, Any], fact: dict[str, Any]
                       ) -> tuple[bool, str]:
    actual = fact["value"]
    ok = abs(claim["value"] - actual) <= tolerance(claim["digits"], actual)
    return ok, (f"keras.metrics.{cls} gives {actual:.4g} for labels "
                f"{[round(x, 4) for x in claim['y_true']]} and predictions "
                f"{[round(x, 4) for x in claim['y_pred']]}")
