"""Run the rules over a bank and build the findings: the one place where findings are made."""

from __future__ import annotations

import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generators import published_bank
from qbank.core.cache import CacheTable, environment
from qbank.core.config import Config
from qbank.core.findings import Finding, Location, Severity
from qbank.core.loader import Bank, LoadedRecord, Pos, no_gc
from qbank.core.stats import Stats
from qbank.lint.registry import all_rules
from validators.base import Context, Result, Rule


@dataclass
class RunResult:
    bank: Bank
    findings: list[Finding]
    verdicts: dict[str, str]  # record path -> pass | warn | fail
    seconds: float
    tool: dict[str, str]
    stats: Stats = field(default_factory=Stats)

    def count(self, severity: Severity) -> int:
        return sum(f.severity is severity for f in self.findings)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    def exit_code(self, strict: bool = False) -> int:
        if self.errors or (strict and self.warnings):
            return 1
        return 0


def tool_versions() -> dict[str, str]:
    """qbank's, TensorFlow's and Keras' versions, as the reports show them."""
    return {k: v for k, v in environment().items() if k in ("qbank", "tensorflow", "keras")}


def validate(bank: Bank, config: Config, targets: Iterable[Path] = (),
             rules: dict[str, Rule] | None = None) -> RunResult:
    """Run every enabled rule; `targets` narrows what is reported (bank rules still see all)."""
    start = time.perf_counter()
    # templates as they publish (cached by content); GEN reads `rec.written`
    bank = published_bank(bank, CacheTable.for_config(config, "gen-published"))
    known = rules if rules is not None else all_rules()
    enabled = [r for r in known.values() if config.enabled(r)]
    target_paths = _target_paths(bank, targets)
    ctx = Context(bank=bank, config=config, targets=target_paths, rules=known,
                  enabled_codes={r.code for r in enabled})
    raw: list[tuple[Rule, LoadedRecord | None, Result]] = []
    for phase in (0, 1):
        if phase == 1:
            _mark_suppressions(raw, ctx)
        for r in (r for r in enabled if r.phase == phase):
            if r.scope == "record":
                with no_gc():
                    raw.extend(_run_rule(r, bank, ctx))
            else:
                raw.extend(_run_rule(r, bank, ctx))
    findings: list[Finding] = []
    for r, rec, res in raw:
        if rec is not None and not ctx.is_target(rec):
            continue
        if rec is not None and _suppressed(rec, r.code):
            continue
        findings.append(_finding(r, rec, res, config, bank))
    findings.sort(key=Finding.sort_key)
    verdicts = _verdicts(bank, ctx, findings)
    return RunResult(bank=bank, findings=findings, verdicts=verdicts,
                     seconds=time.perf_counter() - start, tool=tool_versions(), stats=ctx.stats)


def _target_paths(bank: Bank, targets: Iterable[Path]) -> set[str]:
    wanted = [t.resolve() for t in targets]
    if not wanted:
        return set()
    out: set[str] = set()
    for rec in bank.records:
        f = rec.file.resolve()
        if any(f == w or w in f.parents for w in wanted):
            out.add(rec.path)
    return out or {"<none>"}


def _run_rule(r: Rule, bank: Bank, ctx: Context) -> list[tuple[Rule, LoadedRecord | None, Result]]:
    out: list[tuple[Rule, LoadedRecord | None, Result]] = []
    if r.scope == "bank":
        try:
            out.extend((r, rec, res) for rec, res in r.run_bank(bank, ctx))
        except Exception as exc:  # a broken rule must not take the run down
            out.append((r, None, _crash(r, exc)))
        return out
    for rec in ctx.target_records():
        if rec.syntax is not None and r.family != "SCH":
            continue
        try:
            out.extend((r, rec, res) for res in r.run_record(rec, ctx))
        except Exception as exc:
            out.append((r, rec, _crash(r, exc)))
    return out


def _crash(r: Rule, exc: Exception) -> Result:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return Result(
        message=f"internal error in rule {r.code}: {exc.__class__.__name__}: {exc} "
                f"({Path(where.filename).name}:{where.lineno})",
        hint="this is a bug in qbank, not in the record: please report it with this line",
    )


def _allows(rec: LoadedRecord) -> list[dict[str, Any]]:
    value = rec.field("allow")
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def _suppressed(rec: LoadedRecord, code: str) -> bool:
    return any(a.get("code") == code and isinstance(a.get("reason"), str)
               and a["reason"].strip() for a in _allows(rec))


def _mark_suppressions(raw: list[tuple[Rule, LoadedRecord | None, Result]], ctx: Context) -> None:
    for r, rec, _ in raw:
        if rec is None:
            continue
        for i, a in enumerate(_allows(rec)):
            if a.get("code") == r.code:
                ctx.used_allows.add((rec.path, i))


def _finding(r: Rule, rec: LoadedRecord | None, res: Result, config: Config, bank: Bank) -> Finding:
    at = res.at or Pos(1, 1)
    if rec is None:
        path = str(bank.root)
        question = None
    else:
        path, question = rec.path, rec.id
    severity = res.severity or config.severity_of(r)
    if res.severity is not None and r.code in config.severity:
        severity = config.severity[r.code]
    return Finding(code=r.code, name=r.name, severity=severity, message=res.message,
                   location=Location(path, at.line, at.column, question), hint=res.hint,
                   url=config.rule_url(r.code), related=res.related)


def _verdicts(bank: Bank, ctx: Context, findings: list[Finding]) -> dict[str, str]:
    worst: dict[str, int] = {}
    for f in findings:
        worst[f.path] = max(worst.get(f.path, -1), f.severity.rank)
    out: dict[str, str] = {}
    for rec in ctx.target_records():
        rank = worst.get(rec.path, -1)
        out[rec.path] = "fail" if rank >= 2 else "warn" if rank == 1 else "pass"
    return out
