"""What RUN's static analysis finds in a fence (shared by `static` and `logits`, so neither
imports the other back)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    code: str  # RUN001, RUN002, RUN008, RUN009, RUN010, RUN012, RUN015, RUN016
    line: int  # 1-based, inside the fence body
    col: int  # 0-based
    message: str
    hint: str
    severity: str | None = None
