"""The concept signal of DUP003 (qbank.services.dedup.concepts): concept sets with synonyms folded,
context dropped, intents, and the vocabulary file. No embedding model needed."""

from __future__ import annotations

import pytest

from qbank.services.dedup.concepts import (
    analyze,
    bucket_key,
    build_vocabulary,
    compatible_intents,
    default_vocabulary,
    same_question,
    swapped_terms,
)


def concepts(text: str) -> set[str]:
    return set(analyze(text).concepts)


def test_synonyms_and_abbreviations_fold_to_one_concept() -> None:
    for q in ("What is batch normalization?", "What is batchnorm?", "Why use BN layers?",
              "What is batch normalisation?"):
        assert concepts(q) == {"batch-normalization"}, q
    assert concepts("What is an LSTM?") == concepts("What is long short-term memory?") == {"lstm"}
    assert concepts("How do CNNs work?") == {"cnn"}


def test_generic_words_and_context_are_not_what_is_asked() -> None:
    # "regularization technique" is the longest form of dropout; "deep learning" is context
    assert concepts("Describe the working of the dropout regularization technique.") == {"dropout"}
    assert concepts("What is dropout in deep learning?") == {"dropout"}
    # a concept after "in ..." or after a purpose verb is context when a subject comes first
    assert concepts("How do pooling layers in CNNs work and why are they important?") == {
        "pooling"}
    assert concepts("How does early stopping prevent overfitting?") == {"early-stopping"}
    assert concepts("What is overfitting and how to prevent it?") == {"overfitting"}


def test_siblings_differ_in_a_concept() -> None:
    assert concepts("What is L1 regularization?") != concepts("What is L2 regularization?")
    assert concepts("How does an LSTM work?") != concepts("How does a GRU work?")
    assert concepts("What is batch norm?") != concepts("What is layer norm?")
    assert concepts("Describe the workings of the Adam optimizer.") == {"adam"}
    assert concepts("Explain the significance of the second moment in the Adam optimizer.") == {
        "adam-second-moment"}


def test_intents() -> None:
    assert analyze("What is dropout?").intents == {"explain"}
    assert analyze("What is the difference between L1 and L2?").intents == {"compare"}
    assert analyze("How do you implement gradient clipping in Keras?").intents == {"implement"}
    assert analyze("What are the advantages of ReLU?").intents == {"advantages"}
    assert analyze("What are the disadvantages of ReLU?").intents == {"disadvantages"}
    assert "when" in analyze("What is an RNN and when should you use it?").intents
    assert not compatible_intents(frozenset({"advantages"}), frozenset({"disadvantages"}))
    assert compatible_intents(frozenset({"explain"}), frozenset({"apply"}))  # declared compatible


def test_same_question() -> None:
    a = analyze("Describe the working of the dropout regularization technique.")
    assert same_question(a, analyze("What is dropout in deep learning?"))
    assert not same_question(a, analyze("How do you implement dropout in Keras?"))  # intent
    assert not same_question(a, analyze("What is early stopping?"))  # concept
    # only generic concepts, or none: no signal
    assert bucket_key(analyze("What challenges arise when training deep neural networks?")) is None
    assert bucket_key(analyze("What is your favourite colour?")) is None
    # code or math in the question: its specifics are outside the vocabulary
    assert bucket_key(analyze("What does `return_sequences` do in an LSTM?")) is None
    assert bucket_key(analyze("A neuron with bias $b = 1$ computes what?")) is None


def test_guard_skips_words_the_signal_already_judges() -> None:
    assert swapped_terms(["architecture", "important", "transformers"]) == []
    assert swapped_terms(["ethical", "important"]) == ["ethical"]
    # folded as the vocabulary is: British spelling, plural
    assert swapped_terms(["normalisation", "optimizers", "regularisation"]) == []


def test_vocabulary_file_and_errors() -> None:
    v = default_vocabulary()
    assert {"dropout", "lstm", "gru", "batch-normalization"} <= v.concepts
    assert v.generic <= v.concepts and v.broad <= v.concepts
    with pytest.raises(ValueError, match="both"):
        build_vocabulary({"concepts": {"a": ["same form"], "b": ["same form"]}})
    tiny = build_vocabulary({"concepts": {"x": ["foo bar"]}, "intents": {"explain": ["what is"]}})
    assert analyze("What is a foo bar?", tiny).concepts == {"x"}
