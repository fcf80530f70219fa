"""Fixtures for the CLAIM tests: one matcher per session (loading the model costs seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from validators.claim.catalog import Matcher, load_catalog


@pytest.fixture(scope="session")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    cache = tmp_path_factory.mktemp("claim-embed")
    return Matcher(load_catalog(), cache_dir=str(cache))


@pytest.fixture(scope="session")
def catalog_verdicts(matcher: Matcher) -> dict[str, str | None]:
    """Every catalog test sentence -> the entry it matched (or None), computed in one batch."""
    cat = matcher.catalog
    sentences = sorted({s for e in cat.entries for s in (*e.flag_tests, *e.pass_tests)})
    found = matcher.match_many(sentences)
    return {s: (m.entry if m else None) for s, m in zip(sentences, found, strict=True)}


@pytest.fixture
def seeds_dir() -> Path:
    for p in (Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "sources",
              Path("/work/shared/seeds")):
        if p.is_dir() and any(p.glob("000_*.txt")):
            return p
    pytest.skip("seed pages not available")
