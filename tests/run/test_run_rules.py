"""RUN findings on real records: execution results, static checks (fragments too), line
mapping, setup, the cache and the report figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_bank, write_bank
from tests.run.conftest import code_record, fence_line

pytestmark = pytest.mark.slow

RECORDS = {
    "raises-on-line-three": code_record(
        "raises-on-line-three", "x = 1\ny = 2\nraise KeyError('boom')"),
    "wrong-output": code_record("wrong-output", "print(2 + 2)", output="5"),
    "right-output": code_record("right-output", "import numpy as np\n"
                                "print(np.array([1 / 3, 2 / 3]))", output="[0.333 0.667]"),
    "expected-exception": code_record("expected-exception", "int('seven')",
                                      fence="python raises=ValueError"),
    "missing-exception": code_record("missing-exception", "int('7')",
                                     fence="python raises=ValueError"),
    "other-exception": code_record("other-exception", "[][1]",
                                   fence="python raises=ValueError"),
    "keras-warning": code_record(
        "keras-warning", "import keras\n"
        "model = keras.Sequential([keras.layers.Dense(2, input_shape=(3,))])"),
    "uses-setup": code_record("uses-setup", "print(X_train.shape)", output="(8, 3)",
                              setup="import numpy as np\nX_train = np.zeros((8, 3))"),
    "broken-setup": code_record("broken-setup", "print(1)",
                                setup="import numpy as np\nX = np.zeros((2, 3)) @ np.zeros((2, 3))"),
    "static-conv": code_record(
        "static-conv", "from tensorflow.keras import layers\n"
        "x = layers.Conv2D(16, 3, stride=2)(inputs)", fence="python fragment"),
    "static-fit": code_record("static-fit", "model.fit(X, y, nb_epoch=3)",
                              fence="python fragment"),
    "static-compile": code_record(
        "static-compile", "model.compile(optimizer='adam', loss='categorical_crossentropy',\n"
        "              label_smoothing=0.1)", fence="python fragment"),
    "static-session": code_record(
        "static-session", "import tensorflow as tf\nsess = tf.Session()",
        fence="python fragment"),
    "static-unknown": code_record("static-unknown", "y = tf.nn.relux(x)",
                                  fence="python fragment"),
    "static-syntax": code_record("static-syntax", "def f(x:\n    return x",
                                 fence="python fragment"),
    "runs-and-is-static": code_record(
        "runs-and-is-static", "import keras\nlayer = keras.layers.Conv2D(4, 3, stride=2)"),
}


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("runrules")
    bank = write_bank(root, {f"keras/{k}.yaml": v for k, v in RECORDS.items()})
    first = run_bank(bank, select=["RUN"])
    second = run_bank(bank, select=["RUN"])
    edited = RECORDS["wrong-output"].replace("print(2 + 2)", "print(2 + 3)")
    (bank / "keras" / "wrong-output.yaml").write_text(edited, encoding="utf-8")
    third = run_bank(bank, select=["RUN"])
    return {"first": first, "second": second, "third": third, "bank": bank}


def _by(result, rid: str) -> list:
    return [f for f in result.findings if f.question == rid]


def test_an_exception_points_at_its_line_in_the_yaml_file(validated: dict) -> None:
    (f,) = _by(validated["first"], "raises-on-line-three")
    assert f.code == "RUN003" and f.name == "code-raises"
    assert "KeyError" in f.message and f.hint
    assert f.line == fence_line(RECORDS["raises-on-line-three"], "raise KeyError")


def test_wrong_output_is_reported_at_the_output_fence(validated: dict) -> None:
    (f,) = _by(validated["first"], "wrong-output")
    assert f.code == "RUN004"
    assert f.line == fence_line(RECORDS["wrong-output"], "```output")
    assert "expected `5`, got `4`" in f.message


def test_output_is_compared_at_the_printed_precision(validated: dict) -> None:
    assert _by(validated["first"], "right-output") == []


def test_expected_exceptions(validated: dict) -> None:
    r = validated["first"]
    assert _by(r, "expected-exception") == []
    assert [f.code for f in _by(r, "missing-exception")] == ["RUN005"]
    (other,) = _by(r, "other-exception")
    assert other.code == "RUN005" and "IndexError" in other.message


def test_keras_warnings_are_warnings(validated: dict) -> None:
    (f,) = _by(validated["first"], "keras-warning")
    assert f.code == "RUN008" and f.severity.value == "warning"
    assert "input_shape" in f.message
    assert f.line == fence_line(RECORDS["keras-warning"], "model = keras.Sequential")


def test_setup_runs_first_and_its_errors_point_into_it(validated: dict) -> None:
    r = validated["first"]
    assert _by(r, "uses-setup") == []
    (f,) = _by(r, "broken-setup")
    assert f.code == "RUN003" and "setup" in f.message
    assert f.line == fence_line(RECORDS["broken-setup"], "X = np.zeros")


@pytest.mark.parametrize("rid,code,needle,word", [
    ("static-conv", "RUN009", "layers.Conv2D", "strides"),
    ("static-fit", "RUN009", "model.fit", "epochs"),
    ("static-compile", "RUN009", "label_smoothing", "CategoricalCrossentropy"),
    ("static-session", "RUN010", "tf.Session", "tf.function"),
    ("static-unknown", "RUN002", "relux", "tf.nn.relu"),
    ("static-syntax", "RUN001", "def f", "text"),
])
def test_static_checks_of_fragments(validated: dict, rid: str, code: str, needle: str,
                                    word: str) -> None:
    (f,) = _by(validated["first"], rid)
    assert f.code == code
    assert f.line == fence_line(RECORDS[rid], needle)
    assert word in f.hint


def test_a_static_finding_replaces_the_runtime_error_it_explains(validated: dict) -> None:
    assert [f.code for f in _by(validated["first"], "runs-and-is-static")] == ["RUN009"]


def test_unchanged_records_are_not_run_again(validated: dict) -> None:
    first, second = validated["first"].stats.run, validated["second"].stats.run
    assert first.ran == first.fences - first.static_only
    assert second.ran == 0 and second.cached == first.ran
    assert [f.code for f in validated["second"].findings] == \
        [f.code for f in validated["first"].findings]


def test_after_one_edit_only_that_record_runs(validated: dict) -> None:
    third = validated["third"]
    assert third.stats.run.ran == 1
    assert _by(third, "wrong-output") == []


def test_the_summary_names_the_versions_and_counts(validated: dict) -> None:
    stats = validated["first"].stats
    assert stats.run.tensorflow and stats.run.keras
    assert "TensorFlow" in stats.summary and "cached" in stats.summary
    assert stats.run.static_only == 6


def test_no_cache_runs_everything(validated: dict) -> None:
    r = run_bank(validated["bank"], select=["RUN"], cache=False)
    assert r.stats.run.cached == 0 and r.stats.run.ran > 0
    assert Path(validated["bank"]).exists()
