"""Any text: the importer never crashes, and every record it would write reads back as the
same data (the YAML emission holds whatever the source had)."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qbank.commands.importer import parse
from qbank.commands.importer.builder import DEFAULT_TOPICS, allocate_ids, build, dump

LINES = st.sampled_from([
    "1. What is an epoch?", "Answer:", "Answer: yes", "## Q1: Why?", "### Training",
    "**What is X?**", "Q. What?", "A. That.", "<details><summary>Answer</summary>", "</details>",
    "```", "```python", "def f(x):", "return x", "model.fit(x, y)", "- item", "", "   ",
    "*This is one of the most asked interview questions.*", "Correct answer is B.",
    "Dropout is a regularization technique for reducing overfitting in neural networks today.",
    "print(f\u201dx\u201d)", "key: value # comment", "\ttabbed", "  leading spaces", "|", "---",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=30))
def test_any_source_parses_and_round_trips(lines: list[str]) -> None:
    parsed = parse("\n".join(lines))
    ids = allocate_ids(parsed.entries)
    assert len(set(ids)) == len(ids)
    for entry, rid in zip(parsed.entries, ids, strict=True):
        rec = build(entry, rid, "src.txt", list(DEFAULT_TOPICS))
        assert yaml.safe_load(dump(rec)) == rec
