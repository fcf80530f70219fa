"""The question record, in pydantic v2: every field of the contract and the rules per `type`.

Errors raised by the model carry a stable `type` (pydantic's own, or the custom ones below) so
that each SCH rule can claim the errors it documents.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CODE_PATTERN = r"^[A-Z]{3,5}[0-9]{3}$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=80)]
OneLine = Annotated[str, StringConstraints(pattern=r"^[^\n]+$", strip_whitespace=True,
                                           min_length=1)]
Text = Annotated[str, StringConstraints(min_length=1)]

# Custom error types raised by the model (see validators/sch for the rules that report them).
TYPE_FIELD_ERRORS = {"choices_forbidden", "numeric_forbidden", "choices_required",
                     "numeric_required", "answer_required"}
CHOICE_ERRORS = {"correct_count", "duplicate_choice"}
# `expression_forbidden` (an `expression` on a choice or code record) is SCH006's to report.


class QuestionType(str, Enum):
    OPEN = "open"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    NUMERIC = "numeric"
    CODE = "code"


class Difficulty(str, Enum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class Status(str, Enum):
    DRAFT = "draft"
    REVIEW = "review"
    PUBLISHED = "published"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Choice(Strict):
    text: Text
    correct: bool = False
    why: str | None = None


class Numeric(Strict):
    value: float
    tolerance: float = Field(default=0.0, ge=0)
    unit: str | None = None


class Source(Strict):
    seed: str | None = None
    url: str | None = None
    file: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _names_an_origin(self) -> Source:
        if not (self.seed or self.url or self.file):
            raise PydanticCustomError(
                "source_origin", "a source needs one of `seed`, `url` or `file`")
        return self


class Allow(Strict):
    code: Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10)]


class Check(Strict):
    """A machine-checkable claim: a Python expression with its expected value, or a sympy
    relation that must hold."""

    name: OneLine
    python: str | None = None
    sympy: str | None = None
    expect: Any = None
    tolerance: float = Field(default=1e-9, ge=0)

    @model_validator(mode="after")
    def _one_kind(self) -> Check:
        if (self.python is None) == (self.sympy is None):
            raise PydanticCustomError("check_kind",
                                      "a check has exactly one of `python` or `sympy`")
        if self.python is not None and self.expect is None:
            raise PydanticCustomError("check_expect", "a `python` check needs `expect`")
        return self


class Record(Strict):
    """One question: the contract's record, and the constraints that depend on its `type`."""

    id: Slug
    title: OneLine
    topic: Slug
    type: QuestionType
    difficulty: Difficulty
    tags: list[Slug] = Field(min_length=1)
    status: Status = Status.DRAFT
    question: Text
    answer: str | None = None
    choices: list[Choice] | None = None
    numeric: Numeric | None = None
    expression: OneLine | None = Field(
        default=None, description="the key as a sympy expression, graded by equivalence "
        "(`qbank grade`); open and numeric records only")
    setup: str | None = None
    checks: list[Check] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list)
    allow: list[Allow] = Field(default_factory=list)
    template: str | None = None
    params: dict[str, Any] | None = None

    @field_validator("tags", "related")
    @classmethod
    def _unique(cls, v: list[str]) -> list[str]:
        seen: set[str] = set()
        for item in v:
            if item in seen:
                raise PydanticCustomError("duplicate_item", "`{item}` is listed twice",
                                          {"item": item})
            seen.add(item)
        return v

    @model_validator(mode="after")
    def _fields_fit_type(self) -> Record:
        is_choice = self.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE)
        if self.choices is not None and not is_choice:
            raise _type_error("choices_forbidden", "choices",
                              "`choices` is only for single_choice and multiple_choice records")
        if self.numeric is not None and self.type is not QuestionType.NUMERIC:
            raise _type_error("numeric_forbidden", "numeric",
                              "`numeric` is only for numeric records")
        if self.expression is not None and self.type not in (QuestionType.OPEN,
                                                             QuestionType.NUMERIC):
            raise _type_error("expression_forbidden", "expression",
                              "`expression` is only for open and numeric records")
        if is_choice and not self.choices:
            raise _type_error("choices_required", "type",
                              f"a {self.type.value} record needs `choices`")
        if self.type is QuestionType.NUMERIC and self.numeric is None:
            raise _type_error("numeric_required", "type",
                              "a numeric record needs `numeric: {value, tolerance}`")
        if self.type in (QuestionType.OPEN, QuestionType.CODE) and not (self.answer or "").strip():
            raise _type_error("answer_required", "answer",
                              f"a {self.type.value} record needs a model `answer`")
        if self.choices:
            self._check_choices()
        return self

    def _check_choices(self) -> None:
        assert self.choices is not None
        if len(self.choices) < 2:
            raise _type_error("correct_count", "choices",
                              "a choice question needs 2 or more choices")
        correct = sum(c.correct for c in self.choices)
        if self.type is QuestionType.SINGLE_CHOICE and correct != 1:
            raise _type_error("correct_count", "choices",
                              "a single_choice record needs exactly one correct choice, "
                              f"has {correct}")
        if self.type is QuestionType.MULTIPLE_CHOICE and correct < 1:
            raise _type_error("correct_count", "choices",
                              "a multiple_choice record needs at least one correct choice")
        seen: dict[str, int] = {}
        for i, c in enumerate(self.choices):
            key = " ".join(c.text.lower().split())
            if key in seen:
                raise _type_error("duplicate_choice", f"choices.{i}.text",
                                  f"choice {i + 1} repeats choice {seen[key] + 1}")
            seen[key] = i


def _type_error(kind: str, field: str, message: str) -> PydanticCustomError:
    # `field` is a dotted path: the loader turns it into the line of that key.
    return PydanticCustomError(kind, message, {"field": field})


FIELD_NAMES: tuple[str, ...] = tuple(Record.model_fields)
REQUIRED_FIELDS: tuple[str, ...] = tuple(
    name for name, f in Record.model_fields.items() if f.is_required())
KEY_ORDER: tuple[str, ...] = (
    "id", "title", "topic", "type", "difficulty", "tags", "status", "question", "answer",
    "choices", "numeric", "expression", "template", "params", "setup", "checks", "sources",
    "related", "allow",
)
assert set(KEY_ORDER) == set(FIELD_NAMES), "KEY_ORDER must name every field"
