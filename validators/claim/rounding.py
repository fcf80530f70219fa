"""How precisely a sentence states a number, and how close a computed value must be to it.
Shared by CLAIM002's grammars (computable.py, losses.py, metrics.py, penalties.py); imports
nothing from them. (Not
named numbers.py: tfeval.py runs from this folder, where that would shadow the standard
library's numbers module.)"""

from __future__ import annotations

# a worked computation before a stated value ("0.01 * (1 + 4) = 0.05", "30/40 = 0.75"): the
# value is its last term, and no operator follows it ("3 - 0.5" is not the value 3)
WORKED = r"(?:[\d\s.,/+*()×^²-]+=\s*)*"
NOT_OPERAND = r"(?!\s*[-+*×/^]\s*[\d(])"


def decimals(raw: str) -> int:
    """Digits after the decimal point as written: "0.50" -> 2, "2" -> 0."""
    raw = raw.strip()
    return len(raw.split(".", 1)[1]) if "." in raw else 0


def tolerance(digits: int, actual: float, floor: float = 0.0) -> float:
    """Half a unit of the last digit written (0.005 for a whole number), at least 1 % of the
    computed value and at least `floor`: "0.69" matches 0.6931, "2.3" matches 2.3026."""
    return max(0.5 * 10 ** -digits if digits else 0.005, floor, 0.01 * abs(actual)) + 1e-9
