"""Sentence splitting keeps offsets, skips fences and keeps inline code."""

from validators.claim.sentences import split

TEXT = """\
ReLU is cheap. It works well, e.g. in CNNs.

```python
print("Dropout(0.8) keeps 80% of units.")
```

- Keras `Dropout(0.8)` drops 80% of the units.
| a | b |
|---|---|
| Sigmoid outputs values between 0 and 1 | yes |
"""


def test_split_offsets_fences_and_code_spans() -> None:
    got = split(TEXT)
    texts = [s.text for s in got]
    assert texts == ["ReLU is cheap.", "It works well, e.g. in CNNs.",
                     "Keras Dropout(0.8) drops 80% of the units.",
                     "Sigmoid outputs values between 0 and 1 yes"]
    for s in got:  # each offset is on the sentence's own line
        line = TEXT[s.offset:].split("\n", 1)[0]
        assert s.text.split()[-1].strip(".") in line
    assert got[0].block == got[1].block != got[2].block


def test_plain_text_is_one_paragraph_per_line() -> None:
    got = split("First line about ReLU units.\nSecond line about them.", markdown=False)
    assert [s.block for s in got] == [0, 1]
