"""Code the source had outside any fence: `qbank import` fences it with the `unfenced` mark
(```python unfenced), which runs like the fence without it, and says the fence is a guess."""

from __future__ import annotations

from qbank.core.fences import FENCE_FLAGS, UNFENCED, fences_in
from tests.importer.conftest import Importer

SOURCE = """\
1. How do you evaluate a Keras model?
Answer: Call evaluate on held-out data.
loss, accuracy = model.evaluate(X_test, y_test)
print(accuracy)
It returns the loss first.

2. What does this TF1 program print?
Answer: The output will be as follows:

c =: 8 d =: 4

Then c and d are printed.

3. How does weight sharing work in a convolution?
Answer: The same weights are applied at every position:

H1 = w * x[1:3]

H2 = w * x[3:5]

The weight vector w is shared.

4. Which optimizer should you start with?
Answer:
```python
import keras
opt = keras.optimizers.Adam(1e-3)
```
"""


def test_fences_made_from_unfenced_code_carry_the_mark(imp: Importer) -> None:
    code, out, _ = imp.run(imp.source("s.txt", SOURCE))
    assert code == 0, out
    files = imp.files()
    evaluate = files["keras/evaluate-keras-model.yaml"]
    assert ("  Call evaluate on held-out data.\n"
            "  ```python unfenced\n"
            "  loss, accuracy = model.evaluate(X_test, y_test)\n"
            "  print(accuracy)\n"
            "  ```\n"
            "  It returns the loss first.\n") in evaluate
    recs = {r["id"]: r for r in imp.records()}
    # output announced by a sentence is fenced as text, with the same mark
    assert "The output will be as follows:\n\n```text unfenced\nc =: 8 d =: 4\n```\n\n" \
        "Then c and d are printed." in recs["this-tf1-program-print"]["answer"]
    # an assignment that slices is code, blank lines between its lines included
    assert "```python unfenced\nH1 = w * x[1:3]\n\nH2 = w * x[3:5]\n```\n\n" \
        "The weight vector w is shared." in recs["weight-sharing-work-convolution"]["answer"]
    # an existing fence is kept as it is, without the mark
    assert "```python\nimport keras\n" in recs["which-optimizer-should-start-with"]["answer"]
    assert out.count("1 code block fenced") == 3


def test_the_mark_does_not_change_how_the_fence_runs() -> None:
    text = "```python unfenced\nprint(1)\n```\n\n```python fragment unfenced\nmodel.fit(x)\n```\n"
    plain, fragment = fences_in(text, ("answer",))
    assert plain.unfenced and plain.runs and plain.is_python and plain.flags == {UNFENCED}
    assert fragment.unfenced and not fragment.runs
    assert UNFENCED in FENCE_FLAGS  # RUN013 knows it


def test_the_mark_is_a_known_fence_option_for_run013() -> None:
    from validators.run import KNOWN_FLAGS

    assert UNFENCED in KNOWN_FLAGS and "fragment" in KNOWN_FLAGS


def test_second_import_creates_nothing(imp: Importer) -> None:
    src = imp.source("s.txt", SOURCE)
    assert imp.run(src)[0] == 0
    before = imp.files()
    code, out, _ = imp.run(src)
    assert code == 0
    assert imp.files() == before
    assert "s.txt: 0 imported, 4 already imported, 0 clashes" in out


def test_dry_run_writes_nothing(imp: Importer) -> None:
    code, out, _ = imp.run(imp.source("s.txt", SOURCE), "--dry-run")
    assert code == 0
    assert imp.files() == {}
    assert "would import keras/evaluate-keras-model.yaml  (Q1, line 1; 1 code block fenced)" \
        in out
    assert "s.txt: 4 to import, 0 already imported, 0 clashes" in out
