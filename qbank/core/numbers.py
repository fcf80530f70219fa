"""Numbers as people write them: their exact value, the precision their writing states, and
whether another value agrees with them. Shared by the MATH prose checks (which hold a written
number to the precision written) and grading (which reads a learner's number).

- Written forms: a sign (`-`, `+`, `−`), digits with thousands separators (`1,024`, LaTeX
  `1{,}024`), decimals (`0.5`, `.5`), an exponent (`2.5e-3`), and for a whole response a
  percent sign and a trailing unit (`12.5 %`, `141 units`): `read_written`, `exact`.
- Stated precision: a number is as precise as its last written digit. `place("0.33") == -2`,
  `place("140") == 0`, `place("1.5e3") == 2`; the number is right for any true value within
  half a unit of that place (`half_unit("0.33") == 1/200`). `significant` counts its
  significant digits; `decimals_for(tol)` is how many decimals a tolerance stands for, and
  `round_like` writes a value with them.
- Tolerance: `key_tolerance(key, absolute, relative)` is a key's tolerance (absolute, or
  relative to the key); `within(diff, tolerance, rel_slack=, abs_slack=)` compares a
  difference with a tolerance, the slack absorbing floating-point noise.

Pure Python (`fractions`, `re`, `math`): no sympy, nothing heavy.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

# A number in running prose: optional minus, digits (thousands separated by commas), decimals,
# an exponent. `(?!\d)` keeps `1,0000` from reading as 1,000 followed by 0.
NUMBER = r"[-−]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?"

# A whole response that is one number: sign (also `+`), digits, `.5`, exponent, then an
# optional percent sign and an optional unit (`141 units`, `3 m/s`).
_RESPONSE = re.compile(r"^\s*([-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|"
                       r"[-+−]?\.\d+(?:[eE][-+]?\d+)?)\s*(%?)\s*([A-Za-z][\w /^·*-]*)?\s*$")

# Written numbers whose size is absurd for a hand computation (1e5869) are not claims.
MAX_MANTISSA = 40  # characters of the mantissa (sign, digits, point)
MAX_EXPONENT = 300

FLOAT_SLACK = 1e-12  # floating-point noise allowed when float values are compared


class NumberTooLarge(ValueError):
    """A written number too long, or with too large an exponent, to be a claim."""


@dataclass(frozen=True, slots=True)
class Written:
    """A number written alone (a learner's response): its digits, `%` and unit."""

    digits: str  # the number without separators, its minus as `-` (`-2.5e-3`, `1024`)
    percent: bool = False
    unit: str | None = None

    @property
    def value(self) -> float:
        """The value as a float (a percent divided by 100)."""
        return float(self.digits) / (100 if self.percent else 1)


def normalize(text: str) -> str:
    """The digits of a written number: separators (`,`, `{,}`) dropped, `−` as `-`."""
    return text.replace("{,}", "").replace(",", "").replace("−", "-")


def read_written(text: str) -> Written | None:
    """`text` as one written number (`1,024`, `−2.5e-3`, `12.5 %`, `141 units`), or None."""
    m = _RESPONSE.match(text)
    if m is None:
        return None
    digits = m.group(1).replace("−", "-").replace(",", "")
    return Written(digits, percent=bool(m.group(2)), unit=m.group(3))


def exact(text: str) -> Fraction:
    """The exact value of a written number (`1,024.5`, `2.5e-3`, `.5`, `−3`).
    Raises `NumberTooLarge` for absurd sizes, `ValueError` for what is not a number."""
    text = normalize(text)
    mant, _, exp = text.lower().partition("e")
    if len(mant) > MAX_MANTISSA or (exp and abs(int(exp)) > MAX_EXPONENT):
        raise NumberTooLarge(text)
    return Fraction(text)


def place(text: str) -> int:
    """The power of ten of a written number's last digit: `0.33` -> -2, `140` -> 0,
    `2.5e-3` -> -4, `1.5e3` -> 2."""
    mant, _, exp = normalize(text).lower().partition("e")
    decimals = len(mant.split(".")[1]) if "." in mant else 0
    return (int(exp) if exp else 0) - decimals


def half_unit_at(power: int) -> Fraction:
    """Half a unit of the digit at 10**power: how far a number written to that digit may be
    from the true value (it is the true value rounded)."""
    return Fraction(1, 2) * Fraction(10) ** power


def half_unit(text: str) -> Fraction:
    """Half a unit in the last place a written number states (exactly): `0.33` -> 1/200."""
    return half_unit_at(place(text))


def half_unit_float(written: str) -> float:
    """`half_unit` as grading computes it in floats (`0.5 * 10.0 ** place`): `0.33` -> 0.005,
    `140` -> 0.5; 0.0 for what is not a number."""
    try:
        exponent = Decimal(written).as_tuple().exponent
    except InvalidOperation:
        return 0.0
    return 0.5 * 10.0 ** int(exponent) if isinstance(exponent, int) else 0.0


def significant(written: str) -> int:
    """Significant digits written: `0.33` -> 2, `140` -> 3, `2.50e-3` -> 3."""
    digits = written.lower().split("e")[0].lstrip("+-").replace(".", "").lstrip("0")
    return len(digits)


def decimals_for(tolerance: Any) -> int:
    """The decimals a half-unit tolerance stands for: 1/200 -> 2, 1/2 -> 0 (never negative).
    `tolerance` is any real number type (int, float, Fraction, a sympy number)."""
    return max(0, -math.floor(math.log10(float(tolerance * 2)) + 1e-9))


def round_like(value: Any, tolerance: Any) -> str:
    """`value` written with the decimals `tolerance` stands for: (0.0236, 1/2000) -> `0.024`."""
    return f"{float(value):.{decimals_for(tolerance)}f}"


def key_tolerance(key: float, absolute: float = 0.0, relative: float = 0.0) -> float:
    """A key's tolerance: the larger of the absolute one and `relative` times the key."""
    return max(absolute, relative * abs(key))


def within(diff: Any, tolerance: Any, *, rel_slack: Any = 0, abs_slack: Any = 0) -> bool:
    """Whether a difference (already |a - b|) is within `tolerance`, widened by `rel_slack`
    (a fraction of `tolerance`) and `abs_slack`. Works on any real number type, exactly for
    exact ones: the default slacks are the integer 0, so a Fraction or sympy Rational stays
    exact."""
    return bool(diff <= tolerance * (1 + rel_slack) + abs_slack)
