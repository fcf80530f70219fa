"""RUN016 logits-into-probability-loss: the claim checked with the real Keras (a cross-entropy
reads its input as probabilities unless `from_logits=True`, and gives another value on logits),
the catalog (logits.yaml) against the installed libraries, and the rule on real records."""

from __future__ import annotations

import ast
import importlib
import inspect
from typing import Any

import numpy as np
import pytest

from tests.conftest import run_bank, write_bank
from tests.run.conftest import code_record, fence_line
from validators.run.logits import logits_catalog, logits_issues

pytestmark = pytest.mark.slow

LOSSES = logits_catalog()["losses"]


@pytest.fixture(scope="module")
def keras() -> Any:
    return importlib.import_module("keras")


# ---- the claim, with the real Keras


@pytest.mark.parametrize("entry", LOSSES, ids=[e["class"] for e in LOSSES])
def test_each_loss_expects_probabilities_by_default(entry: dict, keras: Any) -> None:
    cls = getattr(keras.losses, entry["class"])
    params = list(inspect.signature(cls).parameters)
    assert params[entry["at"]] == "from_logits"
    assert cls().get_config()["from_logits"] is False
    fn = getattr(keras.losses, entry["function"])
    assert inspect.signature(fn).parameters["from_logits"].default is False
    for name in entry["strings"]:
        assert keras.losses.get(name) is fn  # what `compile(loss=name)` uses


def test_a_probability_loss_on_logits_is_another_loss(keras: Any) -> None:
    logits = np.array([[2.0, -1.0, 0.5], [-0.3, 1.5, -2.0]], dtype="float32")
    labels = np.array([2, 0])
    wrong = float(keras.losses.SparseCategoricalCrossentropy()(labels, logits))
    right = float(keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits))
    probs = keras.ops.softmax(logits)
    assert float(keras.losses.SparseCategoricalCrossentropy()(labels, probs)) \
        == pytest.approx(right, rel=1e-5)
    assert abs(wrong - right) > 0.5
    one = np.array([[-2.0], [3.0]], dtype="float32")
    binary = np.array([[1.0], [0.0]], dtype="float32")
    assert abs(float(keras.losses.BinaryCrossentropy()(binary, one))
               - float(keras.losses.BinaryCrossentropy(from_logits=True)(binary, one))) > 0.5


def test_compile_with_the_string_loss_trains_on_the_wrong_value(keras: Any) -> None:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    x = 4 * np.random.default_rng(0).normal(size=(8, 4)).astype("float32")
    y = np.arange(8) % 3
    got = model.evaluate(x, y, verbose=0)
    logits = model.predict(x, verbose=0)
    as_probs = float(keras.losses.sparse_categorical_crossentropy(y, logits).numpy().mean())
    as_logits = float(keras.losses.sparse_categorical_crossentropy(
        y, logits, from_logits=True).numpy().mean())
    assert got == pytest.approx(as_probs, rel=1e-4)
    assert abs(got - as_logits) > 0.1, (got, as_logits)


# ---- the catalog against the installed libraries


@pytest.mark.parametrize("name,at", sorted(logits_catalog()["linear_layers"].items()))
def test_a_linear_layer_has_no_activation_by_default(name: str, at: int, keras: Any) -> None:
    params = inspect.signature(getattr(keras.layers, name)).parameters
    assert list(params)[at] == "activation"
    assert params["activation"].default is None


@pytest.mark.parametrize("name", logits_catalog()["pass_through"])
def test_a_pass_through_layer_has_no_activation(name: str, keras: Any) -> None:
    assert "activation" not in inspect.signature(getattr(keras.layers, name)).parameters


def _tiny(name: str) -> tuple[Any, dict[str, Any]]:
    import torch
    import transformers as tr

    ids = torch.tensor([[1, 5, 7, 2]])
    bert = dict(vocab_size=32, hidden_size=8, num_hidden_layers=1, num_attention_heads=2,
                intermediate_size=16, max_position_embeddings=16, num_labels=3)
    if name == "LlamaForCausalLM":
        return tr.LlamaConfig(vocab_size=32, hidden_size=8, intermediate_size=16,
                              num_hidden_layers=1, num_attention_heads=2,
                              num_key_value_heads=2), {"input_ids": ids}
    if name == "ViTForImageClassification":
        return tr.ViTConfig(image_size=8, patch_size=4, num_channels=3, hidden_size=8,
                            num_hidden_layers=1, num_attention_heads=2, intermediate_size=16,
                            num_labels=3), {"pixel_values": torch.randn(1, 3, 8, 8)}
    if name == "BertForMultipleChoice":
        return tr.BertConfig(**bert), {"input_ids": torch.stack([ids, ids.flip(-1)], 1)}
    assert name.startswith("Bert"), f"add a tiny configuration for {name}"
    return tr.BertConfig(**bert), {"input_ids": ids}


@pytest.mark.parametrize("pattern,example",
                         sorted(logits_catalog()["logit_models"]["transformers"].items()))
def test_a_transformers_head_outputs_logits(pattern: str, example: str) -> None:
    import fnmatch

    import torch
    import transformers

    assert fnmatch.fnmatchcase(example, pattern)
    torch.manual_seed(0)
    config, inputs = _tiny(example)
    model = getattr(transformers, example)(config).eval()
    with torch.no_grad():
        logits = model(**inputs).logits
    # unnormalised scores, not probabilities: rows that do not sum to 1
    assert not torch.allclose(logits.sum(-1), torch.ones(logits.shape[:-1]), atol=1e-3)


# ---- the analysis of one fence


def _found(code: str, setup: str = "") -> list[int]:
    return [i.line for i in logits_issues(ast.parse(code), setup)]


@pytest.mark.parametrize("code,lines", [
    ("model = Sequential([Dense(8, activation='relu'), Dense(3)])\n"
     "model.compile(optimizer='adam', loss='categorical_crossentropy')", [2]),
    ("import keras\nmodel = keras.Sequential([keras.layers.Dense(1, activation=None)])\n"
     "model.compile(loss=keras.losses.binary_crossentropy)", [3]),
    ("import keras\nmodel = keras.Sequential([keras.layers.Dense(3, 'linear'), "
     "keras.layers.Dropout(0.2)])\nmodel.compile('adam', 'sparse_categorical_crossentropy')",
     [3]),
    ("import keras\nmodel = keras.Sequential()\nmodel.add(keras.layers.Conv2D(4, 1))\n"
     "model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=False))", [4]),
    ("from tensorflow.keras import layers, Model\nhead = layers.Dense(2)\n"
     "outputs = head(layers.Flatten()(inputs))\nmodel = Model(inputs=inputs, outputs=outputs)\n"
     "loss = 'bce'\nmodel.compile(loss=loss)", [6]),
    ("import keras\ndef build():\n    model = keras.Sequential([keras.layers.Dense(10)])\n"
     "    model.compile(loss='sparse_categorical_crossentropy')\n    return model\n"
     "net = build()\nnet.compile(loss='categorical_crossentropy')", [4, 7]),
    ("import transformers\n"
     "m = transformers.AutoModelForTokenClassification.from_pretrained('bert-base-cased')\n"
     "with strategy.scope():\n    m.compile(loss='sparse_categorical_crossentropy')", [4]),
])
def test_logits_into_a_probability_loss(code: str, lines: list[int]) -> None:
    assert _found(code) == lines


@pytest.mark.parametrize("code", [
    "model = Sequential([Dense(8), Dense(3, activation='softmax')])\n"
    "model.compile(loss='sparse_categorical_crossentropy')",
    "model = Sequential([Dense(8), Dense(3, 'softmax')])\n"
    "model.compile(loss='sparse_categorical_crossentropy')",
    "model = Sequential()\nmodel.add(Dense(3))\nmodel.add(Activation('softmax'))\n"
    "model.compile(loss='categorical_crossentropy')",
    "model = Sequential([Dense(3), Softmax()])\nmodel.compile(loss='categorical_crossentropy')",
    "model = Sequential([Dense(1)])\nmodel.compile(loss=BinaryCrossentropy(True))",
    "x = Dense(3)(inputs)\noutputs = Activation('softmax')(x)\nmodel = Model(inputs, outputs)\n"
    "model.compile(loss='sparse_categorical_crossentropy')",
    "model = Sequential([Dense(3)])\nmodel.compile(loss=SparseCategoricalCrossentropy("
    "from_logits=flag))",
    # a regression model; a loss not known here; a model not followed to its end
    "model = Sequential([Dense(8), Dense(1)])\nmodel.compile(optimizer='adam', loss='mse')",
    "model = Sequential([Dense(3)])\nmodel.compile(loss=my_loss)",
    "model = Sequential([Dense(3)])\nif probabilities:\n    model.add(Softmax())\n"
    "model.compile(loss='categorical_crossentropy')",
    "model = Sequential([Dense(3)])\nmodel.layers[-1].activation = softmax\n"
    "model.compile(loss='categorical_crossentropy')",
    "model = Sequential([Dense(3), MyLayer()])\nmodel.compile(loss='categorical_crossentropy')",
    "model = Sequential([Dense(3, activation=act)])\n"
    "model.compile(loss='categorical_crossentropy')",
    # another library's Dense; a Transformers model without a head
    "from flax import linen as nn\nmodel = Sequential([nn.Dense(3)])\n"
    "model.compile(loss='categorical_crossentropy')",
    "from transformers import TFAutoModel\nmodel = TFAutoModel.from_pretrained('bert')\n"
    "model.compile(loss='sparse_categorical_crossentropy')",
])
def test_probabilities_or_an_unknown_output_are_not_reported(code: str) -> None:
    assert _found(code) == []


def test_a_model_built_in_the_setup(keras: Any) -> None:
    setup = "import keras\nmodel = keras.Sequential([keras.layers.Dense(10)])"
    assert _found("model.compile(loss='sparse_categorical_crossentropy')", setup) == [1]
    assert _found("model = keras.Sequential([keras.layers.Dense(10, activation='softmax')])\n"
                  "model.compile(loss='sparse_categorical_crossentropy')", setup) == []


# ---- real records


RECORDS = {
    "sequential-logits": code_record("sequential-logits", """\
        from tensorflow import keras
        model = keras.Sequential([
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10),
        ])
        model.compile(optimizer="adam",
                      loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
        """, fence="python fragment"),
    "added-logits": code_record("added-logits", """\
        from keras.models import Sequential
        from keras.layers import Dense
        model = Sequential()
        model.add(Dense(16, activation="relu"))
        model.add(Dense(1))
        model.compile(optimizer="adam", loss="binary_crossentropy")
        """, fence="python fragment"),
    "functional-logits": code_record("functional-logits", """\
        import keras
        inputs = keras.Input((8,))
        outputs = keras.layers.Dense(3)(inputs)
        model = keras.Model(inputs, outputs)
        loss_fn = keras.losses.SparseCategoricalCrossentropy()
        model.compile(optimizer="adam", loss=loss_fn)
        """, fence="python fragment"),
    "bert-logits": code_record("bert-logits", """\
        from transformers import AutoModelForSequenceClassification
        model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased")
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        """, fence="python fragment", topic="transformers"),
    "setup-logits": code_record(
        "setup-logits", 'model.compile(optimizer="adam", loss="categorical_crossentropy")',
        fence="python fragment",
        setup='import keras\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])'),
    # not reported: softmax at the end, from_logits=True, an Activation layer, a regression
    "softmax-at-the-end": code_record("softmax-at-the-end", """\
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        """, fence="python fragment"),
    "from-logits": code_record("from-logits", """\
        import keras
        model = keras.Sequential([keras.layers.Dense(10)])
        model.compile(optimizer="adam",
                      loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        """, fence="python fragment"),
    "activation-layer": code_record("activation-layer", """\
        from keras import layers, models
        model = models.Sequential()
        model.add(layers.Dense(1))
        model.add(layers.Activation("sigmoid"))
        model.compile(optimizer="adam", loss="binary_crossentropy")
        """, fence="python fragment"),
    "regression": code_record("regression", """\
        import keras
        model = keras.Sequential([keras.layers.Dense(16, activation="relu"),
                                  keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        """, fence="python fragment"),
}
REPORTED = {
    "sequential-logits": ('loss="sparse_categorical_crossentropy"',
                          "keras.layers.Dense(10)"),
    "added-logits": ('loss="binary_crossentropy"', "Dense(1)"),
    "functional-logits": ("loss=loss_fn", "keras.layers.Dense(3)"),
    "bert-logits": ('loss="sparse_categorical_crossentropy"',
                    "AutoModelForSequenceClassification"),
    "setup-logits": ('loss="categorical_crossentropy"', "keras.layers.Dense(3)"),
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> list:
    root = tmp_path_factory.mktemp("logits")
    bank = write_bank(root, {
        f"{'transformers' if rid.startswith('bert') else 'keras'}/{rid}.yaml": text
        for rid, text in RECORDS.items()})
    return [f for f in run_bank(bank, select=["RUN016"]).findings]


def test_records_are_reported_at_their_loss(found: list) -> None:
    assert sorted((f.code, f.question, f.line) for f in found) == sorted(
        ("RUN016", rid, fence_line(RECORDS[rid], needle))
        for rid, (needle, _) in REPORTED.items())


@pytest.mark.parametrize("rid", sorted(REPORTED))
def test_the_message_names_the_model_and_the_loss(found: list, rid: str) -> None:
    (f,) = [f for f in found if f.question == rid]
    needle, layer = REPORTED[rid]
    assert f.name == "logits-into-probability-loss" and f.severity.value == "error"
    assert f"`{layer}`" in f.message and "logits" in f.message
    assert "from_logits" in f.message and needle.split("=")[-1].strip('"') in f.message
    assert "from_logits=True" in f.hint
    assert ("activation=" in f.hint) == (rid != "bert-logits")
