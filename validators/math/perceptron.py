"""MATH002 for perceptrons: a step neuron's bias and weights against the gate the text names
(`Bias = -1.5, w1 = 1, w2 = 1` for an AND gate), and its truth table written as chains
(`F(-1.5*1 + 1*1 + 1*1) = f(0.5) = 1`: a step function of the argument). The issues carry
facts (`kind` "gate", "step-function" or "truth-table", what is written, its true value as
`expected`); the rule module words them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from qbank.core.issues import Issue
from qbank.core.numbers import NUMBER
from qbank.services.prose.chains import Chain
from qbank.services.prose.compare import fmt
from qbank.services.prose.parser import ParseFail, argument_text, rational
from validators.math.patterns import patterns

_GATE = re.compile(r"\b(AND|OR|NAND|NOR|XOR)\b[- ]gate", re.I)
_GATE_ARG = re.compile(rf"^\s*(?P<b>{NUMBER})\s*\*\s*1\s*\+\s*(?P<w1>{NUMBER})\s*\*\s*(?P<x1>[01])"
                       rf"\s*\+\s*(?P<w2>{NUMBER})\s*\*\s*(?P<x2>[01])\s*$")
_GATES: dict[str, Callable[[int, int], int]] = {
    "AND": lambda a, b: a & b, "OR": lambda a, b: a | b, "NAND": lambda a, b: 1 - (a & b),
          "NOR": lambda a, b: 1 - (a | b), "XOR": lambda a, b: a ^ b}


_BIAS = re.compile(rf"\bbias\b\s*(?:b\s*)?=\s*(?P<b>{NUMBER})\s*,?\s*(?:and\s*)?"
                   rf"w_?\{{?1\}}?\s*=\s*(?P<w1>{NUMBER})\s*,?\s*(?:and\s*)?"
                   rf"w_?\{{?2\}}?\s*=\s*(?P<w2>{NUMBER})", re.I)


def _step(z: Any) -> int | None:
    return None if z == 0 else (1 if z > 0 else 0)


def gate_issues(text: str) -> Iterator[Issue]:
    """`Bias = -1.5, w1 = 1, w2 = 1` for an AND gate: the neuron's truth table must be AND."""
    gate = _GATE.search(text)
    if gate is None:
        return
    g = gate.group(1).upper()
    for m in _BIAS.finditer(text):
        try:
            b, w1, w2 = (rational(m.group(k)) for k in ("b", "w1", "w2"))
        except ParseFail:
            continue
        table = [_step(b + w1 * x1 + w2 * x2) for x1 in (0, 1) for x2 in (0, 1)]
        if None in table:
            continue
        want = [_GATES[g](x1, x2) for x1 in (0, 1) for x2 in (0, 1)]
        if table != want:
            is_ = [n for n, f in _GATES.items()
                   if [f(x1, x2) for x1 in (0, 1) for x2 in (0, 1)] == table]
            yield Issue("MATH002", offset=m.start("b"), facts={
                "kind": "gate", "step": m.group(0), "expected": str(want), "gate": g,
                "bias": m.group("b"), "weights": [m.group("w1"), m.group("w2")],
                "computes": is_[0] if is_ else None, "table": str(table)})


def step_issues(text: str, found: list[Chain]) -> Iterator[Issue]:
    """Perceptron truth tables: `F(arg) = ... = y`, y in {0, 1}: a step function of arg."""
    if not re.search(patterns()["step_keywords"], text, re.I):
        return
    gate = _GATE.search(text)
    for ch in found:
        first, last = ch.sides[0], ch.sides[-1]
        if first.undef is None or not last.numeric or last.expr not in (0, 1):
            continue
        (arg,) = first.undef.args
        if not arg.is_number or arg == 0:
            continue
        want = 1 if arg > 0 else 0
        if last.expr != want:
            yield Issue("MATH002", offset=last.start, facts={
                "kind": "step-function", "step": f"{first.text} = {last.text}",
                "expected": str(want), "call": first.text, "argument": fmt(arg),
                "written": last.text})
            continue
        if gate is not None:
            m = _GATE_ARG.match(argument_text(first))
            if m:
                x1, x2 = int(m.group("x1")), int(m.group("x2"))
                g = gate.group(1).upper()
                truth = _GATES[g](x1, x2)
                if truth != last.expr:
                    yield Issue("MATH002", offset=last.start, facts={
                        "kind": "truth-table", "step": first.text, "expected": str(truth),
                        "gate": g, "inputs": [x1, x2], "call": first.text,
                        "written": last.text})
