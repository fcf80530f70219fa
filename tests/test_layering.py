"""Start-up stays cheap: loading the rules must not import the heavy libraries (TensorFlow,
torch, sympy, sentence-transformers); rules import them lazily when they have work."""

from __future__ import annotations

import subprocess
import sys


def test_registry_import_does_not_pull_heavy_libraries() -> None:
    code = ("import sys; from qbank.lint.registry import all_rules; all_rules(); "
            "import qbank.commands.cli, qbank.lint.engine, qbank.commands.reports; "
            "heavy = [m for m in ('tensorflow', 'keras', 'torch', 'sympy', "
            "'sentence_transformers', 'transformers') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_core_does_not_import_commands() -> None:
    code = ("import sys; import qbank.core.model, qbank.core.loader, qbank.core.findings, qbank.core.fences; "
            "print([m for m in sys.modules if m.startswith(('qbank.commands.cli', 'qbank.lint.engine', "
            "'validators', 'qbank.commands.reports'))])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_validators_is_this_repository_package_not_the_pypi_one(tmp_path) -> None:
    """PyPI has an unrelated package named `validators`; ours must win, from any directory."""
    code = ("import validators, qbank.lint.registry, pathlib; "
            "print(pathlib.Path(validators.__file__).resolve().parent.parent)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path)
    from tests.conftest import REPO

    assert out.stdout.strip() == str(REPO)
    import validators

    assert hasattr(validators, "registry") or __import__("qbank.lint.registry")
    assert not hasattr(validators, "email"), "that is PyPI's `validators`, not qbank's"
