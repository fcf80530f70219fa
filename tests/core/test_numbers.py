"""qbank.core.numbers: numbers as written, the precision they state, tolerance comparison."""

from __future__ import annotations

import re
import subprocess
import sys
from fractions import Fraction

import pytest

from qbank.core import numbers
from qbank.core.numbers import (
    NUMBER,
    NumberTooLarge,
    Written,
    decimals_for,
    exact,
    half_unit,
    half_unit_at,
    half_unit_float,
    key_tolerance,
    normalize,
    place,
    read_written,
    round_like,
    significant,
    within,
)


@pytest.mark.parametrize(("text", "value"), [
    ("141", Fraction(141)),
    ("0.024", Fraction(24, 1000)),
    (".5", Fraction(1, 2)),
    ("1,024", Fraction(1024)),
    ("1{,}024.5", Fraction(2049, 2)),  # LaTeX thousands separator
    ("−3", Fraction(-3)),  # U+2212 minus
    ("2.5e-3", Fraction(1, 400)),
    ("1E3", Fraction(1000)),
    ("007", Fraction(7)),
])
def test_exact_value_of_a_written_number(text: str, value: Fraction) -> None:
    assert exact(text) == value


def test_absurd_sizes_are_not_numbers_and_garbage_is_a_value_error() -> None:
    with pytest.raises(NumberTooLarge):
        exact("1e5869")
    with pytest.raises(NumberTooLarge):
        exact("1" * 41)
    assert exact("1e300") == 10**300  # the limit itself is a number
    with pytest.raises(ValueError):
        exact("twelve")
    assert issubclass(NumberTooLarge, ValueError)


@pytest.mark.parametrize(("text", "power"), [
    ("0.33", -2), ("140", 0), ("1.5e3", 2), ("2.5e-3", -4), ("-0.0236", -4), ("1,024.50", -2),
    (".5", -1), ("7e-1", -1),
])
def test_place_of_the_last_written_digit(text: str, power: int) -> None:
    assert place(text) == power


def test_half_unit_is_how_far_a_rounded_number_may_be() -> None:
    assert half_unit("0.33") == Fraction(1, 200)
    assert half_unit("140") == Fraction(1, 2)
    assert half_unit("1.5e3") == 50
    assert half_unit("0.024") == Fraction(1, 2000)
    assert half_unit_at(-3) == Fraction(1, 2000)
    # 0.024 is right for 0.0236 (rounded), and so is 0.02; the truncated 0.023 is not
    true = Fraction(236, 10000)
    assert within(abs(true - exact("0.024")), half_unit("0.024"))
    assert within(abs(true - exact("0.02")), half_unit("0.02"))
    assert not within(abs(true - exact("0.023")), half_unit("0.023"))
    assert not within(abs(true - exact("0.03")), half_unit("0.03"))


def test_half_unit_float_is_grading_float_arithmetic() -> None:
    assert half_unit_float("0.33") == 0.5 * 10.0 ** -2
    assert half_unit_float("140") == 0.5
    assert half_unit_float("-2.5e-3") == 0.5 * 10.0 ** -4
    # in floats as grading always computed it (10.0 ** 23 is one ulp off float(10 ** 23))
    assert half_unit_float("1e23") == 0.5 * 10.0 ** 23
    assert half_unit_float("not a number") == 0.0
    assert half_unit_float("NaN") == 0.0


@pytest.mark.parametrize(("text", "digits"), [
    ("0.33", 2), ("0.3", 1), ("140", 3), ("2.50e-3", 3), ("-0.0025", 2), ("+7", 1), ("0", 0),
])
def test_significant_digits(text: str, digits: int) -> None:
    assert significant(text) == digits


def test_decimals_for_a_tolerance_and_rounding_like_it() -> None:
    assert decimals_for(Fraction(1, 200)) == 2
    assert decimals_for(Fraction(1, 2)) == 0
    assert decimals_for(Fraction(50)) == 0  # never negative
    assert decimals_for(0.0005) == 3
    assert round_like(Fraction(236, 10000), Fraction(1, 2000)) == "0.024"
    assert round_like(0.0900306, half_unit("0.090")) == "0.090"
    assert round_like(10, Fraction(1, 2)) == "10"


@pytest.mark.parametrize(("text", "written"), [
    ("141", Written("141")),
    ("  1,000 ", Written("1000")),
    ("−2.5e-3", Written("-2.5e-3")),
    ("12.5 %", Written("12.5", percent=True)),
    ("3.5%", Written("3.5", percent=True)),
    ("141 units", Written("141", unit="units")),
    ("100 m/s", Written("100", unit="m/s")),
    ("+.5", Written("+.5")),
    ("1,00", None),  # not a thousands separator
    ("1/3", None),  # an expression, not a number as written
    ("abc", None),
    ("", None),
])
def test_read_written(text: str, written: Written | None) -> None:
    assert read_written(text) == written


def test_written_value_divides_a_percent() -> None:
    assert read_written("12.5 %") is not None
    assert Written("12.5", percent=True).value == 0.125
    assert Written("-2.5e-3").value == -0.0025
    assert Written("33.3", percent=True).value == float("33.3") / 100


def test_number_pattern_in_running_prose() -> None:
    rx = re.compile(NUMBER)
    assert [m.group(0) for m in rx.finditer("so 3 * 47 = 141, or 1,024 and −2.5e-3")] == \
        ["3", "47", "141", "1,024", "−2.5e-3"]
    assert rx.fullmatch("1,0000") is None  # 1,000 then 0 is not one number
    assert normalize("1{,}024") == "1024" and normalize("−1,5") == "-15"


def test_key_tolerance_and_within() -> None:
    assert key_tolerance(100, 0.0, 0.05) == 5.0
    assert key_tolerance(100, 10.0, 0.05) == 10.0
    assert key_tolerance(-100, 0.0, 0.05) == 5.0  # relative to the key's size
    assert within(5.0, key_tolerance(100, 0.0, 0.05))
    assert not within(5.000001, 5.0)
    assert within(5.000001, 5.0, rel_slack=1e-6)
    assert within(5.000001, 5.0, abs_slack=1e-6)
    assert within(abs(0.1 + 0.2 - 0.3), 0.0, abs_slack=numbers.FLOAT_SLACK)
    assert not within(abs(0.1 + 0.2 - 0.3), 0.0)


def test_within_stays_exact_for_exact_numbers() -> None:
    # no float creeps in with the default slacks: a difference a hair over the tolerance
    # is over it
    tol = Fraction(1, 2000)
    assert within(tol, tol)
    assert not within(tol + Fraction(1, 10**30), tol)
    assert within(tol + Fraction(1, 10**30), tol, rel_slack=Fraction(1, 10**9))


def test_the_core_module_imports_nothing_heavy() -> None:
    code = ("import sys, qbank.core.numbers; "
            "print(sorted(m for m in ('sympy', 'numpy', 'tensorflow', 'torch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
