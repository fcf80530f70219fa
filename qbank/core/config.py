"""`[tool.qbank]` in pyproject.toml: which rules run, at which severity, with which options.

```toml
[tool.qbank]
bank = "bank"
select = ["SCH", "TXT", "RUN"]     # families or codes; default: every rule
ignore = ["TXT006"]
[tool.qbank.severity]
TXT005 = "warning"
[tool.qbank.rules.DUP002]
threshold = 0.85
```

Unknown keys are rejected, with the closest known key suggested.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from qbank.core.findings import Severity

# the published site's rule pages (site/, `qbank site build`)
DOCS_URL = "https://qbank.dev/rules/"


class Rule(Protocol):
    """What configuration needs to know of a rule (`validators.base.Rule` is one)."""

    @property
    def code(self) -> str: ...
    @property
    def family(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def options(self) -> type[BaseModel]: ...


class ConfigError(Exception):
    """Configuration that cannot be used: the run cannot proceed (exit status 2)."""


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    bank: str = "bank"
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    cache_dir: str = ".qbank-cache"
    cache: bool = True
    jobs: int = 0  # 0: one worker per core
    docs_url: str = DOCS_URL  # where each finding's `url` points: <docs_url><CODE>/
    source: str = "defaults"

    def rule_url(self, code: str) -> str:
        """The documentation page of a rule: `<docs_url><CODE>/`."""
        return f"{self.docs_url.rstrip('/')}/{code}/"

    def enabled(self, rule: Rule) -> bool:
        return self.code_enabled(rule.code, rule.family)

    def code_enabled(self, code: str, family: str | None = None) -> bool:
        """Whether `select` and `ignore` leave the rule `code` ("CLAIM002") on."""
        family = family or code.rstrip("0123456789")

        def matches(patterns: list[str]) -> bool:
            return any(p in ("ALL", code, family) or code.startswith(p) for p in patterns)

        if self.select and not matches(self.select):
            return False
        return not matches(self.ignore)

    def severity_of(self, rule: Rule) -> Severity:
        return self.severity.get(rule.code, rule.severity)

    def rule_options(self, rule: Rule) -> Any:
        raw = self.rules.get(rule.code, {})
        try:
            return rule.options.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ConfigError(f"{self.source}: [tool.qbank.rules.{rule.code}] {where}: "
                              f"{first['msg']}") from exc

    def check_codes(self, known: Mapping[str, Rule]) -> None:
        """Every code named in the configuration must be a rule or a family."""
        families = {r.family for r in known.values()}
        named = [*self.select, *self.ignore, *self.severity, *self.rules]
        for code in named:
            if code == "ALL" or code in known or code in families:
                continue
            if any(c.startswith(code) for c in known):
                continue
            near = difflib.get_close_matches(code, list(known) + sorted(families), n=1)
            hint = f" (did you mean {near[0]}?)" if near else ""
            raise ConfigError(f"{self.source}: unknown rule code {code!r}{hint}")
        for code in self.rules:
            if code in known:
                self.rule_options(known[code])


def load_config(path: Path | None = None, **overrides: Any) -> Config:
    """Read `[tool.qbank]` from `path` (default: ./pyproject.toml, when it exists)."""
    file = path or Path("pyproject.toml")
    raw: dict[str, Any] = {}
    source = "defaults"
    if file.exists():
        source = str(file)
        try:
            doc = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{file}: cannot read the configuration: {exc}") from exc
        raw = dict(doc.get("tool", {}).get("qbank", {}))
    elif path is not None:
        raise ConfigError(f"{file}: no such configuration file")
    raw.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Config.model_validate({**raw, "source": source})
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            near = difflib.get_close_matches(str(err["loc"][-1]), list(Config.model_fields), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise ConfigError(f"{source}: unknown key [tool.qbank] {loc}{hint}") from exc
        raise ConfigError(f"{source}: [tool.qbank] {loc}: {err['msg']}") from exc
