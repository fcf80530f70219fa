"""Shared helpers: build a bank in a temporary folder and validate it with the real engine."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from qbank.core.config import Config
from qbank.core.findings import Finding
from qbank.core.loader import load_bank
from qbank.lint.engine import RunResult, validate

REPO = Path(__file__).resolve().parent.parent
TOPICS = REPO / "bank" / "topics.yaml"


def write_bank(root: Path, files: dict[str, str], topics: bool = True) -> Path:
    """Write `files` (relative path -> text) under root/bank, with the real topics.yaml."""
    bank = root / "bank"
    bank.mkdir(parents=True, exist_ok=True)
    if topics and "topics.yaml" not in files:
        shutil.copy(TOPICS, bank / "topics.yaml")
    for rel, text in files.items():
        p = bank / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return bank


def run_bank(bank: Path, select: Iterable[str] = (), targets: Iterable[Path] = (),
             **cfg: object) -> RunResult:
    config = Config(select=list(select), cache_dir=str(bank.parent / ".qbank-cache"), **cfg)
    return validate(load_bank(bank), config, targets=list(targets))


def codes(result: RunResult) -> list[tuple[str, str, int]]:
    """(code, file name, line) of every finding, sorted."""
    return sorted((f.code, Path(f.path).name, f.line) for f in result.findings)


def only(result: RunResult, code: str) -> list[Finding]:
    return [f for f in result.findings if f.code == code]


@pytest.fixture
def make_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str], topics: bool = True) -> Path:
        return write_bank(tmp_path, files, topics)

    return make


VALID = """\
# yaml-language-server: $schema=../../schema/record.schema.json
id: {id}
title: What is an epoch?
topic: {topic}
type: open
difficulty: easy
tags: [training]
status: published
question: |
  What is an epoch in neural network training?
answer: |
  One epoch is one full pass of the training algorithm over every example of the
  training set. Training usually runs for many epochs, shuffling the data between them,
  and stops when the validation loss no longer improves.
"""


def valid_record(rid: str = "epoch", topic: str = "fundamentals") -> str:
    return VALID.format(id=rid, topic=topic)
