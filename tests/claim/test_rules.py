"""CLAIM001 and CLAIM002 through the real engine, on small YAML banks: code, record, line."""

from __future__ import annotations

import pytest

from tests.conftest import codes, only, run_bank

pytestmark = pytest.mark.slow

HEAD = """\
id: {id}
title: A question
topic: activations
type: {type}
difficulty: easy
tags: [relu]
"""

RELU_WRONG = HEAD.format(id="relu-out", type="open") + """\
question: |
  Is it true that ReLU cannot be used in the output layer?
answer: |
  Yes, it is true.
  ReLU should not be the activation of the output layer since its outputs are unbounded.
"""

RELU_RIGHT = HEAD.format(id="relu-ok", type="open") + """\
question: |
  Can ReLU be used in the output layer?
answer: |
  Yes: ReLU can be used in the output layer of a regression model whose target cannot be
  negative, such as a count.
"""

CHOICES = HEAD.format(id="dropout-choice", type="single_choice") + """\
question: |
  What does the argument of keras.layers.Dropout mean?
choices:
  - text: "Dropout(0.8) keeps each unit with probability 0.8."
    correct: false
  - text: "The fraction of input units to drop."
    correct: true
answer: |
  The argument is the fraction of units set to zero during training.
"""

CORRECT_CHOICE_WRONG = HEAD.format(id="dropout-bad-key", type="single_choice") + """\
question: |
  What does the argument of keras.layers.Dropout mean?
choices:
  - text: "The fraction of units to drop."
    correct: false
  - text: "In Keras, Dropout(0.8) means that each neuron is kept with probability 0.8."
    correct: true
answer: |
  See the choices.
"""

RANGES = HEAD.format(id="tanh-range", type="open") + """\
question: |
  What are the output ranges of tanh and sigmoid?
answer: |
  Sigmoid outputs values between 0 and 1.

  The tanh function outputs values between 0 and 1 as well.
  Batch normalization has no trainable parameters.
  Max pooling layers have no trainable parameters.
"""


def test_claim001_finding_at_the_sentence(make_bank) -> None:
    bank = make_bank({"activations/relu-out.yaml": RELU_WRONG,
                      "activations/relu-ok.yaml": RELU_RIGHT})
    result = run_bank(bank, select=["CLAIM001"])
    assert codes(result) == [("CLAIM001", "relu-out.yaml", 11)]
    f = only(result, "CLAIM001")[0]
    assert f.name == "known-misconception" and f.severity.value == "error"
    assert "ReLU should not be the activation of the output layer" in f.message
    assert "ReLU can be used in the output layer" in f.message  # the correct statement
    assert "Goodfellow" in f.hint  # the reference
    assert f.column == 3


def test_claim001_ignores_wrong_choices_but_checks_correct_ones(make_bank) -> None:
    bank = make_bank({"activations/dropout-choice.yaml": CHOICES,
                      "activations/dropout-bad-key.yaml": CORRECT_CHOICE_WRONG})
    result = run_bank(bank, select=["CLAIM001"])
    assert codes(result) == [("CLAIM001", "dropout-bad-key.yaml", 12)]
    assert "dropout-rate-keep-probability" in only(result, "CLAIM001")[0].message


def test_claim001_can_be_suppressed_with_a_reason(make_bank) -> None:
    text = RELU_WRONG + "allow:\n  - code: CLAIM001\n    reason: quoted to be refuted\n"
    bank = make_bank({"activations/relu-out.yaml": text})
    assert only(run_bank(bank, select=["CLAIM001"]), "CLAIM001") == []


def test_claim002_true_and_false_statements(make_bank) -> None:
    bank = make_bank({"activations/tanh-range.yaml": RANGES})
    result = run_bank(bank, select=["CLAIM002"])
    assert codes(result) == [("CLAIM002", "tanh-range.yaml", 12),
                             ("CLAIM002", "tanh-range.yaml", 13)]
    tanh, bn = only(result, "CLAIM002")
    assert "tanh function outputs values between 0 and 1" in tanh.message
    assert "[-1, 1]" in tanh.message
    assert "trainable parameters" in bn.message and "Batch normalization" in bn.message
    st = result.stats.claim
    assert st is not None and st.computable_statements == 4 and st.tensorflow_runs == 1
    # the facts are cached: a second run starts no TensorFlow child
    again = run_bank(bank, select=["CLAIM002"])
    assert codes(again) == codes(result) and again.stats.claim.tensorflow_runs == 0


RELU_SPLIT = HEAD.format(id="relu-split", type="open") + """\
question: |
  What is the range of ReLU?
answer: |
  ReLU gives continuous output in range 0 to infinity.
  However in output layer, we would require a finite range of values.
"""


def test_claim001_over_two_sentences_is_reported_at_the_first(make_bank) -> None:
    bank = make_bank({"activations/relu-split.yaml": RELU_SPLIT})
    result = run_bank(bank, select=["CLAIM001"])
    assert codes(result) == [("CLAIM001", "relu-split.yaml", 10)]
    msg = only(result, "CLAIM001")[0].message
    assert "range 0 to infinity. However in output layer" in msg


CLIP_LIST = HEAD.format(id="clip-list", type="open") + """\
question: |
  How is the vanishing gradient problem solved?
answer: |
  In deep networks gradients can become too small on their way back. Solutions:
  - Use ReLU activations
  - Use gradient clipping
"""

CLIP_LIST_RIGHT = HEAD.format(id="clip-list-ok", type="open") + """\
question: |
  How are exploding gradients handled?
answer: |
  In deep RNNs gradients can grow too large and blow up. Solutions:
  - Use gradient clipping
  - Lower the learning rate
"""

GATED_TABLE = HEAD.format(id="gated-table", type="open") + """\
question: |
  How do LSTM and GRU cells differ?
answer: |
  | | LSTM | GRU |
  |---|---|---|
  | gates | three | two |
  | accuracy | better | lower, but faster to train |
"""

GATED_TABLE_RIGHT = HEAD.format(id="gated-table-ok", type="open") + """\
question: |
  How do LSTM and GRU cells differ?
answer: |
  | | LSTM | GRU |
  |---|---|---|
  | gates | three | two |
  | accuracy | comparable, depends on the task | comparable, depends on the task |
"""


def test_claim001_reads_a_list_item_under_its_lead_in(make_bank) -> None:
    bank = make_bank({"activations/clip-list.yaml": CLIP_LIST,
                      "activations/clip-list-ok.yaml": CLIP_LIST_RIGHT})
    result = run_bank(bank, select=["CLAIM001"])
    assert codes(result) == [("CLAIM001", "clip-list.yaml", 12)]
    msg = only(result, "CLAIM001")[0].message
    assert "gradient-clipping-vanishing" in msg
    assert "too small on their way back. Solutions: Use gradient clipping" in msg


def test_claim001_reads_a_table_row_under_its_header(make_bank) -> None:
    bank = make_bank({"rnn/gated-table.yaml": GATED_TABLE.replace("activations", "rnn"),
                      "rnn/gated-table-ok.yaml": GATED_TABLE_RIGHT.replace("activations", "rnn")})
    result = run_bank(bank, select=["CLAIM001"])
    assert codes(result) == [("CLAIM001", "gated-table.yaml", 13)]
    f = only(result, "CLAIM001")[0]
    assert "lstm-gru-consistent-winner" in f.message
    assert "accuracy: LSTM better; GRU lower, but faster to train." in f.message
    assert "Chung et al." in f.hint


KERAS_CLAIMS = HEAD.format(id="keras-claims", type="open") + """\
question: |
  What do these Keras objects compute?
answer: |
  Leaky ReLU outputs zero for negative inputs.
  A Dense layer with 10 units on 20 input features has 200 parameters.
  Conv2D(32, 3, padding='same') on a 28x28x1 input produces an output of shape (26, 26, 32).
  The hard tanh function outputs values between 0 and 1.
  The sigmoid of 0 is 0.5.
  ReLU outputs zero for negative inputs.
  BatchNormalization on 64 channels has 128 trainable and 128 non-trainable parameters.
  The first Dense layer has 100,480 parameters.
"""


def test_claim002_general_keras_claims_report_the_measured_truth(make_bank) -> None:
    """Value, sign, range, parameter counts and output shapes of any built-in activation or
    layer, in prose: each false one is a finding at its line with what TensorFlow measured;
    the true ones and the one the sentence leaves open (no input size) are not."""
    bank = make_bank({"activations/keras-claims.yaml": KERAS_CLAIMS})
    result = run_bank(bank, select=["CLAIM002"])
    assert codes(result) == [("CLAIM002", "keras-claims.yaml", 10),
                             ("CLAIM002", "keras-claims.yaml", 11),
                             ("CLAIM002", "keras-claims.yaml", 12),
                             ("CLAIM002", "keras-claims.yaml", 13)]
    leaky, dense, conv, hard_tanh = only(result, "CLAIM002")
    assert "for negative inputs it returns values in [-0.06, -1" in leaky.message
    assert "keras.layers.Dense(units=10) on inputs of shape (20,) has 210 trainable" in \
        dense.message
    assert "outputs shape (28, 28, 32)" in conv.message
    assert "hard_tanh" in hard_tanh.hint and "[-1, 1]" in hard_tanh.message
    assert result.stats.claim.tensorflow_runs == 1


STEPS = HEAD.format(id="epoch-steps", type="open") + """\
question: |
  How many steps does an epoch take?
answer: |
  With 1,000 samples and batch_size=32, model.fit runs 31 steps per epoch.
  With 50,000 samples, batch_size=128 and validation_split=0.2 it runs 313 steps per epoch.
"""


def test_claim002_epoch_steps_are_worked_out_not_computed_by_tensorflow(make_bank) -> None:
    """The steps of an epoch are arithmetic (the finding says so, not "TensorFlow"); a stated
    validation split is taken off the examples first (40,000 train: 313 steps, no finding)."""
    bank = make_bank({"training/epoch-steps.yaml": STEPS})
    result = run_bank(bank, select=["CLAIM002"])
    assert codes(result) == [("CLAIM002", "epoch-steps.yaml", 10)]
    (steps,) = only(result, "CLAIM002")
    assert "— arithmetic: model.fit on 1000 examples with batch_size=32 runs 32 steps" in \
        steps.message
    assert "worked out" in steps.hint and "TensorFlow" not in steps.message


def test_a_sentence_that_tensorflow_confirms_is_not_flagged_by_embedding_alone() -> None:
    """CLAIM001's embedding tier skips a sentence whose every computed statement is true; one
    with a false statement, or with nothing settled, is still open to it."""
    from validators.claim.computable import Statement, Verdict
    from validators.claim.scan import _confirmed

    st = Statement("value", "relu", {"x": -2.0, "y": 0.0}, "relu(-2) = 0", 0)
    verdicts = [("a", Verdict(st, True, "relu(-2) = 0")),
                ("b", Verdict(st, True, "")), ("b", Verdict(st, False, "")),
                ("c", Verdict(st, None, ""))]
    assert _confirmed(verdicts) == {"a"}
