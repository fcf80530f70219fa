"""The seeds as imported raw: the hand labels (tests/data/dup_labels.yaml) against the search.
Loads the embedding model (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.bench_dup import TEST_ORPHANS, heldout_orphans, load_labels, seeds_quality

pytestmark = pytest.mark.slow


def test_labels_are_consistent() -> None:
    labels, mirror = load_labels()
    assert len(mirror) == 43
    kinds = {v["label"] for v in labels.values()}
    assert kinds == {"duplicate", "related", "different"}


def test_seed_repeats_and_cross_seed_duplicates_are_caught(tmp_path: Path) -> None:
    q = seeds_quality(tmp_path)
    comb = q["runs"]["combined"]
    # every word-for-word repeat of seed 000 and both repeats that lost their question
    assert comb["recall_by_kind"]["exact"] == "41/41"
    assert comb["recall_by_kind"]["near"] == "2/2"
    assert q["runs"]["exact (DUP001)"]["precision"] == 1.0
    assert comb["precision"] >= 0.9
    # the goal for the combined rules: recall >= 0.9 at precision >= 0.9
    assert comb["recall_all"] >= 0.9
    # cross-seed paraphrases: questions by the concept signal, answers of seed 000 (whose
    # questions were lost) by the orphan step
    para_found = int(comb["recall_by_kind"]["paraphrase"].split("/")[0])
    assert para_found >= 20  # 21/24 measured at the default thresholds
    assert q["runs"]["no orphan step (DUP003)"]["recall_all"] < comb["recall_all"]


def test_orphan_answers_of_the_dev_set(tmp_path: Path) -> None:
    """tests/data/dup_heldout_orphans.yaml (chose orphan_threshold and orphan_floor): every
    orphan reported is a labelled duplicate, and most labelled duplicates are reported."""
    h = heldout_orphans(tmp_path)
    run = h["runs"]["DUP003 (with the orphan step)"]
    assert run["false"] == []
    assert run["recall"] >= 0.7  # 15/20 measured
    assert h["runs"]["DUP003 without it"]["found"] == 0


def test_orphan_answers_of_the_test_set(tmp_path: Path) -> None:
    """tests/data/dup_test_orphans.yaml, never tuned on: what the step reports is mostly a
    labelled duplicate (9 of 10 measured); it finds about a third of them (9/26)."""
    h = heldout_orphans(tmp_path, data=TEST_ORPHANS)
    run = h["runs"]["DUP003 (with the orphan step)"]
    assert (h["orphans"], h["duplicates"]) == (48, 26)
    assert run["precision"] >= 0.9 and run["true"] >= 9
