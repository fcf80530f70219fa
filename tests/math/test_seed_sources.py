"""The seeds as imported (tests/fixtures/seeds/sources): clean as they are, and every result
they state caught when it is changed. The seeds fixture test calls the same function."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from validators.math import describe
from validators.math.prose import check_file, check_text

SOURCES = REPO / "tests" / "fixtures" / "seeds" / "sources"
SEED0 = SOURCES / "000_bab35837ab9e8311.txt"
pytestmark = pytest.mark.skipif(not SEED0.exists(), reason="seed sources not in the tree")


@pytest.mark.parametrize("seed", sorted(SOURCES.glob("*.txt")) if SOURCES.is_dir() else [],
                         ids=lambda p: p.name)
def test_seeds_are_clean(seed: Path) -> None:
    assert check_file(seed) == []


@pytest.mark.parametrize("old,new", [
    ("3 * 47 = 141", "3 * 47 = 142"),
    ("Here I = 12, F = 3", "Here I = 12, F = 5"),
    ("the answer is 10 X 10", "the answer is 11 X 11"),
    ("0.175, 0.475, 0.024", "0.175, 0.485, 0.024"),
    ("0.153, 0.169, 0.125", "0.153, 0.179, 0.125"),
    ("9 | 8 | 8 |", "9 | 8 | 9 |"),
    ("Bias = -1.5", "Bias = -2.5"),
    ("f(0.5) = 1", "f(0.5) = 0"),
])
def test_changed_results_in_the_seed_are_caught(old: str, new: str) -> None:
    text = SEED0.read_text(encoding="utf-8")
    assert old in text
    i = text.index(old)
    changed = text[:i] + new + text[i + len(old):]
    issues = check_text(changed)
    line = changed[:i].count("\n") + 1
    assert issues, f"{old!r} -> {new!r} not caught"
    assert any(abs(issue.line - line) <= 2 for issue in issues), [describe(x) for x in issues]
