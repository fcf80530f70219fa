"""GEN: templates and their generated variants.

The family's one analysis (`reports(ctx)`, once per run, cached by content) compiles each
template of the bank, draws `seeds` variants (default 20; `[tool.qbank.rules.GEN001] seeds`, or
the template's own `params.seeds`), renders them, and runs the template's oracle on every draw in
one sandbox job. It returns data (`TemplateReport`); each GEN rule turns its part into findings.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from qbank.core.cache import source_fingerprint
from qbank.core.loader import LoadedRecord, Pos
from qbank.core.stats import GenStats
from validators.base import Context

SCHEMA = 1


class GenOptions(BaseModel):
    """Options of the family (set them on GEN001)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    seeds: int = Field(default=20, ge=1, le=10_000, description="variants checked per template")


@dataclass
class Problem:
    message: str
    field: str = "params"
    seed: int | None = None
    kind: str = "params"  # params | constraints | render | clash (TemplateError.kind)
    offset: int | None = None  # in the text at `field`


@dataclass
class SeedRun:
    seed: int
    params: dict[str, Any]
    key: Any
    texts: str = ""  # question + choices, to count distinct variants
    choices: list[str] = field(default_factory=list)
    correct: list[int] = field(default_factory=list)
    oracle: Any = None
    oracle_error: str | None = None
    markup: str | None = None  # the rendered variant's Markdown/LaTeX problem


@dataclass
class TemplateReport:
    spec: Problem | None = None  # the template does not compile: nothing else is known
    default: Problem | None = None  # its defaults do not give a record
    default_key: Any = None
    written_key: Any = None
    integer: bool = False
    decimals: int = 0
    tolerance: float = 0.0
    order: str = "shuffle"
    min_distinct: float = 0.5
    draw: list[Problem] = field(default_factory=list)  # seeds that gave no variant
    seeds: list[SeedRun] = field(default_factory=list)
    wrong_without_why: list[int] = field(default_factory=list)  # choice indexes
    drawn: list[str] = field(default_factory=list)

    @property
    def precision(self) -> int:
        """Decimals at which key and oracle must agree (integers: exactly)."""
        return 9 if self.integer else self.decimals

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> TemplateReport:
        out = cls(**{k: v for k, v in d.items() if k not in ("spec", "default", "draw", "seeds")})
        out.spec = Problem(**d["spec"]) if d.get("spec") else None
        out.default = Problem(**d["default"]) if d.get("default") else None
        out.draw = [Problem(**p) for p in d.get("draw", [])]
        out.seeds = [SeedRun(**s) for s in d.get("seeds", [])]
        return out


def options(ctx: Context) -> GenOptions:
    opts = ctx.options_of("GEN001")
    return opts if isinstance(opts, GenOptions) else GenOptions()


def written(rec: LoadedRecord) -> LoadedRecord:
    """The record as its file says (a template's placeholders unresolved)."""
    return rec.written or rec


def templates(ctx: Context) -> list[LoadedRecord]:
    return [r for r in ctx.target_records()
            if written(r).record is not None and written(r).record.params is not None]  # type: ignore[union-attr]


def fingerprint() -> str:
    import generators

    gen = Path(generators.__file__).parent
    return source_fingerprint(*sorted(gen.glob("*.py")), Path(__file__))


def reports(ctx: Context) -> dict[str, TemplateReport]:
    """The report of every target template, by record path (computed once per run)."""
    return ctx.memo("gen.reports", lambda: _compute(ctx))  # type: ignore[no-any-return]


def _compute(ctx: Context) -> dict[str, TemplateReport]:
    from validators.gen.analysis import analyse, run_oracles

    start = time.perf_counter()
    n = options(ctx).seeds
    cache = ctx.cache("gen", SCHEMA)
    out: dict[str, TemplateReport] = {}
    todo: list[tuple[LoadedRecord, str, Any]] = []
    cached = 0
    for rec in templates(ctx):
        raw = written(rec)
        key = cache.key({"engine": fingerprint(), "record": raw.data, "seeds": n})
        hit = cache.get(key)
        if isinstance(hit, dict):
            out[rec.path] = TemplateReport.from_json(hit)
            cached += 1
            continue
        report, pending = analyse(raw, n)
        out[rec.path] = report
        todo.append((rec, key, pending))
    run_oracles([(out[rec.path], pending) for rec, _, pending in todo], ctx.sandbox)
    for rec, key, _ in todo:
        cache.put(key, asdict(out[rec.path]))
    seconds = time.perf_counter() - start
    from generators.oracle import agrees

    runs = [(r, s) for r in out.values() for s in r.seeds]
    verified = sum(s.oracle_error is None and agrees(s.key, s.oracle, r.precision, r.tolerance)
                   for r, s in runs)
    ctx.stats.gen = GenStats(templates=len(out), variants=len(runs), verified=verified,
                             cached=cached, seconds=round(seconds, 3))
    if out:
        ctx.add_summary(f"GEN: {len(out)} templates x {n} seeds ({cached} cached) in "
                        f"{seconds:.1f} s")
    return out


def at(rec: LoadedRecord, dotted: str) -> Pos:
    """The position of a dotted field path of the written record (its closest known parent)."""
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in dotted.split(".") if p]
    raw = written(rec)
    while parts:
        if raw.has(*parts):
            return raw.pos(*parts)
        parts.pop()
    return Pos(1, 1)


def at_problem(rec: LoadedRecord, p: Problem) -> Pos:
    """A problem's position: the character in its text when known, else its field's line."""
    if p.offset is not None:
        parts = tuple(int(x) if x.isdigit() else x for x in p.field.split("."))
        if written(rec).has(*parts):
            return written(rec).text_pos(parts, p.offset)
    return at(rec, p.field)


def seeded(problems: list[Problem]) -> list[Problem]:
    """The problems of drawn seeds (not of the defaults)."""
    return [p for p in problems if p.seed is not None]


def describe(params: dict[str, Any], drawn: list[str]) -> str:
    return ", ".join(f"{k}={params[k]}" for k in drawn if k in params)


def each(ctx: Context) -> list[tuple[LoadedRecord, TemplateReport]]:
    """(record, report) for every target template, in bank order."""
    got = reports(ctx)
    return [(rec, got[rec.path]) for rec in templates(ctx) if rec.path in got]


def more(count: int, total: int, what: str = "seeds") -> str:
    return f" ({count} of {total} {what})" if count > 1 else ""
