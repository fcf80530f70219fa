"""CLAIM002: recognising computable statements (pure) and settling them with TensorFlow."""

from __future__ import annotations

import math

import pytest

from qbank.core.cache import CacheTable
from validators.claim.computable import Settler, find_statements


@pytest.mark.parametrize(("sentence", "kind", "subject", "claim"), [
    ("Sigmoid: squashes between 0 and 1", "range", "sigmoid", {"lo": 0, "hi": 1}),
    ("ReLU gives continuous output in range 0 to infinity.", "range", "relu",
     {"lo": 0, "hi": math.inf}),
    ("Hence the range of Leaky ReLU is -infinity to infinity.", "range", "leaky_relu",
     {"lo": -math.inf, "hi": math.inf}),
    ("ELU has a range of (-1, ∞).", "range", "elu", {"lo": -1, "hi": math.inf}),
    ("Max pooling layers have no trainable parameters.", "params", "MaxPooling2D",
     {"has": False}),
    ("An Embedding layer has trainable weights.", "params", "Embedding", {"has": True}),
    ("Softmax is invariant to adding a constant to its input.", "invariance", "softmax",
     {"op": "shift", "holds": True}),
    ("softmax is not scale invariant, so the output differs", "invariance", "softmax",
     {"op": "scale", "holds": False}),
])
def test_recognised(sentence, kind, subject, claim) -> None:
    (st,) = find_statements(sentence)
    assert (st.kind, st.subject) == (kind, subject)
    assert {k: st.claim[k] for k in claim} == claim


@pytest.mark.parametrize("sentence", [
    "Use ReLU in hidden layers and a dropout rate between 0.2 and 0.5.",
    "tanh is roughly linear for inputs between -1 and 1.",
    "The derivative of the sigmoid lies between 0 and 0.25.",
    "Score could be probability value of 0 to 1.",
])
def test_not_a_statement_about_an_output_range(sentence) -> None:
    assert find_statements(sentence) == []


@pytest.mark.slow
def test_settled_with_tensorflow(tmp_path) -> None:
    cases = {
        "Sigmoid outputs values between 0 and 1.": True,
        "Tanh: squashes between -1 and 1": True,
        "The tanh function outputs values between 0 and 1.": False,
        "GELU outputs values between 0 and infinity.": False,
        "ReLU or Rectifier Linear Unit gives continuous output in range 0 to infinity.": True,
        "Hence the range of Leaky ReLU is -infinity to infinity.": True,
        "Softmax outputs values between -1 and 1.": False,
        "Batch normalization has no trainable parameters.": False,
        "A Dropout layer has trainable weights.": False,
        "Flatten layers have no trainable parameters.": True,
        "Softmax is scale invariant.": False,
        "Sigmoid is shift invariant.": False,
        "Layer normalization is scale invariant.": True,
    }
    cache = CacheTable(tmp_path / "v.json")
    settler = Settler(cache)
    sts = [find_statements(s)[0] for s in cases]
    verdicts = settler.settle(sts)
    assert [v.true for v in verdicts] == list(cases.values())
    assert settler.runs == 1
    cache.save()
    again = Settler(CacheTable(tmp_path / "v.json"))
    assert [v.true for v in again.settle(sts)] == list(cases.values()) and again.runs == 0


@pytest.mark.parametrize("sentence", [
    "Adam with a learning rate of 0.001 moves a weight of 1.0 with gradient 5 to 0.999.",
    "SGD with momentum 0.9 and a learning rate of 0.1 moves w = 1.0 with gradient 2 to 0.8.",
    "After two steps of SGD with learning_rate=0.1, w = 1.0 with gradient 1 becomes 0.8.",
])
def test_an_update_claim_sgd_alone_cannot_settle_is_not_read(sentence: str) -> None:
    assert "update" not in {st.kind for st in find_statements(sentence)}
