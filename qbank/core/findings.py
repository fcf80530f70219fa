"""The frozen finding model: what every rule's result becomes once the engine stamps it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the bank: a file, a line and column (1-based), and the record there."""

    path: str
    line: int = 1
    column: int = 1
    question: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "path": self.path, "line": self.line,
                "column": self.column}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    hint: str | None = None
    url: str | None = None
    related: tuple[Location, ...] = field(default=())

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    @property
    def question(self) -> str | None:
        return self.location.question

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "question": self.question,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
            "url": self.url,
            "related": [r.to_dict() for r in self.related],
        }
