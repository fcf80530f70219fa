"""What the prose reader recognises beyond arithmetic, given as data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, eq=False)
class Grammar:
    """Functions evaluated exactly (`sqrt`, `log`, ...), names standing for them when applied
    (`σ(0)` for sigmoid), and text that looks numeric but is never a claim (versions, dates)."""

    functions: frozenset[str] = frozenset()
    aliases: Mapping[str, str] | None = None
    non_claims: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Grammar:
        """From a mapping with `functions` (a list), `function_aliases` (name -> function)
        and `non_claims` (name -> regex), as `validators/math/patterns.yaml` declares them."""
        return cls(frozenset(data["functions"]), dict(data["function_aliases"]),
                   tuple(re.compile(p) for p in data["non_claims"].values()))

    def alias(self, name: str) -> str | None:
        return self.aliases.get(name) if self.aliases else None
