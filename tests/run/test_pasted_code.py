"""RUN findings on records as `qbank import` writes them from the seeds (code pasted from web
pages: typographic quotes, a `…` for omitted arguments, flattened indentation, Keras 2 and
TensorFlow-Transformers APIs), validated for real: code, record and line."""

from __future__ import annotations

import pytest

from tests.conftest import run_bank, write_bank
from tests.run.conftest import fence_line

pytestmark = pytest.mark.slow

HEAD = """\
# yaml-language-server: $schema=../../schema/record.schema.json
id: {rid}
title: "{title}"
topic: {topic}
type: open
difficulty: medium
tags: [keras]
status: draft
question: |
  {title}
answer: |
"""

RECORDS = {
    # Q19: typographic quotes and a `…` standing for the other arguments
    "different-optimizers": ("training", "What do the different optimizers do?", """\
  - Adam: Adaptive learning rates, fast and commonly used
  ```python
  model.compile(optimizer=\u2019adam\u2019, \u2026)
  ```
"""),
    # Q42: a flattened loop
    "fine-tuning-in-keras": ("keras", "How is fine-tuning done in Keras?", """\
  Fine-tuning unfreezes some layers of a pre-trained model.
  ```python
  for layer in model.layers[-5:]:
  layer.trainable = True
  ```
"""),
    # Q44: flattened, an en dash for a minus, typographic quotes, Keras 2 backend functions
    "custom-loss-in-keras": ("training", "How do you define a custom loss in Keras?", """\
  ```python
  import tensorflow.keras.backend as K
  def custom_loss(y_true, y_pred):
  return K.mean(K.square(y_true \u2013 y_pred), axis=-1)
  model.compile(loss=custom_loss, optimizer=\u2019adam\u2019)
  ```
"""),
    # Q26: a whole model checkpointed in the legacy HDF5 format (the fence runs)
    "model-checkpointing": ("keras", "What is model checkpointing?", """\
  Model checkpointing saves the model after each epoch when performance improves.
  ```python
  from tensorflow.keras.callbacks import ModelCheckpoint
  checkpoint = ModelCheckpoint("best_model.h5", save_best_only=True)
  ```
"""),
    # Q50: a TensorFlow class that Transformers 5 removed (the fence runs and fails to import)
    "bert-fine-tuning": ("transformers", "How is BERT fine-tuned for classification?", """\
  ```python
  from transformers import BertTokenizer, TFBertForSequenceClassification
  model = TFBertForSequenceClassification.from_pretrained('bert-base-uncased')
  model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')
  ```
"""),
}


def _text(rid: str) -> str:
    topic, title, answer = RECORDS[rid]
    return HEAD.format(rid=rid, title=title, topic=topic) + answer


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, int]]]:
    root = tmp_path_factory.mktemp("pasted")
    bank = write_bank(root, {f"{RECORDS[r][0]}/{r}.yaml": _text(r) for r in RECORDS})
    out: dict[str, list[tuple[str, int]]] = {r: [] for r in RECORDS}
    for f in run_bank(bank, select=["RUN"]).findings:
        out[str(f.question)].append((f.code, f.line))
    return {k: sorted(v) for k, v in out.items()}


def _at(rid: str, needle: str) -> int:
    return fence_line(_text(rid), needle)


def test_the_name_behind_typographic_quotes_and_an_ellipsis(findings: dict) -> None:
    line = _at("different-optimizers", "model.compile")
    assert findings["different-optimizers"] == [("RUN001", line), ("RUN015", line)]


def test_the_name_used_in_a_flattened_loop(findings: dict) -> None:
    assert findings["fine-tuning-in-keras"] == [
        ("RUN001", _at("fine-tuning-in-keras", "layer.trainable")),
        ("RUN015", _at("fine-tuning-in-keras", "for layer in model"))]


def test_flattened_code_with_keras_2_backend_functions(findings: dict) -> None:
    loss = _at("custom-loss-in-keras", "return K.mean")
    assert findings["custom-loss-in-keras"] == [
        ("RUN001", loss), ("RUN010", loss), ("RUN010", loss),
        ("RUN015", _at("custom-loss-in-keras", "model.compile"))]


def test_a_checkpoint_in_the_legacy_hdf5_format(findings: dict) -> None:
    assert findings["model-checkpointing"] == [
        ("RUN012", _at("model-checkpointing", "ModelCheckpoint(\"best_model.h5\""))]


def test_a_removed_transformers_class_replaces_the_import_error(findings: dict) -> None:
    # the fence runs and raises ImportError on its first line; the static finding explains it
    # (and the classifier's logits go into a loss that expects probabilities: RUN016)
    assert findings["bert-fine-tuning"] == [
        ("RUN002", _at("bert-fine-tuning", "from transformers import")),
        ("RUN016", _at("bert-fine-tuning", "model.compile"))]
