"""What each family tells about its own work in a run: typed, and published as the JSON
report's `summary.stats` (docs/report.md lists every key).

A family fills its own part (`ctx.stats.run = RunStats(...)`); the text report shows the
`summary` lines under its totals.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class RunStats(_Part):
    """RUN: the python fences of the records reported on."""

    fences: int = 0  # python fences checked (statically, and run unless `fragment`)
    ran: int = 0  # executed in the sandbox this run
    cached: int = 0  # execution results taken from the cache
    static_only: int = 0  # `python fragment` fences: checked, not run
    failed: int = 0  # fences with an error finding
    seconds: float = 0.0
    tensorflow: str | None = None
    keras: str | None = None


class MathProseStats(_Part):
    """MATH001/002: the records whose prose was checked, and how many came from the cache."""

    records: int = 0
    cached: int = 0


class MathCheckStats(_Part):
    """MATH004-006: the explicit `checks:` of the records."""

    sympy_checks: int = 0
    python_checks: int = 0
    python_run: int = 0  # python checks executed this run
    python_jobs: int = 0  # sandbox jobs they took (checks of a record share one)
    python_cached: int = 0
    seconds: float = 0.0


class ClaimStats(_Part):
    """CLAIM001/002."""

    sentences: int | None = None  # sentences read for known misconceptions
    misconception_verdicts_computed: int | None = None  # not in the verdict cache
    misconceptions: int | None = None
    claim001_seconds: float | None = None
    computable_statements: int | None = None  # statements CLAIM002 settles by computing
    tensorflow_runs: int | None = None  # TensorFlow child processes started
    claim002_seconds: float | None = None


class EmbedStats(_Part):
    """One field's embeddings: texts embedded, from the cache, encoded now."""

    texts: int = 0
    cached: int = 0
    encoded: int = 0
    seconds: float = 0.0


class DupStats(_Part):
    """DUP001-003: the duplicate search over the whole bank, field by field (question, answer)."""

    minhash_cached: int | None = None
    minhash_computed: int | None = None
    question_exact_s: float | None = None
    question_near_candidates: int | None = None
    question_near_s: float | None = None
    question_embed: EmbedStats | None = None
    question_concept_vetoed: int | None = None
    question_concept_buckets: int | None = None
    question_concept_pairs: int | None = None
    question_concept_s: float | None = None
    question_paraphrase_s: float | None = None
    question_glosses: int | None = None  # concept definitions the describing questions meet
    question_gloss_pairs: int | None = None
    question_gloss_s: float | None = None
    answer_exact_s: float | None = None
    answer_near_candidates: int | None = None
    answer_near_s: float | None = None
    answer_embed: EmbedStats | None = None
    answer_concept_vetoed: int | None = None
    answer_concept_buckets: int | None = None
    answer_concept_pairs: int | None = None
    answer_concept_s: float | None = None
    answer_paraphrase_s: float | None = None
    answer_gloss_pairs: int | None = None
    answer_gloss_s: float | None = None
    orphan_pairs: int | None = None
    orphan_s: float | None = None
    seconds: float | None = None
    pairs: dict[str, int] | None = None  # exact / near / paraphrase

    def add(self, key: str, value: Any) -> None:
        """Set one figure by name (`question_near_s`); an unknown name is a bug."""
        if key not in type(self).model_fields:
            raise KeyError(f"DupStats has no figure {key!r}")
        setattr(self, key, value)

    def figure(self, key: str, default: Any = None) -> Any:
        value = getattr(self, key, None)
        return default if value is None else value


class GenStats(_Part):
    """GEN: templates and the variants generated and verified for them."""

    templates: int = 0
    variants: int = 0
    verified: int = 0
    cached: int = 0
    seconds: float = 0.0


class Stats(_Part):
    """Every family's part; a part is absent when its family did not run."""

    run: RunStats | None = None
    math_prose: MathProseStats | None = None
    math_checks: MathCheckStats | None = None
    claim: ClaimStats | None = None
    dup: DupStats | None = None
    gen: GenStats | None = None
    lines: list[str] = Field(default_factory=list)  # shown under the text report's totals

    def add_summary(self, line: str) -> None:
        self.lines.append(line)

    @property
    def summary(self) -> str:
        return "\n".join(self.lines)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report's `summary.stats`: the parts that ran, and `summary` (the lines)."""
        out = self.model_dump(exclude_none=True, exclude={"lines"})
        if self.lines:
            out["summary"] = self.summary
        return out

    def __bool__(self) -> bool:
        return bool(self.to_dict())
