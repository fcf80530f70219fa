"""Every rule documents itself with an example that it flags and a fix that it accepts; both
are executed here, against a real temporary bank, with only that rule selected."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from qbank.core.config import Config
from qbank.core.loader import load_bank
from qbank.lint.engine import validate
from qbank.lint.registry import all_rules
from tests.conftest import TOPICS
from tests.ruledocs import examples

RULES = list(all_rules().values())


def _bank(tmp: Path, files: dict[str, str]) -> Path:
    root = tmp / "bank"
    root.mkdir(parents=True)
    if "bank/topics.yaml" not in files:
        shutil.copy(TOPICS, root / "topics.yaml")
    for rel, text in files.items():
        assert rel.startswith("bank/"), f"example path {rel} must be under bank/"
        p = tmp / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def _codes(tmp: Path, files: dict[str, str], code: str) -> list[str]:
    bank = _bank(tmp, files)
    # the rule itself, plus any rule the example's `allow` entries name (for SCH014)
    named = set(re.findall(r"code: ([A-Z]+\d{3})", "".join(files.values())))
    cfg = Config(select=[code, *sorted(named & set(all_rules()))], cache_dir=str(tmp / ".cache"))
    return [f"{f.code} {f.path}:{f.line} {f.message}" for f in
            validate(load_bank(bank), cfg).findings if f.code == code]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_docstring_has_the_fixed_shape(rule) -> None:
    doc = rule.doc
    assert doc.split("\n", 1)[0].strip(), "first line says what the rule finds"
    assert "Why:" in doc, "a 'Why:' paragraph explains why it is bad"
    ex = examples(doc)
    assert ex.get("Example"), "an 'Example:' block of YAML files that the rule flags"
    assert ex.get("Instead"), "an 'Instead:' block of YAML files that the rule accepts"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_example_is_flagged_and_fix_is_not(rule, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    ex = examples(rule.doc)
    flagged = _codes(tmp_path / "example", ex["Example"], rule.code)
    assert flagged, f"{rule.code} did not flag its own Example"
    accepted = _codes(tmp_path / "instead", ex["Instead"], rule.code)
    assert not accepted, f"{rule.code} flagged its own fix: {accepted}"
