"""Expected output: whitespace normalized, numbers compared at the precision printed."""

from __future__ import annotations

import pytest

from validators.run.output import compare


@pytest.mark.parametrize("expected,actual", [
    ("0.12", "0.1234"),
    ("[0.333 0.667]", "[0.33333334 0.6666667 ]\n"),
    ("loss: 0.25\nacc: 0.9", "loss:   0.2500001   acc: 0.90"),
    ("1.5e-03", "0.0015"),
    ("(2, 3)", "(2,3)"),
    ("3", "3.0"),
    ("tf.Tensor(3.0, shape=(), dtype=float32)", "tf.Tensor(3.0, shape=(), dtype=float32)\n"),
])
def test_matches(expected: str, actual: str) -> None:
    assert compare(expected, actual) == (True, "")


@pytest.mark.parametrize("expected,actual,words", [
    ("0.25", "0.31", "expected `0.25`, got `0.31`"),
    ("1.5e-03", "0.0017", "got `0.0017`"),
    ("a b", "a b c", "goes on"),
    ("a b c", "a b", "ends where"),
    ("dtype=float32", "dtype=float64", "expected `32`, got `64`"),
])
def test_differences(expected: str, actual: str, words: str) -> None:
    ok, diff = compare(expected, actual)
    assert not ok and words in diff
