"""What an analysis found, as data: the one located-issue type every family's analysis returns.

An analysis (RUN's static checks, MATH's prose engine, ...) knows *what* is wrong and *where*;
the rule module that owns the code words it (message, hint) from the issue's `facts`. Issues
are plain data, so they go into the cache as JSON and come back equal.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

FieldPath = tuple[str | int, ...]  # where in the record: ("answer",), ("choices", 1, "why")


@dataclass(frozen=True, slots=True)
class Issue:
    code: str  # the rule that reports it: RUN009, MATH001, ...
    line: int = 1  # 1-based, in the text that was analysed
    column: int = 0  # 0-based
    offset: int = 0  # characters into the analysed text
    field: FieldPath = ()
    severity: str | None = None  # only where the rule's default does not apply
    facts: dict[str, Any] = dataclasses.field(default_factory=dict, hash=False)

    def fact(self, name: str, default: Any = None) -> Any:
        return self.facts.get(name, default)

    def to_wire(self) -> dict[str, Any]:
        return {"code": self.code, "line": self.line, "column": self.column,
                "offset": self.offset, "field": list(self.field), "severity": self.severity,
                "facts": self.facts}

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Issue:
        return cls(code=str(data["code"]), line=int(data["line"]), column=int(data["column"]),
                   offset=int(data.get("offset", 0)), field=tuple(data.get("field", ())),
                   severity=data.get("severity"), facts=dict(data.get("facts") or {}))
