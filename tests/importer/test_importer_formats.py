"""`qbank import`: each format on a small real file, code fenced with its defects kept."""

from __future__ import annotations

from tests.importer.conftest import Importer

NUMBERED = """\
Deep Learning Interview Questions
Explore Our Courses
1. What is an epoch?
Answer:
One epoch is one complete pass through the training dataset.
2. How do you evaluate a model in Keras?
Answer:
loss, accuracy = model.evaluate(X_test, y_test)
print(f\u201dTest Accuracy: {accuracy}\u201d)
Lorem Ispum
3. How do you schedule the learning rate?
Answer: Use a callback.
def lr_schedule(epoch):
return 0.001 * (0.1 ** (epoch // 10))
scheduler = LearningRateScheduler(lr_schedule)
It lowers the rate every ten epochs.
"""


def test_numbered_list_with_answers(imp: Importer) -> None:
    src = imp.source("list.txt", NUMBERED)
    code, out, _ = imp.run(src)
    assert code == 0, out
    recs = imp.records()
    assert [r["id"] for r in recs] == ["epoch", "evaluate-model-keras",
                                       "schedule-learning-rate"]
    first = recs[0]
    assert first["question"] == "What is an epoch?\n"
    assert first["answer"] == "One epoch is one complete pass through the training dataset.\n"
    assert (first["type"], first["difficulty"], first["status"]) == ("open", "medium", "draft")
    assert first["sources"] == [{"file": "list.txt", "note": "Q1, line 3"}]
    assert first["title"] == "What is an epoch?"
    assert first["tags"] and first["topic"] == "training"
    # code fenced and marked as fenced by the importer; the typographic quotes and the
    # placeholder stay as they were
    assert recs[1]["answer"] == (
        "```python unfenced\nloss, accuracy = model.evaluate(X_test, y_test)\n"
        "print(f\u201dTest Accuracy: {accuracy}\u201d)\n```\nLorem Ispum\n")
    # lost indentation kept; "Answer: text" on the marker line starts the answer
    assert recs[2]["answer"] == (
        "Use a callback.\n```python unfenced\ndef lr_schedule(epoch):\n"
        "return 0.001 * (0.1 ** (epoch // 10))\nscheduler = LearningRateScheduler(lr_schedule)\n"
        "```\nIt lowers the rate every ten epochs.\n")
    assert "skipped   lines 1-2: text outside any question" in out
    assert "list.txt: 3 imported, 0 already imported, 0 clashes" in out
    assert "(Q2, line 6; 1 code block fenced)" in out


def test_numbered_questions_without_answers_under_headings(imp: Importer) -> None:
    src = imp.source("qs.md", "# 80\n\n# Fundamentals\n\n1. Describe backpropagation.\n"
                              "2. What is dropout?\n\n# Training\n\n1. Why shuffle the data?\n")
    code, out, _ = imp.run(src)
    assert code == 0
    recs = imp.records()
    assert [(r["id"], r["answer"], r["sources"][0]["note"]) for r in recs] == [
        ("describe-backpropagation", "", "Fundamentals Q1, line 5"),
        ("dropout", "", "Fundamentals Q2, line 6"),
        ("why-shuffle-data", "", "Training Q1, line 10"),
    ]
    assert "3 without answer" in out
    assert all('\nanswer: ""  # the source gives none: write the model answer\n' in t
               for t in imp.files().values())


def test_numbered_steps_inside_an_answer_stay_in_it(imp: Importer) -> None:
    src = imp.source("steps.md", "1. How do you preprocess images?\n\nSteps:\n\n"
                                 "1. Resize them.\n2. Normalize them.\n\n"
                                 "2. What is padding?\n\nAdding zeros around the input.\n")
    imp.run(src)
    recs = imp.records()
    assert len(recs) == 2
    assert "1. Resize them.\n2. Normalize them." in recs[0]["answer"]


HEADINGS = """\
# Deep learning questions

## Training

### Q1: What is an epoch?

One full pass over the training set.

#### Example

Ten epochs over 1,000 examples are 10,000 example visits.

#### 2) Why shuffle the training data?

So that batches are not ordered by class.

## What does a pooling layer do?

It downsamples feature maps.

```python
import keras
print(keras.layers.MaxPooling2D(2).pool_size)
```
"""


def test_markdown_headings(imp: Importer) -> None:
    code, _out, _ = imp.run(imp.source("h.md", HEADINGS))
    assert code == 0
    recs = imp.records()
    assert [r["question"] for r in recs] == ["What is an epoch?\n",
                                             "Why shuffle the training data?\n",
                                             "What does a pooling layer do?\n"]
    # a deeper heading that asks nothing stays in the answer
    assert recs[0]["answer"].startswith("One full pass over the training set.\n\n#### Example")
    assert recs[0]["sources"][0]["note"] == "Training Q1, line 5"
    assert recs[1]["sources"][0]["note"] == "Training Q2, line 13"
    # an existing fence is kept as it is
    assert recs[2]["answer"] == ("It downsamples feature maps.\n\n```python\nimport keras\n"
                                 "print(keras.layers.MaxPooling2D(2).pool_size)\n```\n")
    assert recs[2]["topic"] == "cnn"


def test_bold_questions(imp: Importer) -> None:
    src = imp.source("b.md", "Intro text.\n\n**What is a tensor?**\n\nAn n-dimensional array.\n\n"
                             "**Pros:**\n\n- fast\n\n**Q2. Why normalize inputs?** To speed "
                             "up training.\n")
    code, _, _ = imp.run(src)
    assert code == 0
    recs = imp.records()
    assert [r["question"] for r in recs] == ["What is a tensor?\n", "Why normalize inputs?\n"]
    assert recs[0]["answer"] == "An n-dimensional array.\n\n**Pros:**\n\n- fast\n"
    assert recs[1]["answer"] == "To speed up training.\n"
    assert recs[1]["sources"][0]["note"] == "Q2, line 11"


def test_q_a_pairs(imp: Importer) -> None:
    src = imp.source("qa.txt", "Q. What is an epoch\nin training?\nA. One pass over the data.\n\n"
                               "Q: What is a batch?\nA: A group of examples.\n"
                               "model.fit(x, y, batch_size=32)\n")
    code, _, _ = imp.run(src)
    assert code == 0
    recs = imp.records()
    assert recs[0]["question"] == "What is an epoch\nin training?\n"
    assert recs[0]["answer"] == "One pass over the data.\n"
    assert recs[1]["answer"] == ("A group of examples.\n```python unfenced\n"
                                 "model.fit(x, y, batch_size=32)\n```\n")


DETAILS = """\
## Questions

1. What is overfitting?
<details><summary>Answer</summary>

The model learns noise instead of patterns.

</details>

<details>
<summary><b>What is dropout?</b></summary>

Randomly zeroing activations during training.
</details>
"""


def test_details_answers(imp: Importer) -> None:
    code, _, _ = imp.run(imp.source("d.md", DETAILS))
    assert code == 0
    recs = imp.records()
    assert [(r["question"], r["answer"]) for r in recs] == [
        ("What is overfitting?\n", "The model learns noise instead of patterns.\n"),
        ("What is dropout?\n", "Randomly zeroing activations during training.\n"),
    ]
    assert recs[0]["sources"][0]["note"] == "Q1, line 3"


PAGE = """\
Courses

- Data Science
- Deep Learning Certification Training
- View All Courses

- 4.6 Rating
- 40 Question(s)

Deep learning learns representations; we have listed the top deep learning interview questions and answers for you here.

Dropout is a regularization technique for reducing overfitting in neural networks by preventing complex co-adaptations on training data.

Dropout can be seen as an extreme form of bagging in which each model is trained on a single case, and of course a cheap one.

*This is one of the most frequently asked deep learning interview questions for freshers.*

Correct answer option is B.

ReLU gives continuous output in range 0 to infinity, so in the output layer of a classifier we would require a finite range of values.

What will be the output of a 3 X 3 max pooling with stride 2 on a 7 X 7 input? Explain.

1 | 2 | 4 |

Max pooling takes the maximum of each 3 X 3 window and slides it over the input with a stride of two, giving a 3 X 3 matrix.

Dropout is a regularization technique for reducing overfitting in neural networks by preventing complex co-adaptations on training data.

Dropout can be seen as an extreme form of bagging in which each model is trained on a single case, and of course a cheap one.

Going through these interview questions will help you land your dream job.

- Privacy Policy
"""


def test_plain_text_page(imp: Importer) -> None:
    code, out, _ = imp.run(imp.source("000_0123456789abcdef.txt", PAGE))
    assert code == 0, out
    recs = imp.records()
    assert [(r["id"], r["sources"][0]) for r in recs] == [
        ("untitled-line-12", {"seed": "000_0123456789abcdef.txt", "note": "line 12"}),
        ("untitled-line-18", {"seed": "000_0123456789abcdef.txt", "note": "line 18"}),
        ("will-be-output-3-x-3-max-pooling-with-stride-2-on-7-x-7", {
            "seed": "000_0123456789abcdef.txt", "note": "line 22"}),
        ("untitled-line-28", {"seed": "000_0123456789abcdef.txt", "note": "line 28"}),
    ]
    lost = recs[0]
    assert lost["question"] == "" and lost["title"] == "Untitled question (line 12)"
    assert lost["answer"].startswith("Dropout is a regularization technique")
    assert lost["answer"].rstrip().endswith("and of course a cheap one.")
    assert recs[1]["answer"].startswith("Correct answer option is B.\n\nReLU gives")
    asked = recs[2]
    assert asked["question"].startswith("What will be the output of a 3 X 3 max pooling")
    assert "1 | 2 | 4 |" in asked["question"]
    assert asked["answer"].startswith("Max pooling takes the maximum")
    assert "skipped   lines 1-8: navigation" in out
    assert "skipped   line 10: page text about the page" in out
    assert "skipped   line 16: promotion line" in out
    assert "possible duplicate of untitled-line-12" in out
    assert "3 without question" in out


def test_collision_suffix_and_topic_override(imp: Importer) -> None:
    src = imp.source("dups.txt", "1. What is dropout?\nAnswer: A regularizer.\n"
                                 "2. What is dropout?\nAnswer: Zeroing units.\n")
    code, out, _ = imp.run(src, "--topic", "fundamentals")
    assert code == 0
    assert sorted(imp.files()) == ["fundamentals/dropout-2.yaml", "fundamentals/dropout.yaml"]
    assert "possible duplicate of dropout" in out


def test_yaml_emission_round_trips_awkward_text(imp: Importer) -> None:
    import yaml

    from qbank.commands.importer.builder import dump

    rec = {"id": "x", "title": 'a "quoted": title # not a comment', "topic": "fundamentals",
           "type": "open", "difficulty": "medium", "tags": ["x"], "status": "draft",
           "question": "  indented first line\nkey: value # hash\n",
           "answer": "tab\there\n\n\nend '' \"\"\n",
           "sources": [{"file": "yes", "note": "line 3"}]}
    text = dump(rec)
    assert text.startswith("# yaml-language-server: $schema=../../schema/record.schema.json\n")
    assert yaml.safe_load(text) == rec


def test_numbered_bold_questions(imp: Importer) -> None:
    src = imp.source("nb.md", "1. **What is a tensor?**\nAn n-dimensional array.\n"
                              "2. **Why normalize inputs?**\nTo speed up training.\n")
    assert imp.run(src)[0] == 0
    recs = imp.records()
    assert [(r["question"], r["sources"][0]["note"]) for r in recs] == [
        ("What is a tensor?\n", "Q1, line 1"), ("Why normalize inputs?\n", "Q2, line 3")]
