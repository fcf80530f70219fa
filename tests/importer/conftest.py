"""Helpers for the importer tests: write a source file, run `qbank import`, read the records."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from qbank.commands.cli import app
from tests.conftest import TOPICS

runner = CliRunner()


class Importer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.bank = root / "bank"
        self.bank.mkdir()
        shutil.copy(TOPICS, self.bank / "topics.yaml")

    def source(self, name: str, text: str) -> Path:
        p = self.root / name
        p.write_text(text, encoding="utf-8")
        return p

    def run(self, *args: str | Path) -> tuple[int, str, str]:
        res = runner.invoke(app, ["import", *map(str, args), "--into", str(self.bank)])
        return res.exit_code, res.stdout, res.stderr

    def files(self) -> dict[str, str]:
        return {str(p.relative_to(self.bank)): p.read_text(encoding="utf-8")
                for p in sorted(self.bank.rglob("*.yaml")) if p.name != "topics.yaml"}

    def records(self) -> list[dict[str, Any]]:
        """The imported records, in source order."""
        recs = [yaml.safe_load(t) for t in self.files().values()]
        return sorted(recs, key=lambda r: int(r["sources"][0]["note"].rsplit("line ", 1)[1]))

    def record(self, rid: str) -> dict[str, Any]:
        hit = [r for r in self.records() if r["id"] == rid]
        assert hit, f"no record {rid}: {[r['id'] for r in self.records()]}"
        return hit[0]


@pytest.fixture
def imp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Importer:
    monkeypatch.chdir(tmp_path)
    return Importer(tmp_path)


ImportFn = Callable[..., tuple[int, str, str]]
