"""The wrong claims in the seed pages are caught by `validators.claim.scan_text`."""

from __future__ import annotations

import pytest

from validators.claim import scan_text

pytestmark = pytest.mark.slow

# (seed, line, catalog entry): lines are 1-based lines of the seed file
EXPECTED = {
    ("000_bab35837ab9e8311.txt", 291, "feedforward-vs-recursive"),
    ("000_bab35837ab9e8311.txt", 505, "matmul-needs-equal-shapes"),
    ("000_bab35837ab9e8311.txt", 689, "feedforward-vs-recursive"),
    ("000_bab35837ab9e8311.txt", 885, "matmul-needs-equal-shapes"),
    ("000_bab35837ab9e8311.txt", 398, "dropout-rate-keep-probability"),
    ("000_bab35837ab9e8311.txt", 447, "relu-output-layer"),
    ("000_bab35837ab9e8311.txt", 455, "randomized-relu-definition"),
    ("000_bab35837ab9e8311.txt", 475, "universal-approximation-any-function"),
    ("000_bab35837ab9e8311.txt", 794, "dropout-rate-keep-probability"),
    ("000_bab35837ab9e8311.txt", 843, "relu-output-layer"),
    ("002_85c670baeb7c97bd.txt", 122, "same-padding-any-stride"),
    # 'Recurrent Net (RNTN)' in the answer's table, and in its repeat
    ("000_bab35837ab9e8311.txt", 237, "recursive-net-called-recurrent"),
    ("000_bab35837ab9e8311.txt", 637, "recursive-net-called-recurrent"),
    # placeholder data passed 'when we initialize the session'
    ("000_bab35837ab9e8311.txt", 325, "feed-dict-at-session-creation"),
    ("000_bab35837ab9e8311.txt", 723, "feed-dict-at-session-creation"),
    # rotation and scaling pre-processing 'is necessary'
    ("000_bab35837ab9e8311.txt", 557, "rotation-preprocessing-required"),
    ("000_bab35837ab9e8311.txt", 937, "rotation-preprocessing-required"),
    ("002_85c670baeb7c97bd.txt", 31, "backprop-updates-weights"),
    # the table row 'Performance | Slightly better | Faster to train', read under its header
    ("002_85c670baeb7c97bd.txt", 191, "lstm-gru-consistent-winner"),
}


def test_seed_claims_caught(seeds_dir) -> None:
    found = set()
    for name in sorted({s for s, _, _ in EXPECTED}):
        for h in scan_text((seeds_dir / name).read_text(encoding="utf-8"), markdown=False):
            found.add((name, h.line, h.key))
    assert found >= EXPECTED, sorted(EXPECTED - found)


def test_true_statements_in_the_seeds_are_not_flagged(seeds_dir) -> None:
    text = (seeds_dir / "002_85c670baeb7c97bd.txt").read_text(encoding="utf-8")
    hits = scan_text(text, markdown=False)
    keys = {h.key for h in hits}
    # "Dropout(0.5) # 50% of neurons dropped" and "Sigmoid: squashes between 0 and 1" are right
    assert "dropout-rate-keep-probability" not in keys
    assert not any(h.code == "CLAIM002" for h in hits)


def test_scan_text_on_a_snippet() -> None:
    text = ("Dropout rate - The default interpretation of the dropout hyperparameter is the "
            "probability of training a given node in a layer, where 1.0 means no dropout.\n"
            "The tanh function outputs values between 0 and 1.\n")
    hits = scan_text(text, markdown=False)
    assert [(h.code, h.key, h.line) for h in hits] == [
        ("CLAIM001", "dropout-rate-keep-probability", 1), ("CLAIM002", "range:tanh", 2)]
