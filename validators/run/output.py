"""Compare a snippet's standard output with its ```output fence: whitespace is normalized and
numbers are compared at the precision the expected output prints them."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[^\s\d]+|\d")


def _tokens(text: str) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)  # terminal colours
    text = text.replace("\r", "\n")
    return _TOKEN.findall(text)


def _number(tok: str) -> float | None:
    if not re.fullmatch(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?", tok):
        return None
    try:
        return float(tok)
    except ValueError:
        return None


def _close(expected: str, actual: str) -> bool:
    e, a = _number(expected), _number(actual)
    if e is None or a is None:
        return expected == actual
    if "e" in expected.lower():  # 1.5e-03: digits of the mantissa, scaled
        mant = expected.lower().split("e")[0]
        digits = len(mant.split(".")[1]) if "." in mant else 0
        return bool(abs(a - e) <= 0.5 * 10.0 ** (_exp10(e) - digits) * 1.0001)
    decimals = len(expected.split(".")[1]) if "." in expected else 0
    return bool(abs(a - e) <= 0.5 * 10.0 ** (-decimals) * 1.0001 + 1e-12 * abs(e))


def _exp10(x: float) -> int:
    import math

    return math.floor(math.log10(abs(x))) if x else 0


def compare(expected: str, actual: str) -> tuple[bool, str]:
    """(matches, a short description of the first difference)."""
    exp, act = _tokens(expected), _tokens(actual)
    for i, (e, a) in enumerate(zip(exp, act, strict=False)):
        if not _close(e, a):
            context = " ".join(exp[max(0, i - 3):i])
            where = f" after `{context}`" if context else ""
            return False, f"expected `{e}`, got `{a}`{where}"
    if len(exp) != len(act):
        if len(act) > len(exp):
            extra = " ".join(act[len(exp):len(exp) + 6])
            return False, f"the output goes on where the expected output ends: `{extra}`"
        missing = " ".join(exp[len(act):len(act) + 6])
        return False, f"the output ends where the expected output goes on: `{missing}`"
    return True, ""
