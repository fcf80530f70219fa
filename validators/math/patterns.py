"""The MATH family's data (`patterns.yaml`): the prose reader's grammar, and the phrases of the
named computations the checks look for."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from qbank.core.numbers import NUMBER
from qbank.services.prose.grammar import Grammar

PATTERNS_FILE = Path(__file__).with_name("patterns.yaml")


@cache
def patterns() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    return data


@cache
def grammar() -> Grammar:
    """What the prose reader recognises: functions, their aliases, non-claims."""
    return Grammar.from_data(patterns())


def num_pattern(p: str) -> re.Pattern[str]:
    """A pattern of `patterns.yaml` with `NUM` standing for a written number."""
    return re.compile(p.replace("NUM", NUMBER), re.I)
