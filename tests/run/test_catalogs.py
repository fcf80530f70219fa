"""The RUN catalogs state facts about the installed libraries: each entry is checked against
the real TensorFlow/Keras (and Transformers) that the sandbox runs."""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Any

import pytest

from validators.run.static import (
    keras_backend_catalog,
    removed_catalog,
    saving_catalog,
    tf1_catalog,
)


@pytest.fixture(scope="module")
def tf() -> Any:
    return importlib.import_module("tensorflow")


@pytest.fixture(scope="module")
def keras() -> Any:
    return importlib.import_module("keras")


def _resolve(root: Any, dotted: str) -> Any:
    obj = root
    for part in dotted.split(".")[1:]:
        obj = getattr(obj, part)
    return obj


@pytest.mark.parametrize("name", sorted(keras_backend_catalog()))
def test_a_keras_2_backend_function_is_legacy_in_tf_keras_and_gone_from_keras(
        name: str, tf: Any, keras: Any) -> None:
    assert getattr(tf.keras.backend, name).__module__ == "keras.src.legacy.backend"
    assert not hasattr(keras.backend, name)
    entries = tf1_catalog()
    assert entries[f"tf.keras.backend.{name}"]["severity"] == "warning"
    assert "severity" not in entries[f"keras.backend.{name}"]  # an error: it does not exist


@pytest.mark.parametrize("name,use", sorted(keras_backend_catalog().items()))
def test_a_backend_replacement_exists_in_keras_3(name: str, use: str, keras: Any) -> None:
    named = re.findall(r"`(keras\.[\w.]+)", use)
    assert named or use in ("`x.shape`", "`variable.assign(value)`"), use
    for dotted in named:
        assert callable(_resolve(keras, dotted)), dotted


@pytest.mark.parametrize("key", sorted(saving_catalog()))
def test_a_saving_call_takes_its_path_where_the_catalog_says(key: str, keras: Any) -> None:
    spec = saving_catalog()[key]
    fn = getattr(keras.Model, key.split(".", 1)[1]) if key.startswith("Model.") \
        else _resolve(keras, key)
    params = [p for p in inspect.signature(fn).parameters if p != "self"]
    pos, kw = spec["path"]
    assert params[pos] == kw
    for name in spec.get("unless", []):
        assert name in params
    if isinstance(spec.get("weights"), str):
        assert spec["weights"] in params


def test_a_checkpoint_of_a_whole_model_accepts_what_the_catalog_says(keras: Any) -> None:
    ck = keras.callbacks.ModelCheckpoint
    for ext in saving_catalog()["keras.callbacks.ModelCheckpoint"]["accepts"]:
        ck(f"model{ext}")
    with pytest.raises(ValueError):
        ck("model.hdf5")  # not accepted here, unlike model.save
    with pytest.raises(ValueError):
        ck("model.h5", save_weights_only=True)
    ck("model.weights.h5", save_weights_only=True)


def test_transformers_has_no_tensorflow_or_flax_class_any_more() -> None:
    transformers = pytest.importorskip("transformers")
    names = dir(transformers)
    assert "BertForSequenceClassification" in names  # the lazy module lists its classes
    for key in removed_catalog():
        if key.startswith("transformers."):
            prefix = key[len("transformers."):].rstrip("*")
            assert not [n for n in names if n.startswith(prefix)], key
    with pytest.raises(ImportError):
        exec("from transformers import TFBertForSequenceClassification", {})
