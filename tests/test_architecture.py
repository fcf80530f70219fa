"""The layers of docs/architecture.md, enforced by import-linter (`nox -s lint`): every package
has a layer, and a planted upward import or cycle breaks the contracts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO

CONFIG = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
LAYERS = next(c for c in CONFIG["contracts"] if c["type"] == "layers")["layers"]


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "lint-imports"
    if not exe.exists():
        pytest.skip("import-linter is not installed in this environment")
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(exe), "--config", str(root / "pyproject.toml"), "--no-cache"],
                          capture_output=True, text=True, cwd=root, env=env)


def _copy(tmp_path: Path) -> Path:
    for top in ("qbank", "validators", "generators"):
        shutil.copytree(REPO / top, tmp_path / top,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_every_package_of_qbank_has_a_layer() -> None:
    named = {m.strip() for layer in LAYERS for m in layer.split("|")}
    children = {f"qbank.{p.name}" for p in (REPO / "qbank").iterdir()
                if (p / "__init__.py").exists()}
    assert children <= named, f"give these a layer in pyproject.toml: {children - named}"
    assert {"validators", "generators"} <= named


def test_the_contracts_hold_on_this_tree(tmp_path: Path) -> None:
    out = _lint(_copy(tmp_path))
    assert out.returncode == 0, out.stdout[-3000:]
    assert "BROKEN" not in out.stdout


def test_a_planted_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    model = root / "qbank" / "core" / "model.py"
    model.write_text(model.read_text() + "\nfrom qbank.lint import engine  # noqa\n")
    out = _lint(root)
    assert out.returncode == 1
    assert "Layers: commands > lint" in out.stdout and "BROKEN" in out.stdout
    assert "qbank.core.model -> qbank.lint.engine" in out.stdout


def test_a_planted_cycle_breaks_the_acyclic_contract(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    loader = root / "qbank" / "core" / "loader.py"  # fences imports loader: close the loop
    loader.write_text(loader.read_text() + "\nfrom qbank.core import fences  # noqa\n")
    out = _lint(root)
    assert out.returncode == 1
    assert "No cycles are allowed in qbank.core" in out.stdout
