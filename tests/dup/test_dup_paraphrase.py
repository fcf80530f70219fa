"""DUP003 and the embedding module, with the real all-MiniLM-L6-v2 (loads the model: slow)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qbank import embed
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
    assert again.stats["dup"]["question_embed"]["encoded"] == 0
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
    assert not run_bank(bank, ["DUP003"], rules={"DUP003": {"question_threshold": 0.99}}).findings
