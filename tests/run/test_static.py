"""The static checks alone (no execution), against the index of the pinned API."""

from __future__ import annotations

from pathlib import Path

import pytest

from validators.run.api import ApiIndex, load
from validators.run.run002_unknown_api import wording as run002
from validators.run.run010_legacy_tf1_api import wording as run010
from validators.run.run012_legacy_save_format import wording as run012
from validators.run.static import analyze


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> ApiIndex:
    index = load(str(tmp_path_factory.mktemp("cache")))
    assert index.available
    return index


def codes(api: ApiIndex, code: str, runs: bool = False) -> list[tuple[str, int]]:
    return [(i.code, i.line) for i in analyze(code, api, runs=runs)]


@pytest.mark.parametrize("code", [
    "import tensorflow as tf\nx = tf.keras.utils.to_categorical([1, 2])",
    "from tensorflow import keras\ninputs = keras.Input((3,))\n"
    "model = keras.Model(inputs=inputs, outputs=keras.layers.Dense(1)(inputs))",
    "from sklearn.linear_model import LogisticRegression\nclf = LogisticRegression()\n"
    "clf.fit(X, y, sample_weights=w)",
    "import keras\nopt = keras.optimizers.Adam(learning_rate=1e-3, weight_decay=1e-4)",
    "import tensorflow as tf\nds = tf.data.Dataset.from_tensor_slices(x).batch(32)",
    ">>> import tensorflow as tf\n>>> tf.add(1, 2)\n<tf.Tensor: shape=(), dtype=int32, numpy=3>",
    "def f(tf):\n    return tf.whatever()",
    "model.save('model.keras')\nmodel.fit(X, y, epochs=3, validation_split=0.2)",
    # saving: the native format, weights to `.weights.h5`, and what lifts the path rules
    "import keras\nck = keras.callbacks.ModelCheckpoint('best.keras', save_best_only=True)",
    "from tensorflow.keras.callbacks import ModelCheckpoint\n"
    "ck = ModelCheckpoint('best.weights.h5', save_weights_only=True)",
    "model.save_weights('model.weights.h5')\nmodel.save('export_dir', zipped=False)",
    "import keras\nkeras.saving.save_model(model, 'model.keras')",
    "import keras\nck = keras.callbacks.ModelCheckpoint(f'ck-{run}.keras')",
    # a TensorFlow checkpoint is not a Keras model: it saves to any prefix
    "import tensorflow as tf\nmodel_ckpt = tf.train.Checkpoint(model=model)\n"
    "model_ckpt.save('./ckpt')",
    # what Keras 3 keeps in keras.backend, and a third-party name that still exists
    "from keras import backend as K\neps = K.epsilon()\nK.clear_session()",
    "from transformers import AutoTokenizer, BertForSequenceClassification",
])
def test_correct_code_has_no_findings(api: ApiIndex, code: str) -> None:
    assert codes(api, code) == []


@pytest.mark.parametrize("code,expected", [
    ("from tensorflow.keras.layers.experimental import preprocessing", [("RUN002", 1)]),
    ("import keras\ny = keras.layers.Dense2(3)", [("RUN002", 2)]),
    ("preds = model.predict_classes(X)", [("RUN002", 1)]),
    ("import tensorflow.compat.v1 as tf\nsess = tf.Session()", [("RUN010", 1), ("RUN010", 2)]),
    ("import tensorflow as tf\nopt = tf.train.AdamOptimizer(0.01)", [("RUN010", 2)]),
    ("import keras\nopt = keras.optimizers.SGD(lr=0.1)", [("RUN009", 2)]),
    ("from keras.layers import Embedding\ne = Embedding(100, 8, input_length=10)",
     [("RUN008", 2)]),
    ("model.save('saved_model/')", [("RUN012", 1)]),
    ("print('unclosed'", [("RUN001", 1)]),
    # pasted from a web page: does not parse, but the removed argument is still found
    ("model.compile(loss=\u2019categorical_crossentropy\u2019, label_smoothing=0.1)",
     [("RUN001", 1), ("RUN009", 1)]),
    ("from tensorflow.keras.preprocessing.image import ImageDataGenerator\n"
     "gen = ImageDataGenerator(rotation_range=20)", [("RUN010", 1), ("RUN010", 2)]),
    # legacy or refused save paths
    ("import keras\nkeras.saving.save_model(model, 'model.h5')", [("RUN012", 2)]),
    ("model.save_weights('model.h5')", [("RUN012", 1)]),
    ("import keras\nnet = keras.Sequential([keras.layers.Dense(1)])\nnet.save('net')",
     [("RUN012", 3)]),
    ("from tensorflow.keras.callbacks import ModelCheckpoint\n"
     "ck = ModelCheckpoint('best.keras', save_weights_only=True)", [("RUN012", 2)]),
    ("import keras\nck = keras.callbacks.ModelCheckpoint('best.hdf5')", [("RUN012", 2)]),
    # Keras 2 backend functions
    ("from keras import backend as K\nloss = K.mean(K.square(y - p))",
     [("RUN010", 2), ("RUN010", 2)]),
    # removed from a third-party library, imported or reached through the module
    ("import transformers\nm = transformers.TFAutoModel.from_pretrained('bert-base-uncased')",
     [("RUN002", 2)]),
])
def test_flawed_code(api: ApiIndex, code: str, expected: list) -> None:
    assert codes(api, code) == expected


def test_undefined_names_of_a_runnable_fence_that_does_not_parse(api: ApiIndex) -> None:
    code = ("import numpy as np\nloss, acc = model.evaluate(X_test, np.ones(3))\n"
            "print(f\u201dTest Accuracy: {acc}\u201d)")
    assert sorted(codes(api, code, runs=True)) == [("RUN001", 3), ("RUN015", 2), ("RUN015", 2)]
    # a fragment may use names defined elsewhere; and a fence that parses is run instead
    assert codes(api, code, runs=False) == [("RUN001", 3)]
    assert codes(api, "print(model)", runs=True) == []


def test_deprecated_keywords_are_found_statically_in_runnable_fences_too(api: ApiIndex) -> None:
    # the run may stop before the line (a NameError above it); when it does reach it, the
    # runtime warning on the same line is dropped in favour of this one
    code = "from keras.layers import Embedding\ne = Embedding(100, 8, input_length=10)"
    assert codes(api, code, runs=True) == [("RUN008", 2)]


def test_the_index_is_cached_by_versions(api: ApiIndex, tmp_path: Path) -> None:
    assert api.versions["tensorflow"] and api.versions["keras"]
    assert load(str(tmp_path), build=False).available  # found in the user cache


def _issues(api: ApiIndex, code: str, runs: bool = True) -> list[tuple[str, int, int, str]]:
    return [(i.code, i.line, i.column, i.severity or "error") for i in analyze(code, api, runs=runs)]


def test_a_legacy_hdf5_checkpoint_is_a_warning_and_names_the_fix(api: ApiIndex) -> None:
    code = ("from tensorflow.keras.callbacks import ModelCheckpoint\n"
            "checkpoint = ModelCheckpoint(\"best_model.h5\", save_best_only=True)")
    (issue,) = analyze(code, api, runs=True)
    assert (issue.code, issue.line, issue.column, issue.severity) == ("RUN012", 2, 29, "warning")
    message, hint = run012(issue)  # the analysis gives facts; the rule module words them
    assert "legacy HDF5" in message
    assert "`best_model.keras`" in hint and "save_weights_only=True" in hint


def test_a_save_path_without_extension_still_says_export(api: ApiIndex) -> None:
    (issue,) = analyze("model.save('saved_model/')", api, runs=False)
    message, hint = run012(issue)
    assert issue.severity is None and "raises" in message
    assert "`saved_model.keras`" in hint and "model.export('saved_model/')" in hint


def test_keras_2_backend_functions(api: ApiIndex) -> None:
    legacy = "import tensorflow.keras.backend as K\nx = K.pow(K.clip(y, 0.0, 1.0), 2)"
    issues = analyze(legacy, api, runs=False)
    assert [(i.code, i.line, i.severity) for i in issues] == [("RUN010", 2, "warning")] * 2
    assert {run010(i)[1] for i in issues} == {"use `keras.ops.power`", "use `keras.ops.clip`"}
    (removed,) = analyze("from keras import backend as K\nx = K.log(y)", api, runs=False)
    assert removed.severity is None and "removed from `keras.backend`" in run010(removed)[0]


def test_a_removed_transformers_class(api: ApiIndex) -> None:
    code = ("from transformers import BertTokenizer, TFBertForSequenceClassification\n"
            "model = TFBertForSequenceClassification.from_pretrained('bert-base-uncased')\n"
            "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')")
    issue, logits = analyze(code, api, runs=True)
    assert (issue.code, issue.line) == ("RUN002", 1)
    assert (logits.code, logits.line) == ("RUN016", 3)  # its logits into a probability loss
    message, hint = run002(issue)
    assert "Transformers 5" in message
    assert "`transformers.BertForSequenceClassification`" in hint


# Code as the seeds have it: pasted from web pages, it does not parse (RUN001), but read as its
# author meant it the names it never defines (RUN015) and the legacy APIs (RUN010) are found,
# at their columns in the code as written.

def test_an_ellipsis_for_omitted_arguments(api: ApiIndex) -> None:
    code = "model.compile(optimizer=\u2019adam\u2019, \u2026)"
    assert _issues(api, code) == [("RUN001", 1, 24, "error"), ("RUN015", 1, 0, "error")]


def test_a_flattened_loop(api: ApiIndex) -> None:
    code = "for layer in model.layers[-5:]:\nlayer.trainable = True"
    assert _issues(api, code) == [("RUN001", 2, 0, "error"), ("RUN015", 1, 13, "error")]


def test_flattened_code_with_typographic_quotes_and_an_en_dash(api: ApiIndex) -> None:
    code = ("import tensorflow.keras.backend as K\n"
            "def custom_loss(y_true, y_pred):\n"
            "return K.mean(K.square(y_true \u2013 y_pred), axis=-1)\n"
            "model.compile(loss=custom_loss, optimizer=\u2019adam\u2019)")
    assert _issues(api, code) == [("RUN001", 3, 30, "error"), ("RUN010", 3, 7, "warning"),
                                  ("RUN010", 3, 14, "warning"), ("RUN015", 4, 0, "error")]


def test_flattened_nested_functions(api: ApiIndex) -> None:
    code = ("import tensorflow as tf\n"
            "from tensorflow.keras import backend as K\n"
            "def focal_loss(gamma=2., alpha=0.25):\n"
            "def loss(y_true, y_pred):\n"
            "y_pred = K.clip(y_pred, K.epsilon(), 1. - K.epsilon())\n"
            "pt = tf.where(K.equal(y_true, 1), y_pred, 1 - y_pred)\n"
            "return -K.mean(alpha * K.pow(1. - pt, gamma) * K.log(pt))\n"
            "return loss\n"
            "# Usage\n"
            "model.compile(optimizer=\u2019adam\u2019, loss=focal_loss(gamma=2., alpha=0.25))")
    got = _issues(api, code)
    # the parameters of the nested functions are defined: only `model` is not
    assert [i for i in got if i[0] == "RUN015"] == [("RUN015", 10, 0, "error")]
    assert [i[:3] for i in got if i[0] == "RUN010"] == [
        ("RUN010", 5, 9), ("RUN010", 6, 14), ("RUN010", 7, 8), ("RUN010", 7, 23),
        ("RUN010", 7, 47)]


def test_flattened_if_else_and_try_except(api: ApiIndex) -> None:
    code = ("try:\nimport numpy as np\nexcept ImportError:\nnp = None\n"
            "if np is None:\nx = 0\nelse:\nx = np.ones(3)\nprint(x, y)")
    assert _issues(api, code) == [("RUN001", 2, 0, "error"), ("RUN015", 9, 9, "error")]


def test_code_that_no_repair_makes_parse_gets_only_run001(api: ApiIndex) -> None:
    assert _issues(api, "for x in range(3)\nprint(x") == [("RUN001", 1, 17, "error")]
