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


CONTEXTS = """\
In deep RNNs, gradients become too small. Solutions:
- Use gradient clipping
- Gradient clipping rescales any gradient whose norm exceeds a threshold value.
  - cap the norm

Feature | LSTM | GRU |
|---|---|---|
Performance | Slightly better | Faster to train |

| lone row | with | cells |
"""


def test_list_fragments_and_table_rows_carry_their_context() -> None:
    got = {s.text: s.context for s in split(CONTEXTS)}
    # a fragment is read after the list's lead-in (the paragraph's last two sentences)
    assert got["Use gradient clipping"] == (
        "In deep RNNs, gradients become too small. Solutions: Use gradient clipping")
    # an item of 8 words or more states something alone
    assert got["Gradient clipping rescales any gradient whose norm exceeds a threshold value."] \
        == ""
    # a nested item's lead-in is its parent item
    assert got["cap the norm"].startswith("Gradient clipping rescales any gradient")
    assert got["cap the norm"].endswith(" cap the norm")
    # a table row is read under its header row; the header and the rule row are not
    assert got["Performance Slightly better Faster to train"] == (
        "Performance: LSTM Slightly better; GRU Faster to train.")
    assert got["Feature LSTM GRU"] == ""
    # a row after a blank line starts a new table: it is its own header
    assert got["lone row with cells"] == ""
    assert got["In deep RNNs, gradients become too small."] == ""
