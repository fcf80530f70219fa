"""A set: which questions, how they are printed, how many versions. From a set file kept in git
(`sets/*.yaml`) or from the command line's options."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from qbank.core.loader import load_record
from qbank.core.selection import Selection as Selection  # re-exported


class PdfError(Exception):
    """Input that cannot make a set (exit 2): the message names the file, record or line."""


class SetSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = "Deep-learning questions"
    instructions: str = ""
    date: str | None = None  # printed as given; none by default (the PDF stays byte-identical)
    select: Selection = Field(default_factory=Selection)
    points: int = Field(default=1, ge=0)  # per question
    points_by_id: dict[str, int] = Field(default_factory=dict)
    versions: int = Field(default=1, ge=1, le=26)
    shuffle_questions: bool = False
    shuffle_choices: bool = True  # only when versions > 1
    answer_space: float = Field(default=4.0, ge=0, le=25)  # cm for an open or code answer
    answers: Literal["separate", "inline", "none"] = "separate"


def load_set(path: Path) -> SetSpec:
    """A set file; a problem is one PdfError naming the file, the line and the field."""
    rec = load_record(path)
    if rec.syntax is not None:
        raise PdfError(f"{path}:{rec.syntax.at.line}: {rec.syntax.message}")
    if not isinstance(rec.data, dict):
        raise PdfError(f"{path}:1: a set file is a mapping (title, select, points, ...)")
    try:
        return SetSpec.model_validate(rec.data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        keys = tuple(err["loc"])
        line = rec.pos(*keys).line if keys else 1
        where = ".".join(str(k) for k in keys)
        raise PdfError(f"{path}:{line}: {where}: {err['msg']}") from None
