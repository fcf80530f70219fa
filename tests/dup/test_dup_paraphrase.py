"""DUP003 and the embedding module, with the real all-MiniLM-L6-v2 (loads the model: slow)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qbank.services import embed
from tests.conftest import only, run_bank
from tests.dup.conftest import rec

pytestmark = pytest.mark.slow


def test_encode_is_normalised_and_cached(tmp_path: Path) -> None:
    texts = ["What is dropout in deep learning?", "Describe the dropout technique.",
             "What is dropout in deep learning?"]
    e1 = embed.Embedder(tmp_path)
    v = e1.encode(texts)
    assert v.shape == (3, embed.DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert e1.stats["encoded"] == 2  # the repeated text is encoded once
    assert float(v[0] @ v[2]) == pytest.approx(1.0, abs=1e-6)
    e2 = embed.Embedder(tmp_path)  # a new process would do the same: read the shards
    v2 = e2.encode(texts)
    assert e2.stats == {**e2.stats, "cached": 3, "encoded": 0}
    assert np.allclose(v, v2, atol=2e-3)  # float16 on disk
    assert list((tmp_path / "embed" / embed.MODEL_SLUG).glob("*.npz"))
    assert embed.model_loaded()


def test_paraphrase_reported_as_warning_on_newer(make_bank) -> None:
    bank = make_bank({
        "regularization/dropout.yaml": rec(
            "dropout", "What is dropout in neural networks and how does it work?",
            topic="regularization"),
        "training/dropout-explained.yaml": rec(
            "dropout-explained", "How does the dropout technique work in a neural network?",
            topic="training"),
        "cnn/pooling.yaml": rec("pooling", "Why do CNNs use pooling layers?", topic="cnn"),
    })
    res = run_bank(bank, ["DUP"])
    [f] = res.findings
    assert (f.code, f.question, f.line, f.severity.value) == (
        "DUP003", "dropout-explained", 7, "warning")
    assert "cosine" in f.message
    assert [(r.question, Path(r.path).name, r.line) for r in f.related] == [
        ("dropout", "dropout.yaml", 7)]
    # second run: every text comes from the cache
    again = run_bank(bank, ["DUP"])
    assert again.stats.dup.question_embed.encoded == 0
    assert [f.code for f in again.findings] == ["DUP003"]


def test_sibling_swap_is_not_a_paraphrase(make_bank) -> None:
    bank = make_bank({
        "cnn/max-pooling.yaml": rec("max-pooling", "How does max pooling work in a CNN?",
                                    topic="cnn"),
        "cnn/average-pooling.yaml": rec("average-pooling",
                                        "How does average pooling work in a CNN?", topic="cnn"),
    })
    assert not run_bank(bank, ["DUP"]).findings


def test_paraphrase_threshold_is_configurable(make_bank) -> None:
    bank = make_bank({
        "regularization/dropout.yaml": rec(
            "dropout", "What is dropout in neural networks and how does it work?",
            topic="regularization"),
        "training/dropout-explained.yaml": rec(
            "dropout-explained", "How does the dropout technique work in a neural network?",
            topic="training"),
    })
    assert only(run_bank(bank, ["DUP003"]), "DUP003")
    # above the embedding threshold, the concept signal ({dropout}, explain) still finds it
    [f] = run_bank(bank, ["DUP003"], rules={"DUP003": {"question_threshold": 0.99}}).findings
    assert (f.code, f.question, f.line) == ("DUP003", "dropout-explained", 7)
    assert "same concepts and intent: {dropout}, explain" in f.message
    assert not run_bank(bank, ["DUP003"], rules={"DUP003": {"question_threshold": 0.99,
                                                            "concepts": False}}).findings


def test_same_concepts_and_intent_flag_a_paraphrase_the_embedding_misses(make_bank) -> None:
    # cosine 0.63: far below question_threshold 0.78; both ask to explain {dropout}
    bank = make_bank({
        "regularization/dropout-working.yaml": rec(
            "dropout-working", "Describe the working of the dropout regularization technique.",
            topic="regularization"),
        "regularization/what-is-dropout.yaml": rec(
            "what-is-dropout", "What is dropout in deep learning?", topic="regularization"),
    })
    res = run_bank(bank, ["DUP"])
    [f] = res.findings
    assert (f.code, f.question, Path(f.path).name, f.line, f.severity.value) == (
        "DUP003", "what-is-dropout", "what-is-dropout.yaml", 7, "warning")
    assert "same concepts and intent: {dropout}, explain" in f.message
    assert [(r.question, Path(r.path).name, r.line) for r in f.related] == [
        ("dropout-working", "dropout-working.yaml", 7)]
    assert res.stats.dup.question_concept_pairs == 1
    # the signal can be switched off: then the embedding alone does not reach the threshold
    assert not run_bank(bank, ["DUP003"], rules={"DUP003": {"concepts": False}}).findings
    # and it still needs the cosine floor
    assert not run_bank(bank, ["DUP003"], rules={"DUP003": {"concept_floor": 0.9}}).findings


def test_synonyms_are_compared_by_their_canonical_form(make_bank) -> None:
    """"Glorot" and "Xavier" are one concept: the two texts' cosine is low (0.35, under the
    concept floor 0.5), their canonical forms' ("explain xavier initialization") is not."""
    from qbank.services.dedup.concepts import canonical

    assert canonical("Explain Glorot initialization.") == "explain xavier initialization"
    bank = make_bank({
        "fundamentals/xavier.yaml": rec("xavier", "What is Xavier initialization?"),
        "fundamentals/glorot.yaml": rec("glorot", "Explain Glorot initialization."),
        # siblings stay apart: He is another concept
        "fundamentals/he.yaml": rec("he", "Explain He initialization."),
    })
    res = run_bank(bank, ["DUP"])
    [f] = res.findings  # on the newer of the two, whichever it is
    assert (f.code, f.line, {f.question, f.related[0].question}) == (
        "DUP003", 7, {"xavier", "glorot"})
    assert "same concepts and intent: {xavier-initialization}, explain" in f.message


def test_sibling_with_another_concept_is_not_a_paraphrase(make_bank) -> None:
    bank = make_bank({
        # cosine 0.79 (above 0.78), but {adam} is not {adam-second-moment}
        "training/adam-workings.yaml": rec(
            "adam-workings", "Describe the workings of the Adam optimizer and its advantages.",
            topic="training"),
        "training/adam-second-moment.yaml": rec(
            "adam-second-moment",
            "Explain the significance of the second moment in the Adam optimizer.",
            topic="training"),
        "rnn/lstm-work.yaml": rec("lstm-work", "How does an LSTM work?", topic="rnn"),
        "rnn/gru-work.yaml": rec("gru-work", "How does a gated recurrent unit work?",
                                 topic="rnn"),
    })
    res = run_bank(bank, ["DUP"])
    assert not res.findings
    assert res.stats.dup.question_concept_vetoed >= 1
    # without the concept veto the embedding alone reports the Adam pair
    loose = run_bank(bank, ["DUP003"], rules={"DUP003": {"concept_veto": False}})
    assert [(f.code, f.question, f.line, f.related[0].question) for f in loose.findings] == [
        ("DUP003", "adam-workings", 7, "adam-second-moment")]


def test_concept_signal_ignores_a_question_about_an_unlisted_aspect(make_bank) -> None:
    # both {dropout}, explain; but "behave at inference time" is outside the vocabulary
    bank = make_bank({
        "regularization/dropout.yaml": rec("dropout", "What is dropout?", topic="regularization"),
        "regularization/dropout-inference.yaml": rec(
            "dropout-inference", "How does dropout behave at inference time?",
            topic="regularization"),
    })
    res = run_bank(bank, ["DUP003"])
    assert not res.findings
    assert res.stats.dup.question_concept_pairs == 0


ORPHAN = """\
id: {id}
title: {id}
topic: regularization
type: open
difficulty: easy
tags: [test]
status: draft
question: ""
answer: |
  {answer}
"""


def test_orphan_answer_matches_the_record_whose_question_it_answers(make_bank) -> None:
    """An imported answer that lost its question is matched with the record whose question it
    answers; not with the sibling record (layer norm), nor is the second orphan on the same
    subject (how to place batch norm) taken for a duplicate."""
    bank = make_bank({
        "regularization/batch-norm.yaml": rec(
            "batch-norm", "What is batch normalization?",
            "It normalizes a layer's inputs over the mini-batch, then scales and shifts "
            "them with learned parameters.", topic="regularization"),
        "regularization/layer-vs-batch-norm.yaml": rec(
            "layer-vs-batch-norm", "How does layer normalization differ from batch "
            "normalization?", "Layer norm normalizes over the features of one example; "
            "batch norm over the batch.", topic="regularization"),
        "regularization/untitled-1.yaml": ORPHAN.format(
            id="untitled-1", answer="Batch normalization is a technique that standardizes the "
            "activations of each layer over the current mini-batch, so that they have zero "
            "mean and unit variance, and then applies a learned scale and shift. It makes "
            "training faster and more stable and allows higher learning rates."),
        "regularization/untitled-2.yaml": ORPHAN.format(
            id="untitled-2", answer="Place the BatchNormalization layer after the Dense or "
            "Conv2D layer and before its activation, and leave out the bias of the layer "
            "before it, since the shift of batch norm replaces it."),
    })
    res = run_bank(bank, ["DUP003"])
    [f] = res.findings
    assert (f.code, f.question, f.line) == ("DUP003", "untitled-1", 9)
    assert "without a question" in f.message and "`batch-norm`" in f.message
    assert [r.question for r in f.related] == ["batch-norm"]
    # validating one file still searches the whole bank: the pair is shown on the target
    [f] = run_bank(bank, ["DUP003"], targets=[bank / "regularization" / "untitled-1.yaml"]).findings
    assert (f.question, [r.question for r in f.related]) == ("untitled-1", ["batch-norm"])
    [f] = run_bank(bank, ["DUP003"], targets=[bank / "regularization" / "batch-norm.yaml"]).findings
    assert (f.question, [r.question for r in f.related]) == ("batch-norm", ["untitled-1"])
    assert not run_bank(bank, ["DUP003"],
                        targets=[bank / "regularization" / "untitled-2.yaml"]).findings
    # the option turns the step off
    assert not run_bank(bank, ["DUP003"], rules={"DUP003": {"orphans": False}}).findings
