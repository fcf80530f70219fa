"""The static checks alone (no execution), against the index of the pinned API."""

from __future__ import annotations

from pathlib import Path

import pytest

from validators.run.api import ApiIndex, load
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
