"""The misconception catalog: its shape, and every entry's own flag/pass cases."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from validators.claim.catalog import CATALOG_FILE, Subject, _stems, load_catalog

CATALOG = load_catalog()
REQUIRED_TOPICS = {"activations", "initialization", "regularization", "normalization",
                   "optimizers", "losses", "cnn", "rnn", "transformers", "embeddings", "llm",
                   "evaluation", "generative", "deployment", "keras", "fundamentals"}
FLAG = [(e.id, s) for e in CATALOG.entries for s in e.flag_tests]
PASS = [(e.id, s) for e in CATALOG.entries for s in e.pass_tests]


def test_catalog_size_and_coverage() -> None:
    assert len(CATALOG.entries) >= 120
    ids = [e.id for e in CATALOG.entries]
    assert len(ids) == len(set(ids)), "ids are unique"
    topics = Counter(e.topic for e in CATALOG.entries)
    assert set(topics) >= REQUIRED_TOPICS, REQUIRED_TOPICS - set(topics)


@pytest.mark.parametrize("entry", CATALOG.entries, ids=[e.id for e in CATALOG.entries])
def test_entry_is_complete(entry) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.id)
    assert len(entry.claims) >= 2, "the false claim in a few phrasings"
    assert entry.why and entry.correct and entry.reference
    assert len(entry.reference) >= 15, "a reference a reader can find (author/title or URL)"
    assert len(entry.flag_tests) >= 2 and len(entry.pass_tests) >= 2
    assert entry.concept or entry.false, "lexical cues are declared"
    subject = CATALOG.subjects[CATALOG.entries.index(entry)]
    assert subject.terms, "the entry has a subject"
    for s in entry.flag_tests:  # its own false statements are about its subject
        assert subject.about(_stems(s)), s


def test_yaml_keys_are_known() -> None:
    raw = yaml.safe_load(CATALOG_FILE.read_text(encoding="utf-8"))
    for e in raw["entries"]:
        assert set(e) <= {"id", "topic", "claims", "why", "correct", "reference", "cues",
                          "tests"}, e["id"]
        assert set(e.get("cues") or {}) <= {"concept", "flag_if", "pass_if", "cue_required"}, \
            e["id"]
        assert set(e["tests"]) == {"flag", "pass"}, e["id"]


@pytest.mark.slow
@pytest.mark.parametrize(("entry", "sentence"), FLAG, ids=[f"{e}-flag{i}" for i, (e, _) in
                                                          enumerate(FLAG)])
def test_flag_case_is_flagged(catalog_verdicts, entry: str, sentence: str) -> None:
    assert catalog_verdicts[sentence] == entry


@pytest.mark.slow
@pytest.mark.parametrize(("entry", "sentence"), PASS, ids=[f"{e}-pass{i}" for i, (e, _) in
                                                          enumerate(PASS)])
def test_pass_case_is_not_flagged(catalog_verdicts, entry: str, sentence: str) -> None:
    assert catalog_verdicts[sentence] is None


@pytest.mark.slow
@pytest.mark.parametrize("sentence", [
    "A common myth is that ReLU cannot be used in the output layer.",
    'The claim "Dropout(0.8) keeps 80% of the units" is wrong.',
    "People often believe that L2 regularization produces sparse weights.",
])
def test_sentences_that_report_a_misconception_are_not_flagged(matcher, sentence) -> None:
    assert matcher.match(sentence) is None


@pytest.mark.slow
@pytest.mark.parametrize("sentence", [
    "ReLU gives continuous output in range 0 to infinity.",
    "Sigmoid outputs values between 0 and 1.",
    "Dropout randomly zeroes activations during training to reduce overfitting.",
])
def test_true_statements_near_a_claim_are_not_flagged(matcher, sentence) -> None:
    assert matcher.match(sentence) is None


@pytest.mark.slow
def test_pairs_and_context(matcher) -> None:
    from qbank.core.cache import CacheTable
    from validators.claim.catalog import match_with_pairs

    split_claim = ["ReLU gives continuous output in range 0 to infinity.",
                   "However in output layer, we would require a finite range of values."]
    got = match_with_pairs(matcher, split_claim, [0, 0], CacheTable(None))
    assert got[0] is None and got[1] is not None and got[1].entry == "relu-output-layer"
    # a different paragraph: no pair
    assert match_with_pairs(matcher, split_claim, [0, 1], CacheTable(None)) == [None, None]


@pytest.mark.slow
def test_a_fragment_is_matched_in_its_context_only(matcher) -> None:
    from qbank.core.cache import CacheTable
    from validators.claim.catalog import match_with_pairs

    items = ["Use gradient clipping", "Use gradient clipping"]
    contexts = ["Gradients become too small in deep networks. Solutions: Use gradient clipping",
                "Gradients become too large in deep networks. Solutions: Use gradient clipping"]
    assert match_with_pairs(matcher, items, [0, 1], CacheTable(None)) == [None, None]
    got = match_with_pairs(matcher, items, [0, 1], CacheTable(None), contexts)
    assert got[0] is not None and got[0].entry == "gradient-clipping-vanishing"
    assert got[0].via == "cue+context"
    assert got[1] is None  # "too large": the exploding-gradient reading, which is right


def test_subject_stems() -> None:
    assert _stems("Normalization normalizes the inputs") == {"norma"}
    assert {"l2", "f1"} <= _stems("L2 and F1")
    sub = Subject(core=frozenset({"dropo"}), terms=frozenset({"dropo", "rate", "unit"}))
    assert sub.about(_stems("Dropout is used in training."))
    assert sub.about(_stems("The rate of units kept."))  # two of its terms
    assert not sub.about(_stems("The learning rate is 0.1."))  # one term: another subject


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "not_entry"), [
    # a cue word of another entry ("test", "same", "layer") is not its subject
    ("The test suite runs the same padding checks on every layer.", None),
    ("Deeper layers of the network always learn the same features on the test set.", None),
])
def test_no_correction_about_another_subject(matcher, sentence, not_entry) -> None:
    assert matcher.match(sentence) is None


def test_candidates_need_the_entry_subject(matcher) -> None:
    """The lexical gate alone (no embedding): `tune-on-test-set` needs a sentence about tuning
    on test data, not any sentence with the word "test"."""
    cat = matcher.catalog
    i = [e.id for e in cat.entries].index("tune-on-test-set")
    assert i in matcher.candidates("Tune the hyperparameters on the test set.")
    assert i not in matcher.candidates("The unit test checks the shape.")


def test_a_sentence_beside_another_subject_does_not_borrow_its_words() -> None:
    """Found by trying a new record: a sentence on Adam's learning rate next to one that says
    'equals' was read as "L2 equals weight decay with Adam"; the entry now needs its subject."""
    text = ("Keras's Adam optimizer uses a learning rate of 0.001 by default. For a true label "
            "of 1 and a predicted probability of 0.5, binary cross-entropy equals 0.69.")
    from validators.claim import scan_text

    assert [h.code for h in scan_text(text, markdown=False) if h.code == "CLAIM001"] == []
