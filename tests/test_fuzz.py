"""Hypothesis: generated and mutated YAML never crashes the loader or the rules (an internal
error would surface as a finding saying so, which is also a failure here)."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qbank.core.config import Config
from qbank.core.loader import Bank, load_text
from qbank.lint.engine import validate
from tests.conftest import REPO, valid_record

SEEDS = [valid_record()] + [p.read_text() for p in sorted(
    (REPO / "tests" / "fixtures" / "broken").rglob("*.yaml"))]
YAML_BITS = st.sampled_from([":", "- ", "|", ">", "'", '"', "{", "}", "[", "]", "#", "&a", "*a",
                             "!!python/object", "\t", "\n", "  ", "```", "```python\n", "~~~",
                             "<script>", "\u201c", "\ufffd", "\x00", "id:", "type: numeric",
                             "choices:", "allow:", "- code: X", "related: [", "%YAML 1.2\n",
                             "---\n", "...\n", "? ", "\r\n"])


def _check(text: str, tmp: Path) -> None:
    bank_root = tmp / "bank"
    bank_root.mkdir(exist_ok=True)
    file = bank_root / "fundamentals" / "epoch.yaml"
    rec = load_text(file, text)
    bank = Bank(root=bank_root, records=[rec], topics={"fundamentals": None})  # type: ignore[dict-item]
    result = validate(bank, Config(select=["SCH", "TXT"], cache_dir=str(tmp / ".c")))
    internal = [f for f in result.findings if "internal error" in f.message]
    assert not internal, internal
    for f in result.findings:
        assert f.line >= 1 and f.column >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_arbitrary_text(tmp_path_factory, text: str) -> None:
    _check(text, tmp_path_factory.mktemp("t"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.sampled_from(SEEDS), cuts=st.lists(
    st.tuples(st.integers(0, 2000), st.integers(0, 40), st.lists(YAML_BITS, max_size=3)),
    min_size=1, max_size=4))
def test_mutated_records(tmp_path_factory, seed: str, cuts) -> None:
    text = seed
    for pos, drop, insert in cuts:
        pos = pos % (len(text) + 1)
        text = text[:pos] + "".join(insert) + text[pos + drop:]
    _check(text, tmp_path_factory.mktemp("m"))


def test_alias_bomb_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    _check(bomb, tmp_path)
    shutil.rmtree(tmp_path, ignore_errors=True)
