"""TXT009 unfenced-code on real records: code and program output in prose, and the fences that
`qbank import` made from such code (```python unfenced), reported at the fence's line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_bank

HEAD = """\
# yaml-language-server: $schema=../../schema/record.schema.json
id: {id}
title: Evaluating a Keras model
topic: keras
type: open
difficulty: easy
tags: [keras]
status: draft
question: |
  How do you evaluate a trained Keras model?
"""

MARKED = HEAD.format(id="marked") + """\
answer: |
  Call evaluate on held-out data:

  ```python fragment unfenced
  loss, accuracy = model.evaluate(X_test, y_test)
  ```

  ```python
  print("reviewed")
  ```
"""

PROSE = HEAD.format(id="prose") + """\
answer: |
  Each output is the same weights applied to a window:

  H1 = w * x[1:3]

  H2 = w * x[3:5]

  The output will be as follows:

  c =: 8 d =: 4

  In general y = mx + b, and x = [1, 2] is a list; the output is: a number.
"""

CLEAN = HEAD.format(id="clean") + """\
answer: |
  The output will be as follows:

  ```output
  0.9375
  ```

  Then the accuracy is printed. A line such as y = a * b + c stays prose.
"""


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the file that holds `needle`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _findings(bank: Path) -> list[tuple[str, str | None, int, str]]:
    result = run_bank(bank, select=["TXT009"], cache=False)
    return sorted((f.code, f.question, f.line, f.message) for f in result.findings)


def test_a_fence_marked_unfenced_is_reported_at_its_line(
        make_bank: Callable[..., Path]) -> None:
    bank = make_bank({"keras/marked.yaml": MARKED})
    found = _findings(bank)
    assert [(c, q, line) for c, q, line, _ in found] == [
        ("TXT009", "marked", line_of(MARKED, "```python fragment unfenced"))]
    assert line_of(MARKED, "```python fragment unfenced") == 14
    message = found[0][3]
    assert "no fence in the source" in message and "`qbank import` fenced it" in message
    result = run_bank(bank, select=["TXT009"], cache=False)
    assert "remove `unfenced`" in result.findings[0].hint


def test_code_and_output_in_prose(make_bank: Callable[..., Path]) -> None:
    bank = make_bank({"keras/prose.yaml": PROSE})
    found = _findings(bank)
    assert [(c, q, line) for c, q, line, _ in found] == [
        ("TXT009", "prose", line_of(PROSE, "H1 = w")),  # one finding per run of code lines:
        ("TXT009", "prose", line_of(PROSE, "H2 = w")),  # a blank line ends the run
        ("TXT009", "prose", line_of(PROSE, "c =: 8 d =: 4")),
    ]
    assert "code outside a fence: 'H1 = w * x[1:3]'" in found[0][3]
    assert "program output outside a fence: 'c =: 8 d =: 4'" in found[2][3]


def test_fenced_output_and_prose_arithmetic_are_not_reported(
        make_bank: Callable[..., Path]) -> None:
    assert _findings(make_bank({"keras/clean.yaml": CLEAN})) == []


def test_imported_code_is_reported_until_reviewed(tmp_path: Path,
                                                  make_bank: Callable[..., Path]) -> None:
    """End to end: `qbank import` fences the code with the mark, TXT009 reports the mark."""
    from typer.testing import CliRunner

    from qbank.commands.cli import app

    bank = make_bank({})
    src = tmp_path / "notes.txt"
    src.write_text("1. How do you evaluate a Keras model?\nAnswer: Call evaluate.\n"
                   "loss, accuracy = model.evaluate(X_test, y_test)\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["import", str(src), "--into", str(bank)])
    assert res.exit_code == 0, res.stdout
    path = bank / "keras" / "evaluate-keras-model.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    fence = lines.index("  ```python unfenced") + 1
    assert _findings(bank) == [
        ("TXT009", "evaluate-keras-model", fence,
         "code that had no fence in the source: `qbank import` fenced it (```python unfenced) "
         "and guessed where it starts and ends")]
    # once reviewed (the mark removed), nothing is reported
    path.write_text(path.read_text(encoding="utf-8").replace("```python unfenced", "```python"),
                    encoding="utf-8")
    assert _findings(bank) == []


LINES = [
    ("H1 = w * x[1:3]", ""), ("y = mx + b", ""), ("x = [1, 2]", ""), ("loss = hist['loss']", ""),
    ("model.fit(x, y)", ""), ("Weight vector is w = [1 0 -1]", ""),
    ("c =: 8 d =: 4", "The output will be as follows:"), ("[[1 2]]", "Output:"), ("[the docs](https://keras.io)", "Output:"),
    ("Then c is printed.", "The output is:"), ("c =: 8", "The model is:"),
    ("- a list item", "it prints:"), ("| a | table |", "The output would be:"),
]


def test_what_counts_as_code_or_output_in_prose() -> None:
    """One test (qbank.core.codelines) for the importer, which fences such lines, and TXT009, which
    reports them: what the importer leaves unfenced is not code for the gate either."""
    from qbank.commands.importer import text as importer
    from qbank.core import codelines
    from validators import txt

    assert importer.looks_like_code is txt.looks_like_code is codelines.looks_like_code
    assert [line for line, _ in LINES if codelines.looks_like_code(line)] == [
        "H1 = w * x[1:3]", "loss = hist['loss']", "model.fit(x, y)"]
    assert [line for line, said in LINES if codelines.looks_like_output(line, said)] == [
        "c =: 8 d =: 4", "[[1 2]]"]
