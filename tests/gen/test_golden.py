"""A seed gives the same variant on every run and machine: the first three variants of every
template of the bank are pinned in tests/gen/golden.yaml."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.gen import golden


def _close(value: Any) -> Any:
    """Floats compared to 1e-12 (libm's last digit may differ between machines)."""
    if isinstance(value, float):
        return pytest.approx(value, rel=1e-12, abs=1e-15)
    if isinstance(value, list):
        return [_close(v) for v in value]
    if isinstance(value, dict):
        return {k: _close(v) for k, v in value.items()}
    return value


def test_every_template_gives_its_pinned_first_variants() -> None:
    pinned = yaml.safe_load(golden.GOLDEN.read_text(encoding="utf-8"))
    now = golden.current()
    assert sorted(now) == sorted(pinned), ("templates added or removed: review them, then "
                                           "`python -m tests.gen.golden --write`")
    for tid, variants in now.items():
        assert variants == _close(pinned[tid]), f"{tid}: other variants for seeds 1-3"
