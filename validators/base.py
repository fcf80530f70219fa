"""What a rule is: a small function that yields `Result`s, declared with `@rule`.

The engine (`qbank.lint.engine`) stamps each result with the rule's code, name, severity (after
configuration), the record's location and the documentation url, and freezes it into a
`qbank.core.findings.Finding`. Rules never build findings themselves.

Two scopes:

- `record`: `check(rec, ctx)` is called once per record and yields `Result`s about it.
- `bank`: `check(bank, ctx)` is called once per run and yields `(record, Result)` pairs. For
  checks that compare records, or that batch expensive work (running code, embeddings).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from qbank.core.cache import Cache
from qbank.core.config import Config
from qbank.core.findings import Location, Severity
from qbank.core.loader import Bank, LoadedRecord, Pos
from qbank.core.stats import Stats

if TYPE_CHECKING:
    from qbank.services.sandbox import Sandbox

Scope = Literal["record", "bank"]
FAMILIES = {"SCH", "TXT", "RUN", "MATH", "DUP", "CLAIM", "GEN"}
_CODE = re.compile(r"^(SCH|TXT|RUN|MATH|DUP|CLAIM|GEN)(\d{3})$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Result:
    """What a rule reports: the flaw, the fix, and where (default: the record's first line)."""

    message: str
    hint: str | None = None
    at: Pos | None = None
    related: tuple[Location, ...] = ()
    severity: Severity | None = None  # a rule may lower or raise its own default per result


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass
class Context:
    """What a rule may use besides the record: the bank, the configuration, the other rules,
    and what the families share in one run (the sandbox, caches, a memo, typed stats)."""

    bank: Bank
    config: Config
    targets: set[str] = field(default_factory=set)  # paths reported on; empty = all
    rules: Mapping[str, Rule] = field(default_factory=dict)  # every known rule, by code
    stats: Stats = field(default_factory=Stats)
    enabled_codes: set[str] = field(default_factory=set)
    used_allows: set[tuple[str, int]] = field(default_factory=set)  # (record path, allow index)
    _memo: dict[str, Any] = field(default_factory=dict)
    _sandbox: Sandbox | None = None

    def options(self, rule: Rule) -> Any:
        return self.config.rule_options(rule)

    def options_of(self, code: str) -> Any:
        """The options of the rule `code`, or None when it is unknown or not enabled."""
        r = self.rules.get(code)
        return self.options(r) if r is not None and code in self.enabled_codes else None

    def memo(self, key: str, factory: Callable[[], Any]) -> Any:
        """Compute `factory()` once per run: rules of one family share expensive work."""
        if key not in self._memo:
            self._memo[key] = factory()
        return self._memo[key]

    def sandbox(self) -> Sandbox:
        """The run's sandbox (started on first use: TensorFlow imports in the background), shared
        by every family that executes code (RUN, MATH, GEN)."""
        if self._sandbox is None:
            from qbank.services.sandbox import shared

            self._sandbox = shared(self.config.jobs)
        return self._sandbox

    def cache(self, namespace: str, schema: int = 1) -> Cache:
        """The verdict cache of `namespace` (`Cache(None)` under `--no-cache`); one per run."""
        key = f"cache:{namespace}:{schema}"
        return self.memo(key, lambda: Cache.for_config(  # type: ignore[no-any-return]
            self.config, namespace, schema))

    def add_summary(self, fragment: str) -> None:
        """A line about the family's own work, shown under the text report's summary."""
        self.stats.add_summary(fragment)

    def is_target(self, rec: LoadedRecord) -> bool:
        return not self.targets or rec.path in self.targets

    def target_records(self) -> list[LoadedRecord]:
        return [r for r in self.bank.records if self.is_target(r)]


RecordCheck = Callable[[LoadedRecord, Context], Iterable[Result]]
BankCheck = Callable[[Bank, Context], Iterable[tuple[LoadedRecord, Result]]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    scope: Scope
    check: Callable[..., Iterable[Any]]
    options: type[BaseModel]
    module: str
    summary: str
    doc: str
    phase: int = 0  # 1: runs after suppressions are applied (for checks about suppressions)

    @property
    def family(self) -> str:
        m = _CODE.match(self.code)
        assert m
        return m.group(1)

    def run_record(self, rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
        yield from self.check(rec, ctx)

    def run_bank(self, bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
        yield from self.check(bank, ctx)


def rule(code: str, name: str, *, severity: str = "error", scope: Scope = "record",
         options: type[BaseModel] = NoOptions,
         phase: int = 0) -> Callable[[Callable[..., Any]], Rule]:
    """Declare a rule. The decorated function's docstring is its documentation page."""
    if not _CODE.match(code):
        raise ValueError(f"rule code {code!r} must be a family prefix and three digits")
    if not _NAME.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")

    def wrap(fn: Callable[..., Any]) -> Rule:
        doc = inspect.cleandoc(fn.__doc__ or "")
        return Rule(code=code, name=name, severity=Severity(severity), scope=scope, check=fn,
                    options=options, module=fn.__module__, summary=doc.split("\n", 1)[0],
                    doc=doc, phase=phase)

    return wrap
