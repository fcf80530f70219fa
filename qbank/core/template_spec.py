"""A template's `params`, as declared in its record (docs/templates.md): the drawn parameters
(typed domains with defaults), the constraints between them, the derived values, the key and
the oracle. In the core: the JSON Schema of a record includes it, for editors."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Name = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=40)]
Expr = Annotated[str, StringConstraints(min_length=1, max_length=400)]
Scalar = int | float | str


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Domain(_Strict):
    """One drawn parameter: exactly one of `int`, `float` or `choice`; `vector`/`matrix` make it
    a vector of that length or a matrix of that shape, each element drawn from the domain."""

    int_: tuple[int, int] | None = Field(default=None, alias="int",
                                         description="integers in [low, high], inclusive")
    step: int = Field(default=1, ge=1, description="the step of an `int` range, from low")
    float_: tuple[float, float] | None = Field(default=None, alias="float",
                                               description="numbers in [low, high]")
    decimals: int = Field(default=2, ge=0, le=6, description="a `float`'s decimals, as drawn "
                          "and shown")
    choice: list[Scalar] | None = Field(default=None, min_length=1,
                                        description="one of these values (numbers or words)")
    vector: int | None = Field(default=None, ge=1, le=16,
                               description="a vector of this length (elements `name_0`, ...)")
    matrix: tuple[int, int] | None = Field(default=None, description="a matrix [rows, columns] "
                                           "(elements `name_0_0`, ...)")
    default: Any = Field(description="the value the record is written with (its published "
                         "numbers)")

    @model_validator(mode="after")
    def _one_kind(self) -> Domain:
        kinds = [k for k in (self.int_, self.float_, self.choice) if k is not None]
        if len(kinds) != 1:
            raise ValueError("a parameter has exactly one of `int: [low, high]`, "
                             "`float: [low, high]` or `choice: [...]`")
        for bounds in (self.int_, self.float_):
            if bounds is not None and bounds[0] > bounds[1]:
                raise ValueError(f"the range {list(bounds)} is empty: write [low, high]")
        if self.vector is not None and self.matrix is not None:
            raise ValueError("a parameter is a `vector` or a `matrix`, not both")
        if self.matrix is not None and not (1 <= self.matrix[0] <= 8 and 1 <= self.matrix[1] <= 8):
            raise ValueError("a matrix has 1 to 8 rows and columns")
        return self

    @property
    def shape(self) -> tuple[int, ...]:
        if self.vector is not None:
            return (self.vector,)
        if self.matrix is not None:
            return tuple(self.matrix)
        return ()


class Derived(_Strict):
    expr: Expr
    decimals: int | None = Field(default=None, ge=0, le=8)


class TemplateSpec(_Strict):
    """`params:` of a template record (docs/templates.md)."""

    draw: dict[Name, Domain] = Field(min_length=1, description="the drawn parameters, in order")
    where: list[Expr] = Field(default_factory=list,
                              description="sympy constraints every draw must meet")
    derive: dict[Name, Expr | Derived] = Field(
        default_factory=dict, description="values computed from the parameters (sympy), e.g. "
        "the distractors' mistakes")
    key: Expr | list[Expr] = Field(description="the key: a sympy expression (a list of them for "
                                   "a vector key)")
    decimals: int = Field(default=0, ge=0, le=8,
                          description="the key's decimals, as shown and as verified")
    integer: bool = Field(default=False, description="the key is a count or a size: a "
                          "positive whole number, verified exactly")
    oracle: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="Python defining `oracle(<parameters>)`: the key measured with the real "
        "TensorFlow/Keras, in the sandbox")
    order: Literal["shuffle", "ascending", "as-written"] = Field(
        default="shuffle", description="the choices' order in variants")
    seeds: int | None = Field(default=None, ge=1, le=10_000,
                              description="seeds `validate` checks (default: GEN001's `seeds`)")
    min_distinct: float = Field(default=0.5, gt=0, le=1, description="the share of distinct "
                                "variants wanted among the seeds checked")

    @model_validator(mode="after")
    def _names_unique(self) -> TemplateSpec:
        names = set(self.draw) | set(self.derive)
        clash = (set(self.draw) & set(self.derive)) | ({"key"} & names)
        if clash:
            raise ValueError(f"`{sorted(clash)[0]}` is both drawn and derived (or named `key`)")
        return self

    def derived(self) -> dict[str, Derived]:
        return {k: v if isinstance(v, Derived) else Derived(expr=v) for k, v in self.derive.items()}
