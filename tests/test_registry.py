"""Meta-tests on the rule registry: explicit, complete, consistent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qbank.lint.registry import RULE_MODULES, all_rules
from validators.base import FAMILIES

ROOT = Path(__file__).resolve().parent.parent


def _rule_modules_on_disk() -> set[str]:
    out = set()
    for p in (ROOT / "validators").glob("*/*.py"):
        if re.match(r"^[a-z]+\d{3}_", p.stem):
            out.add(f"validators.{p.parent.name}.{p.stem}")
    return out


def test_every_rule_module_is_registered_once() -> None:
    assert len(RULE_MODULES) == len(set(RULE_MODULES))
    assert set(RULE_MODULES) == _rule_modules_on_disk()


@pytest.mark.parametrize("code,rule", list(all_rules().items()))
def test_code_matches_module_and_name(code: str, rule) -> None:
    module = rule.module.rsplit(".", 1)[1]
    family = rule.module.split(".")[1]
    assert rule.family in FAMILIES
    assert family == rule.family.lower(), f"{code} lives in validators/{family}/"
    assert module == f"{code.lower()}_{rule.name.replace('-', '_')}", (
        f"{rule.module} must be named {code.lower()}_{rule.name.replace('-', '_')}")


def test_codes_are_unique_and_numbered_from_one_per_family() -> None:
    rules = all_rules()
    by_family: dict[str, list[int]] = {}
    for code, r in rules.items():
        by_family.setdefault(r.family, []).append(int(code[-3:]))
    for family, numbers in by_family.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), (
            f"{family} codes must be consecutive from 001: {sorted(numbers)}")


def test_names_are_unique() -> None:
    names = [r.name for r in all_rules().values()]
    assert len(names) == len(set(names))


def test_every_package_is_found_by_pyproject() -> None:
    """`[tool.setuptools.packages.find]` must pick up every package on disk (a package it
    misses is left out of the installed wheel)."""
    import tomllib

    from setuptools import find_packages

    find = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"]["find"]
    listed = set(find_packages(str(ROOT), include=find["include"]))
    on_disk = {".".join(p.parent.relative_to(ROOT).parts)
               for top in ("qbank", "validators", "generators") if (ROOT / top).exists()
               for p in (ROOT / top).rglob("__init__.py")
               if "__pycache__" not in p.parts}
    assert on_disk <= listed, f"not found by packages.find: {sorted(on_disk - listed)}"
    assert all(name.split(".")[0] in ("qbank", "validators", "generators") for name in listed)
