"""DUP003's definition (gloss) signal: a question that names a concept and one that only
describes it. The data checks are fast; the searches load all-MiniLM-L6-v2 (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qbank.services.dedup.concepts import (
    analyze,
    default_glosses,
    default_vocabulary,
    gloss,
    mentions,
)
from tests.conftest import run_bank
from tests.dup.conftest import rec


def test_every_specific_concept_has_one_definition() -> None:
    vocab = default_vocabulary()
    glosses = default_glosses()
    assert set(glosses) == vocab.concepts - vocab.generic
    assert all(len(text.split()) >= 5 for text in glosses.values())


@pytest.mark.parametrize(("concept", "sibling"), [
    ("l1-regularization", "l2-regularization"), ("l2-regularization", "l1-regularization"),
    ("lstm", "gru"), ("gru", "lstm"), ("max-pooling", "average-pooling"),
    ("batch-normalization", "layer-normalization"), ("relu", "leaky-relu"),
])
def test_a_definition_names_no_sibling(concept: str, sibling: str) -> None:
    assert sibling not in mentions(default_glosses()[concept])


def test_gloss_of_a_question() -> None:
    early = default_glosses()["early-stopping"]
    assert gloss(analyze("What is early stopping?")) == early
    # generic concepts only, or none: nothing to define
    assert gloss(analyze("What is deep learning?")) is None
    assert gloss(analyze("Why do we halt training when the score stops improving?")) is None
    # two concepts: both definitions, in id order
    both = gloss(analyze("Compare L2 regularization and dropout."))
    assert both == "; ".join(default_glosses()[c] for c in ("dropout", "l2-regularization"))
    # a concept without a definition: no gloss
    assert gloss(analyze("What is early stopping?"), glosses={}) is None


@pytest.mark.slow
def test_named_and_described_question_is_reported_on_the_newer(make_bank) -> None:
    bank = make_bank({
        "training/early-stopping.yaml": rec(
            "early-stopping", "What is early stopping?", topic="training"),
        "training/stop-when-flat.yaml": rec(
            "stop-when-flat", "Explain the practice of ending the training run once the score "
                              "on held-out data no longer improves.", topic="training"),
        "cnn/pooling.yaml": rec("pooling", "Why do CNNs use pooling layers?", topic="cnn"),
    })
    res = run_bank(bank, ["DUP"])
    [f] = res.findings
    assert (f.code, f.question, Path(f.path).name, f.line, f.severity.value) == (
        "DUP003", "stop-when-flat", "stop-when-flat.yaml", 7, "warning")
    assert ("one names {early-stopping}, the other describes it: cosine 0.58 with its "
            "definition") in f.message
    assert [(r.question, Path(r.path).name, r.line) for r in f.related] == [
        ("early-stopping", "early-stopping.yaml", 7)]
    # the signal can be switched off, and its threshold raised
    assert not run_bank(bank, ["DUP003"], rules={"DUP003": {"glosses": False}}).findings
    assert not run_bank(bank, ["DUP003"],
                        rules={"DUP003": {"gloss_threshold": 0.7}}).findings


@pytest.mark.slow
def test_described_distillation_is_a_duplicate(make_bank) -> None:
    bank = make_bank({
        "training/distillation.yaml": rec(
            "distillation", "What is knowledge distillation?", topic="training"),
        "training/small-mimics-big.yaml": rec(
            "small-mimics-big", "How can a compact network be taught to reproduce the "
                                "predictions of a much bigger one?", topic="training"),
    })
    [f] = run_bank(bank, ["DUP"]).findings
    assert (f.code, f.question, f.line) == ("DUP003", "small-mimics-big", 7)
    assert "one names {knowledge-distillation}, the other describes it" in f.message


@pytest.mark.slow
def test_a_description_of_the_sibling_is_not_a_duplicate(make_bank) -> None:
    # each description is nearer to the sibling's definition than to the named concept's
    # (L1 ~ "squared weights": cosine 0.60 >= gloss_threshold, but L2's definition: 0.78)
    bank = make_bank({
        "regularization/l1.yaml": rec("l1", "What is L1 regularization?",
                                      topic="regularization"),
        "regularization/squared-penalty.yaml": rec(
            "squared-penalty", "Explain the penalty on the sum of squared weights that is "
                               "added to the loss.", topic="regularization"),
        "rnn/lstm.yaml": rec("lstm", "What is an LSTM?", topic="rnn"),
        "rnn/two-gates.yaml": rec(
            "two-gates", "Describe the recurrent cell that has only an update gate and a reset "
                         "gate.", topic="rnn"),
    })
    assert not run_bank(bank, ["DUP"]).findings


@pytest.mark.slow
def test_a_comparison_is_not_the_description_of_one_side(make_bank) -> None:
    # names {fine-tuning, pretraining} and asks how they differ; the other asks how to use a
    # pretrained model (a concept of its own, named in the definitions): not one question
    bank = make_bank({
        "llm/pretrain-vs-finetune.yaml": rec(
            "pretrain-vs-finetune", "Define pre-training and fine-tuning for large language "
                                    "models. How do they differ?", topic="llm"),
        "cnn/reuse-pretrained.yaml": rec(
            "reuse-pretrained", "How might you leverage pretrained models for a new image "
                                "classification task?", topic="cnn"),
    })
    assert not run_bank(bank, ["DUP"]).findings
