"""`qbank import` on documents that mix formats: entries written in another format than the
one that reads the document are split off where they stand, with their own line numbers;
emphasis and fenced code inside an answer stay in it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qbank.commands.importer import FALLBACK, FORMATS, parse
from qbank.commands.importer.text import fenced
from tests.importer.conftest import Importer

MIXED = """\
# My questions

## What is dropout?

Dropout randomly zeroes a fraction of activations during training.

### Q2: Why normalize inputs?

It makes optimization better conditioned.

**What is an epoch?**

One full pass over the data.

Q. What is a tensor?
A. A multi-dimensional array.

<details><summary>What is ReLU?</summary>
max(0, x)
</details>
"""


def test_mixed_document_imports_every_entry(imp: Importer) -> None:
    src = imp.source("qs.md", MIXED)
    code, out, _ = imp.run(src)
    assert code == 0, out
    recs = imp.records()
    assert [(r["question"], r["answer"], r["sources"][0]["note"]) for r in recs] == [
        ("What is dropout?\n",
         "Dropout randomly zeroes a fraction of activations during training.\n", "line 3"),
        ("Why normalize inputs?\n", "It makes optimization better conditioned.\n",
         "My questions Q2, line 7"),
        ("What is an epoch?\n", "One full pass over the data.\n", "line 11"),
        ("What is a tensor?\n", "A multi-dimensional array.\n", "line 15"),
        ("What is ReLU?\n", "max(0, x)\n", "line 18"),
    ]
    assert [r["id"] for r in recs] == ["dropout", "why-normalize-inputs", "epoch", "tensor",
                                       "relu"]
    assert ("qs.md: Markdown headings + bold questions + Q./A. pairs + HTML <details> answers"
            ", 5 entries") in out
    assert "qs.md: 5 imported, 0 already imported, 0 clashes; 0 stretches skipped" in out
    # a second run finds every entry by its line: nothing new
    before = imp.files()
    code, out, _ = imp.run(src)
    assert code == 0 and imp.files() == before
    assert "qs.md: 0 imported, 5 already imported" in out


def test_bold_emphasis_inside_an_answer_is_no_question(imp: Importer) -> None:
    src = imp.source("lr.md", "## What is the learning rate?\n\nThe size of each step.\n\n"
                              "**Note:** use a small learning rate.\n\n"
                              "**Use a small learning rate.**\n\n"
                              "- **Why does it matter?**\n\n"
                              "**Warning: it diverges when too large**\n\n"
                              "## How do you pick it?\n\nTry a range.\n")
    assert imp.run(src)[0] == 0
    recs = imp.records()
    assert [r["question"] for r in recs] == ["What is the learning rate?\n",
                                             "How do you pick it?\n"]
    assert recs[0]["answer"] == ("The size of each step.\n\n"
                                 "**Note:** use a small learning rate.\n\n"
                                 "**Use a small learning rate.**\n\n"
                                 "- **Why does it matter?**\n\n"
                                 "**Warning: it diverges when too large**\n")


def test_nothing_is_split_inside_a_fenced_block(imp: Importer) -> None:
    src = imp.source("f.md", "## What does this print?\n\n```text\n**What is an epoch?**\n\n"
                             "Q. What is a tensor?\nA. An array.\n\n1. What is X?\nAnswer: x\n"
                             "```\n\nThe text above, as it is.\n\n"
                             "## Why fence code?\n\nTo keep it.\n")
    assert imp.run(src)[0] == 0
    recs = imp.records()
    assert [r["question"] for r in recs] == ["What does this print?\n", "Why fence code?\n"]
    assert recs[0]["answer"] == ("```text\n**What is an epoch?**\n\nQ. What is a tensor?\n"
                                 "A. An array.\n\n1. What is X?\nAnswer: x\n```\n\n"
                                 "The text above, as it is.\n")


def test_code_fence_before_the_split_stays_whole(imp: Importer) -> None:
    src = imp.source("c.md", "## What is dropout?\n\nZeroing activations.\n\n```python\n"
                             "layer = keras.layers.Dropout(0.5)\n\n**Why?** not a question\n```\n"
                             "\n**Why does dropout help?**\n\nIt averages many thinned networks."
                             "\n\n## What is a batch?\n\nA group of examples.\n")
    assert imp.run(src)[0] == 0
    recs = imp.records()
    assert [(r["question"], r["sources"][0]["note"]) for r in recs] == [
        ("What is dropout?\n", "line 1"), ("Why does dropout help?\n", "line 11"),
        ("What is a batch?\n", "line 15")]
    assert recs[0]["answer"] == ("Zeroing activations.\n\n```python\n"
                                 "layer = keras.layers.Dropout(0.5)\n\n**Why?** not a question\n"
                                 "```\n")
    assert recs[1]["answer"] == "It averages many thinned networks.\n"


BOLD_HOST = """\
# Training

**What is an epoch?**

One full pass over the data.

**Q2. Why shuffle the data?**

So that batches are not ordered.

## How does momentum work?

It keeps a running average of gradients.

**What is a batch?**

A group of examples.

3. What is a learning rate schedule?
Answer:
A rule that changes the rate over training.
"""


def test_other_formats_between_bold_questions(imp: Importer) -> None:
    code, out, _ = imp.run(imp.source("b.md", BOLD_HOST))
    assert code == 0, out
    recs = imp.records()
    assert [(r["question"], r["answer"], r["sources"][0]["note"]) for r in recs] == [
        ("What is an epoch?\n", "One full pass over the data.\n", "line 3"),
        ("Why shuffle the data?\n", "So that batches are not ordered.\n", "Training Q2, line 7"),
        ("How does momentum work?\n", "It keeps a running average of gradients.\n", "line 11"),
        ("What is a batch?\n", "A group of examples.\n", "line 15"),
        ("What is a learning rate schedule?\n", "A rule that changes the rate over training.\n",
         "Training Q3, line 19"),
    ]
    assert "b.md: bold questions + Markdown headings + numbered list, 5 entries" in out


def test_details_question_inside_a_numbered_answer(imp: Importer) -> None:
    src = imp.source("n.md", "1. What is an epoch?\nAnswer: One pass.\n\n"
                             "<details><summary>Answer</summary>\nStill about epochs.\n</details>\n"
                             "\nWhy is the sky blue?\n<details><summary>Answer</summary>\n"
                             "Rayleigh scattering.\n</details>\n"
                             "2. What is a step?\nAnswer: One update.\n"
                             "3. What is a batch?\nAnswer: A group.\n")
    assert imp.run(src)[0] == 0
    recs = imp.records()
    assert [(r["question"], r["answer"], r["sources"][0]["note"]) for r in recs] == [
        ("What is an epoch?\n",
         "One pass.\n\n<details><summary>Answer</summary>\nStill about epochs.\n</details>\n",
         "Q1, line 1"),
        ("Why is the sky blue?\n", "Rayleigh scattering.\n", "line 8"),
        ("What is a step?\n", "One update.\n", "Q2, line 12"),
        ("What is a batch?\n", "A group.\n", "Q3, line 14"),
    ]


def test_a_numbered_list_inside_an_answer_stays(imp: Importer) -> None:
    src = imp.source("s.md", "## How do you preprocess images?\n\n"
                             "1. Resize them.\n2. What about colour? Normalize it.\n\n"
                             "### In practice\n\nPixels are scaled.\n\n"
                             "## What is padding?\n\nZeros around the input.\n")
    assert imp.run(src)[0] == 0
    recs = imp.records()
    assert [r["question"] for r in recs] == ["How do you preprocess images?\n",
                                             "What is padding?\n"]
    assert recs[0]["answer"] == ("1. Resize them.\n2. What about colour? Normalize it.\n\n"
                                 "### In practice\n\nPixels are scaled.\n")


MIXED_LINES = st.sampled_from([
    "## What is dropout?", "# Training", "**What is an epoch?**", "**Note:** small.",
    "Q. What is a tensor?", "A. An array.", "1. What is X?", "Answer: x.", "Answer:",
    "<details><summary>What is ReLU?</summary>", "<details><summary>Answer</summary>",
    "</details>", "```", "~~~", "text of an answer.", "", "", "model.fit(x, y)",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MIXED_LINES, max_size=40))
def test_split_entries_keep_their_lines(lines: list[str]) -> None:
    parsed = parse("\n".join(lines))
    starts = [e.line for e in parsed.entries]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for e in parsed.entries:
        assert 1 <= e.line <= e.end <= len(lines)
        assert lines[e.line - 1].strip()
        if e.question:  # the question comes from the entry's own lines
            first = e.question.split("\n", 1)[0].split()[0].strip("*")
            assert first in "\n".join(lines[e.line - 1:e.end]), (e, lines)


def test_a_heading_that_asks_nothing_ends_the_split(imp: Importer) -> None:
    src = imp.source("e.md", "## What is X?\n\nX is a thing.\n\n**What is Y?**\n\nY is another."
                             "\n\n### Example\n\n```python\na = 1\n\n\nb = 2\n```\n\n"
                             "## What is Z?\n\nZ.\n")
    assert imp.run(src)[0] == 0
    recs = imp.records()
    assert [(r["question"], r["answer"], r["sources"][0]["note"]) for r in recs] == [
        # what follows the heading stays in the entry it stood in, one blank line on the cut,
        # the fence as it was
        ("What is X?\n", "X is a thing.\n\n### Example\n\n```python\na = 1\n\n\nb = 2\n```\n",
         "line 1"),
        ("What is Y?\n", "Y is another.\n", "line 5"),
        ("What is Z?\n", "Z.\n", "line 18"),
    ]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MIXED_LINES, max_size=30))
def test_where_a_format_begins_its_parser_starts_an_entry(lines: list[str]) -> None:
    inside = fenced(lines)
    for fmt in (*FORMATS, FALLBACK):
        for i in range(len(lines)):
            if not inside[i] and fmt.begins(lines, i):
                assert [e.line for e in fmt.parse(lines[i:]).entries][:1] == [1], (fmt.name, i)
