"""Explicit `checks`: python (through the sandbox) and sympy (restricted, in-process)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from qbank.core.cache import Cache
from qbank.services.sandbox import JobResult
from tests.conftest import run_bank
from validators.math.checks import (
    CheckTimeout,
    UnsafeExpression,
    close,
    eval_sympy,
    run_checks,
)
from validators.math.prose import check_text

# --- sympy -------------------------------------------------------------------------------------


@pytest.mark.parametrize("expr", [
    "Eq((12 - 3 + 2*0)/1 + 1, 10)",
    "Eq(floor(Rational(12 - 3, 2)) + 1, 5)",
    "Eq(0.1 + 0.2, 0.3)",  # numbers are exact rationals
    "Eq(3*(2*4 + 3*5 + 4*6), 141)",
    "Lt(0.169, 0.25)",
    "Eq(exp(log(7)), 7)",
])
def test_sympy_checks_that_hold(expr: str) -> None:
    assert eval_sympy(expr)[0] is True


def test_sympy_check_that_does_not_hold_says_why() -> None:
    ok, detail = eval_sympy("Eq(3*(2*4 + 3*5 + 4*6), 142)")
    assert ok is False
    assert detail == "the left side is 141, the right side 142"


@pytest.mark.parametrize("expr", [
    "__import__('os').system('true')",
    "().__class__.__bases__[0]",
    "Eq(1, 1).func",
    "open('/etc/passwd')",
    "Eq(_R('1'), 1)",
    "Eq(2**100000, 1)",
])
def test_sympy_checks_cannot_reach_python(expr: str) -> None:
    with pytest.raises((UnsafeExpression, SyntaxError)):
        eval_sympy(expr)


def test_sympy_checks_are_time_limited() -> None:
    with pytest.raises(CheckTimeout):
        eval_sympy("Eq(factorial(300000), 1)", timeout=0.05)


# --- python: comparing and caching (a fake runner stands in for the sandbox) --------------------


def test_close_is_elementwise_with_tolerance() -> None:
    assert close([0.0237, [1, 2]], [0.024, [1, 2]], 0.001)
    assert not close([0.0237, [1, 3]], [0.024, [1, 2]], 0.001)
    assert not close([1, 2], [1, 2, 3], 1.0)
    assert close(141.0, 141, 1e-9)
    assert not close("141", 141, 1e-9)
    assert close({"a": 1.0}, {"a": 1}, 0)


class _Rec:
    """Just enough of a LoadedRecord for run_checks."""

    def __init__(self, path: str, checks: list[dict[str, Any]], setup: str = "") -> None:
        self.path, self.syntax = path, None
        self._data = {"checks": checks, "setup": setup}

    def field(self, name: str) -> Any:
        return self._data.get(name)


def test_python_values_are_cached_and_compared_again(tmp_path: Path) -> None:
    calls: list[int] = []

    def runner(jobs: list[Any]) -> list[JobResult]:
        calls.append(len(jobs))
        return [JobResult(status="ok", value=[{"status": "ok", "value": 141.0}]) for _ in jobs]

    cache = Cache(tmp_path, "math")
    check = {"name": "neuron", "python": "3 * 47.0", "expect": 141}
    first = run_checks([_Rec("a.yaml", [check])], runner, cache)
    assert [o.status for o in first.outcomes["a.yaml"]] == ["ok"]
    # the same expression again, with a wrong expect: nothing runs, the cached value is compared
    second = run_checks([_Rec("a.yaml", [{**check, "expect": 142}])], runner, cache)
    assert calls == [1]
    (o,) = second.outcomes["a.yaml"]
    assert (o.status, o.cached, o.where) == ("failed", True, "expect")
    assert second.figures["python_cached"] == 1


def test_timeouts_are_not_cached(tmp_path: Path) -> None:
    def runner(jobs: list[Any]) -> list[JobResult]:
        return [JobResult(status="timeout", message="still running") for _ in jobs]

    cache = Cache(tmp_path, "math")
    rec = _Rec("a.yaml", [{"name": "slow", "python": "1", "expect": 1}])
    assert run_checks([rec], runner, cache).outcomes["a.yaml"][0].status == "error"
    assert not list(tmp_path.rglob("*.json"))


# --- through the engine and the real sandbox ------------------------------------------------

RECORD = """\
# yaml-language-server: $schema=../../schema/record.schema.json
id: softmax-example
title: Softmax of a small vector
topic: activations
type: open
difficulty: easy
tags: [softmax]
question: What is the softmax of [1, 2, 3, 4, 1, 2, 3]?
answer: |
  About [0.024, 0.064, 0.175, 0.475, 0.024, 0.064, 0.175]: most weight where the 4 was.
setup: |
  import numpy as np
  X = np.array([1., 2., 3., 4., 1., 2., 3.])
checks:
  - name: softmax values
    python: "np.round(tf.nn.softmax(X).numpy(), 3).tolist()"
    expect: [0.024, 0.064, 0.175, 0.475, 0.024, 0.064, 0.175]
    tolerance: 0.001
  - name: the largest weight
    python: "float(tf.reduce_max(tf.nn.softmax(X)))"
    expect: 0.575
    tolerance: 0.001
  - name: a typo
    python: "float(tf.nn.softmax(Y)[0])"
    expect: 0.024
  - name: the max is where the 4 was
    sympy: "Eq(3, 4)"
  - name: weights sum to 1
    sympy: "Eq(Rational(1, 4) + Rational(3, 4), 1)"
"""


@pytest.mark.slow
def test_checks_pass_fail_and_raise_in_the_sandbox(make_bank) -> None:
    bank = make_bank({"activations/softmax-example.yaml": RECORD})
    res = run_bank(bank, select=["MATH"])
    got = sorted((f.code, f.line) for f in res.findings)
    lines = RECORD.splitlines()
    at = {name: lines.index(name) + 1 for name in (
        "    expect: 0.575", '    python: "float(tf.nn.softmax(Y)[0])"', '    sympy: "Eq(3, 4)"')}
    assert got == sorted([("MATH004", at["    expect: 0.575"]),
                          ("MATH005", at['    python: "float(tf.nn.softmax(Y)[0])"']),
                          ("MATH006", at['    sympy: "Eq(3, 4)"'])])
    msgs = {f.code: f.message for f in res.findings}
    assert "gives 0.4748" in msgs["MATH004"] and "NameError" in msgs["MATH005"]
    assert res.stats.math_checks.python_checks == 3


@pytest.mark.slow
def test_a_broken_setup_is_reported_at_setup(make_bank) -> None:
    text = RECORD.replace("  import numpy as np\n", "  import numpy as np\n  1 / 0\n")
    bank = make_bank({"activations/softmax-example.yaml": text})
    res = run_bank(bank, select=["MATH005"])
    setup_line = text.splitlines().index("setup: |") + 1
    assert {(f.code, f.line) for f in res.findings} == {("MATH005", setup_line)}
    assert all("ZeroDivisionError" in f.message for f in res.findings)


def test_prose_and_checks_agree_on_the_seed_softmax() -> None:
    assert check_text("the softmax of [1, 2, 3, 4, 1, 2, 3] is "
                      "[0.024, 0.064, 0.175, 0.475, 0.024, 0.064, 0.175]") == []


def test_a_sympy_check_must_state_a_relation() -> None:
    from validators.math.checks import run_sympy_check

    o = run_sympy_check(0, {"name": "bare value", "sympy": "3*47"})
    assert (o.status, o.message) == (
        "error", "states nothing: it is 141, not a relation (write Eq(a, b))")
