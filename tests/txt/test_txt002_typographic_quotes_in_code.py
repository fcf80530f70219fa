"""TXT002 typographic-quotes-in-code on real records: code names written in prose between
typographic quotes (the seed's “matmul” function and “Matrix_one”), and quoted prose words that
are not code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_bank

# as `qbank import` writes the seed's entry at line 503 (its question was lost)
MATMUL = """\
# yaml-language-server: $schema=../../schema/record.schema.json
id: untitled-line-503
title: "Untitled question (line 503)"
topic: fundamentals
type: open
difficulty: medium
tags: [fundamentals]
status: draft
question: ""  # lost in the source: write the question
answer: |
  The above code will throw error.

  Dimensions must be equal. But these are 3 and 2 for \u201cmatmul\u201d function which is mismatching. Hence this has to be defined for a 2 X 2 matrix.

  Please change the \u201cMatrix_one\u201d and \u201cMatrix_two\u201d dimensions to reflect a 2 X 2 matrix and then it should work fine.
"""

# quoted prose words, an apostrophe, and code names already in code spans
PROSE = """\
# yaml-language-server: $schema=../../schema/record.schema.json
id: shared-weights
title: Weight sharing
topic: cnn
type: open
difficulty: medium
tags: [cnn]
status: draft
question: |
  What is weight sharing?
answer: |
  \u201cShared weights\u201d is simple: use the same weight vector to do the \u201cconvolution\u201d.
  The process goes from \u201cInput\u201d to \u201coutput\u201d; it\u2019s the net\u2019s \u201chidden\u201d layer
  that learns the features. Call `tf.matmul` with `Matrix_one`.
"""


def test_code_names_between_typographic_quotes_in_prose(
        make_bank: Callable[..., Path]) -> None:
    bank = make_bank({"fundamentals/untitled-line-503.yaml": MATMUL,
                      "cnn/shared-weights.yaml": PROSE})
    found = [(f.question, f.line, f.column, f.message, f.hint)
             for f in run_bank(bank, select=["TXT002"]).findings]
    assert [(q, line, col) for q, line, col, _, _ in found] == [
        ("untitled-line-503", 13, 55), ("untitled-line-503", 15, 21),
        ("untitled-line-503", 15, 38)]
    assert found[0][3] == "code name \u201cmatmul\u201d written between typographic quotes in prose"
    assert found[1][4] == "write it as a code span: `Matrix_one`"
