"""The variant engine: draw parameters for a seed, compute the derived values and the key, and
render the record's texts. Deterministic: a seed gives the same variant on every run and machine
(`random.Random` seeded with the string `"<template id>@<seed>"`)."""

from __future__ import annotations

import json
import math
import random
import re
import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from generators.expr import ExprError, compile_expr, is_condition, names_in, parse
from qbank.core.template_spec import Domain, TemplateSpec

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*(?::([^{}]*))?\}\}")
MAX_TRIES = 1000
SEED_SECONDS = 2.0  # drawing one seed (all its tries) may take this long
FROZEN_FIELDS = ("id", "topic", "tags", "status", "params", "sources", "related", "allow",
                 "template", "type", "difficulty", "numeric")


class TemplateError(ValueError):
    """A template that cannot give a variant. `field` is the dotted path of the part at fault
    (for `file:line`), `seed` the seed being drawn when it failed (None: not seed-specific)."""

    def __init__(self, message: str, field: str = "params", seed: int | None = None,
                 kind: str = "params", offset: int | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.seed = seed
        self.offset = offset  # where in the text at `field` (a placeholder), when known
        self.kind = kind  # params | constraints | render | clash


@dataclass(frozen=True)
class Draw:
    """One seed's parameters: drawn values, derived values and the key (plain Python values)."""

    seed: int | None  # None: the record's defaults
    params: dict[str, Any]  # drawn, then derived, then `key`

    @property
    def key(self) -> Any:
        return self.params["key"]


def flat_names(name: str, dom: Domain) -> list[str]:
    """The expression names of a parameter: `z` is `z_0`, `z_1`, ...; `m` is `m_0_0`, ..."""
    if dom.vector is not None:
        return [f"{name}_{i}" for i in range(dom.vector)]
    if dom.matrix is not None:
        return [f"{name}_{i}_{j}" for i in range(dom.matrix[0]) for j in range(dom.matrix[1])]
    return [name]


def _flatten(name: str, dom: Domain, value: Any) -> dict[str, Any]:
    if dom.vector is not None:
        return {f"{name}_{i}": v for i, v in enumerate(value)}
    if dom.matrix is not None:
        return {f"{name}_{i}_{j}": v for i, row in enumerate(value) for j, v in enumerate(row)}
    return {name: value}


class Template:
    """A template compiled from its record's `params` (parse once, draw many)."""

    def __init__(self, template_id: str, params: Mapping[str, Any]) -> None:
        self.id = template_id
        try:
            self.spec = TemplateSpec.model_validate(params)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = [p for p in err["loc"] if isinstance(p, int) or not _UNION_TAG.search(str(p))]
            err["loc"] = tuple(loc)
            where = ".".join(str(p) for p in ("params", *loc))
            raise TemplateError(f"{where}: {_spec_message(err)}", field=where) from None
        spec = self.spec
        scalars: list[str] = []
        self._text_params: set[str] = set()
        for name, dom in spec.draw.items():
            if dom.choice is None or all(isinstance(c, (int, float)) for c in dom.choice):
                scalars += flat_names(name, dom)
            else:
                self._text_params.add(name)
        self._numeric_names = list(scalars)
        known = list(scalars)
        self._derived: list[tuple[str, Callable[..., Any]]] = []
        derived = list(spec.derived().items())
        for i, (name, d) in enumerate(derived):
            later = names_in(d.expr) & {n for n, _ in derived[i:]}
            if later:
                raise TemplateError(f"params.derive.{name}: uses `{sorted(later)[0]}`, declared "
                                    "at or below it: a derived value uses only those above it",
                                    field=f"params.derive.{name}")
            self._derived.append((name, self._compile(d.expr, known, f"params.derive.{name}")))
            known.append(name)
        self._names = known
        self._where = [(text, self._compile(text, known, f"params.where.{i}", condition=True))
                       for i, text in enumerate(spec.where)]
        keys = spec.key if isinstance(spec.key, list) else [spec.key]
        self._keys = [self._compile(k, known, "params.key") for k in keys]
        self._vector_key = isinstance(spec.key, list)
        # the decimals each name shows with (None: as it is); 0 for the key: a whole number
        self.shown_decimals: dict[str, int | None] = {
            **{n: d.decimals if d.float_ is not None else None for n, d in spec.draw.items()},
            **{n: d.decimals for n, d in spec.derived().items()},
            "key": spec.decimals or None}

    def _compile(self, text: str, names: list[str], field: str,
                 condition: bool = False) -> Callable[..., Any]:
        used = names_in(text) & self._text_params
        if used:
            raise TemplateError(f"{field}: `{sorted(used)[0]}` draws text choices: an expression "
                                "can only use numbers (draw a number, e.g. the padding P, and "
                                "show the words with a derived value or in the oracle)",
                                field=field)
        try:
            expr = parse(text, names)
        except ExprError as exc:
            raise TemplateError(f"{field}: {exc}", field=field) from None
        if condition and not is_condition(expr):
            raise TemplateError(f"{field}: `{text}` is not a condition: a constraint is a "
                                "comparison (`k <= n`, `Eq(Mod(n, 2), 0)`) or several joined "
                                "with `&` / `|`", field=field)
        return compile_expr(expr, names)

    # -- drawing -----------------------------------------------------------------------------

    def _draw_one(self, rng: random.Random, dom: Domain) -> Any:
        if dom.int_ is not None:
            lo, hi = dom.int_
            return rng.randrange(lo, hi + 1, dom.step)
        if dom.float_ is not None:
            lo_f, hi_f = dom.float_
            return round(rng.uniform(lo_f, hi_f), dom.decimals)
        assert dom.choice is not None
        return rng.choice(dom.choice)

    def _draw_value(self, rng: random.Random, dom: Domain) -> Any:
        if dom.vector is not None:
            return [self._draw_one(rng, dom) for _ in range(dom.vector)]
        if dom.matrix is not None:
            return [[self._draw_one(rng, dom) for _ in range(dom.matrix[1])]
                    for _ in range(dom.matrix[0])]
        return self._draw_one(rng, dom)

    def evaluate(self, drawn: dict[str, Any], seed: int | None) -> Draw | str:
        """The Draw of these drawn values, or the text of the first constraint they break."""
        values: dict[str, Any] = {}
        for name, dom in self.spec.draw.items():
            values.update(_flatten(name, dom, drawn[name]))
        num = {n: values[n] for n in self._numeric_names}
        out = dict(drawn)
        for name, fn in self._derived:
            try:
                num[name] = out[name] = _plain(fn(**num))
            except (ArithmeticError, ValueError, TypeError) as exc:
                raise TemplateError(f"{_where(seed, drawn)}: the derived value `{name}` raises "
                                    f"{type(exc).__name__}: {exc}", field=f"params.derive.{name}",
                                    seed=seed, kind="degenerate") from None
        for text, fn in self._where:
            try:
                ok = bool(fn(**num))
            except (ArithmeticError, ValueError, TypeError):
                ok = False
            if not ok:
                return text
        try:
            keys = [_plain(fn(**num)) for fn in self._keys]
        except (ArithmeticError, ValueError, TypeError) as exc:
            raise TemplateError(f"{_where(seed, drawn)}: the key raises {type(exc).__name__}: "
                                f"{exc}", field="params.key", seed=seed,
                                kind="degenerate") from None
        out["key"] = keys if self._vector_key else keys[0]
        return Draw(seed, out)

    def defaults(self) -> Draw:
        with time_limit(SEED_SECONDS, None):
            return self._defaults()

    def _defaults(self) -> Draw:
        drawn: dict[str, Any] = {}
        for name, dom in self.spec.draw.items():
            problem = _check_default(dom, dom.default)
            if problem:
                raise TemplateError(f"params.draw.{name}.default: {problem}",
                                    field=f"params.draw.{name}.default")
            drawn[name] = dom.default
        got = self.evaluate(drawn, None)
        if isinstance(got, str):
            raise TemplateError(f"the default parameters break the constraint `{got}`",
                                field="params.where", kind="constraints")
        return got

    def draw(self, seed: int) -> Draw:
        with time_limit(SEED_SECONDS, seed):
            return self._draw(seed)

    def _draw(self, seed: int) -> Draw:
        rng = random.Random(f"{self.id}@{seed}")
        broken: dict[str, int] = {}
        for _ in range(MAX_TRIES):
            drawn = {name: self._draw_value(rng, dom) for name, dom in self.spec.draw.items()}
            got = self.evaluate(drawn, seed)
            if not isinstance(got, str):
                return got
            broken[got] = broken.get(got, 0) + 1
        worst = max(broken, key=lambda k: broken[k])
        raise TemplateError(f"no parameters meet the constraints in {MAX_TRIES} draws for seed "
                            f"{seed}: `{worst}` failed {broken[worst]} times", field="params.where",
                            seed=seed, kind="constraints")


@contextmanager
def time_limit(seconds: float, seed: int | None) -> Iterator[None]:
    """Interrupt a draw that takes longer than `seconds` (an expression that explodes) with a
    TemplateError. Needs the main thread (a real timer signal); elsewhere it does nothing."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return

    def expired(*_: object) -> None:
        raise TemplateError(f"drawing took longer than {seconds:g} s: an expression too costly "
                            "to evaluate (huge powers?)", field="params", seed=seed)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_UNION_TAG = re.compile(r"constrained-|\[|function-|^(str|int|float|bool|list|tuple|dict)$")
DOMAIN_FIELDS = "int, float or choice (with step, decimals, vector, matrix, default)"


def _spec_message(err: Any) -> str:
    """pydantic's error, in the words of the template format."""
    kind, loc, msg = err["type"], err["loc"], str(err["msg"])
    last = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        where = "a parameter" if len(loc) == 3 and loc[0] == "draw" else "`params`"
        return (f"unknown field `{last}`: {where} has "
                + (DOMAIN_FIELDS if where == "a parameter" else
                   "draw, where, derive, key, decimals, integer, oracle, order, seeds, "
                   "min_distinct"))
    if kind in ("tuple_type", "too_long", "too_short") and last in ("int", "float", "matrix"):
        return f"write `{last}: [low, high]`" if last != "matrix" else \
            "write `matrix: [rows, columns]`"
    if kind == "missing":
        return f"`{last}` is required" + (" (the value the record is written with)"
                                          if last == "default" else "")
    if kind in ("dict_type", "model_type") and len(loc) == 2 and loc[0] == "draw":
        return f"write the parameter as a mapping, e.g. `{last}: {{int: [1, 10], default: 3}}`"
    if kind == "too_short" and loc == ("draw",):
        return "draw at least one parameter"
    if kind == "string_type" and loc and loc[0] == "key":
        return "write the key as an expression in quotes, e.g. `key: \"n - k + 1\"`"
    return msg.removeprefix("Value error, ")


def _where(seed: int | None, drawn: dict[str, Any]) -> str:
    what = ", ".join(f"{k}={v}" for k, v in drawn.items())
    return f"{'the defaults' if seed is None else f'seed {seed}'} ({what})"


def _check_default(dom: Domain, value: Any) -> str | None:
    shape = dom.shape
    if shape:
        flat: list[Any] = []
        if len(shape) == 1:
            if not isinstance(value, list) or len(value) != shape[0]:
                return f"must be a list of {shape[0]} values"
            flat = value
        else:
            if (not isinstance(value, list) or len(value) != shape[0]
                    or any(not isinstance(r, list) or len(r) != shape[1] for r in value)):
                return f"must be a {shape[0]}x{shape[1]} list of lists"
            flat = [v for r in value for v in r]
        for v in flat:
            problem = _check_default(dom.model_copy(update={"vector": None, "matrix": None}), v)
            if problem:
                return problem
        return None
    if dom.choice is not None:
        return None if value in dom.choice else f"`{value}` is not one of {dom.choice}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"`{value}` is not a number"
    bounds = dom.int_ or dom.float_
    assert bounds is not None
    if not bounds[0] <= value <= bounds[1]:
        return f"{value} is outside [{bounds[0]}, {bounds[1]}]"
    if dom.int_ is not None and (not float(value).is_integer()
                                 or (int(value) - dom.int_[0]) % dom.step):
        return f"{value} is not in the range's steps of {dom.step} from {dom.int_[0]}"
    return None


def _plain(value: Any) -> Any:
    """A Python int/float/bool (sympy and numpy numbers converted)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    try:
        f = float(value)
    except (TypeError, ValueError):
        return value
    if math.isfinite(f) and f.is_integer() and not isinstance(value, float):
        return int(f)
    return f


@lru_cache(maxsize=512)
def _compiled(template_id: str, params_json: str) -> Template:
    return Template(template_id, json.loads(params_json))


def compiled(template_id: str, params: Mapping[str, Any]) -> Template:
    """The Template of a record's params (compiled once per content)."""
    return _compiled(template_id, json.dumps(params, default=str))  # order kept: draw order
