"""Hypothesis: arbitrary texts never crash the lexical duplicate search, normalisation is
idempotent, and a text is always an exact duplicate of its re-formatted copy."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qbank.services.dedup.normalize import differing_key_terms, normalize, siblings
from qbank.services.dedup.search import exact_groups, lsh_pairs, minhash_signatures

TEXT = st.text(max_size=200)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, min_size=0, max_size=12))
def test_lexical_search_never_crashes(texts: list[str]) -> None:
    norms = [normalize(t) for t in texts]
    sigs = minhash_signatures(norms)
    assert sigs.shape == (len(norms), 64)
    pairs = lsh_pairs(sigs, 0.4)
    assert all(0 <= a < b < len(norms) for a, b in pairs.tolist())
    for group in exact_groups(norms).values():
        assert len({norms[i] for i in group}) == 1
    for a in norms[:3]:
        for b in norms[:3]:
            differing_key_terms(a, b)
            siblings(a, b)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 ", min_size=15, max_size=120))
def test_reformatted_copy_is_exact(text: str) -> None:
    copy = f"3. **{text.upper()}**?"
    if normalize(text):
        assert exact_groups([normalize(text), normalize(copy)])
