"""RUN: execute every code answer against the pinned TensorFlow/Keras, and check it statically.

`analysis(ctx)` does the family's work once per run (a `ctx.memo`) and returns data; each RUN
rule module words its own findings from it:

- every python fence of the target records (in `question` and `answer`) is checked statically
  (`validators.run.static`: parse, unknown `tf.`/`keras.` names, keyword arguments bound to the
  real signatures, TensorFlow 1 APIs), fragments included: `FenceRun.static`, a list of
  `qbank.core.issues.Issue` (cached by content, namespace "run-static");
- every runnable fence (not `python fragment`) is executed in the sandbox (`ctx.sandbox()`)
  after the record's `setup`, unless a result for the same code, setup, options and versions
  is in the cache (namespace "run"): `FenceRun.result`, its `output_diff` from the ```output
  fence and the TensorFlow/Keras `warnings` it printed;
- which finding explains a fence best (a static finding on the line that raised, `raises=`)
  is data too: `FenceRun.static_lines`, `unexplained_raise`, `wrong_raise`, `static_warned`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qbank.core.cache import environment, source_fingerprint
from qbank.core.fences import (
    FENCE_FLAGS,
    FENCE_OPTIONS,
    TYPOGRAPHIC,
    Fence,
    expected_output,
    record_fences,
)
from qbank.core.findings import Severity
from qbank.core.issues import Issue
from qbank.core.loader import LoadedRecord, Pos, load_data
from qbank.core.stats import RunStats
from validators.base import Context
from validators.run import api
from validators.run.api import ApiIndex
from validators.run.output import compare
from validators.run.static import CATALOGS, prepare
from validators.run.static import analyze as static_issues

if TYPE_CHECKING:
    from qbank.services.sandbox import Job, JobResult

DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 600.0
CACHE_SCHEMA = 1  # the sandbox's JobResult, as `to_json()`
STATIC_SCHEMA = 2  # 2: `Issue.to_wire()` (facts, no wording)
# results that depend on the machine's load, not only on the code: never cached
UNCACHED = {"timeout", "crashed", "error"}
WARNING_ORIGINS = ("/tensorflow/", "/keras/", "/tf_keras/", "/absl/")
KNOWN_OPTIONS = FENCE_OPTIONS  # declared with the fences (qbank/core/fences.py)
KNOWN_FLAGS = set(FENCE_FLAGS)


@dataclass
class FenceRun:
    """One python fence: what the static checks found, and how its run went."""

    rec: LoadedRecord
    fence: Fence
    expected: Fence | None = None  # its ```output fence
    static: list[Issue] = field(default_factory=list)
    options: list[Issue] = field(default_factory=list)  # unknown fence options, bad timeout
    result: JobResult | None = None
    cached: bool = False
    output_diff: str | None = None  # the first difference from `expected`, when it ran ok
    warnings: list[dict[str, Any]] = field(default_factory=list)  # TensorFlow/Keras', kept

    def issues(self, code: str) -> list[Issue]:
        return [i for i in self.static if i.code == code]

    @property
    def static_lines(self) -> set[int]:
        """Lines with a static error: what a runtime error there raises is explained already."""
        return {i.line for i in self.static if i.code != "RUN008" and i.severity != "warning"}

    @property
    def static_warned(self) -> set[int]:
        """Lines with a static warning (a deprecated argument, a legacy save format): it
        explains the runtime warning of its line better."""
        return {i.line for i in self.static if i.code in ("RUN008", "RUN012")}

    @property
    def unexplained_raise(self) -> bool:
        """It raised, without `raises=`, and no static finding on that line explains it."""
        res = self.result
        return (res is not None and res.status == "raised" and not self.fence.raises
                and not (res.where == "<fence>" and res.line in self.static_lines))

    @property
    def wrong_raise(self) -> bool:
        """Marked `raises=`, but it ran without raising, or raised something else."""
        res, expected = self.result, self.fence.raises
        if res is None or not expected:
            return False
        return res.status == "ok" or (res.status == "raised"
                                      and not res.raised(expected.rsplit(".", 1)[-1]))

    @property
    def failed(self) -> bool:
        """Any finding of error severity, runtime warnings aside (for the stats)."""
        res = self.result
        ran = res is not None and (res.status not in ("ok", "raised") or self.wrong_raise
                                   or self.unexplained_raise or self.output_diff is not None)
        return bool(self.options) or ran or any(
            i.code != "RUN008" and i.severity in (None, "error") for i in self.static)

    def at(self, issue: Issue) -> Pos:
        """Where a static issue is, in the record."""
        line_pos = self.fence.body_line_pos(self.rec, issue.line)
        return Pos(line_pos.line, line_pos.column + issue.column)

    def pos(self, where: str | None, line: int | None) -> Pos:
        """Where a runtime event is: a line of the fence, of `setup`, else the fence."""
        if where == "<fence>" and line:
            return self.fence.body_line_pos(self.rec, line)
        if where == "<setup>" and line:
            setup = setup_of(self.rec)
            offset = 0
            for _ in range(line - 1):
                nxt = setup.find("\n", offset)
                if nxt < 0:
                    break
                offset = nxt + 1
            return self.rec.text_pos(("setup",), offset)
        return self.fence.opening_pos(self.rec)


@dataclass
class Analysis:
    runs: list[FenceRun]

    def static(self, code: str) -> Iterator[tuple[FenceRun, Issue]]:
        """Every static issue of `code`, fence by fence."""
        for fr in self.runs:
            for issue in fr.issues(code):
                yield fr, issue


def analysis(ctx: Context) -> Analysis:
    return ctx.memo("run.analysis", lambda: _analyze(ctx))  # type: ignore[no-any-return]


def _analyze(ctx: Context) -> Analysis:
    start = time.perf_counter()
    runs = [FenceRun(rec, fence, expected, options=option_issues(fence))
            for rec in ctx.target_records() if rec.syntax is None
            for fence, expected in python_fences(rec)]
    cache = ctx.cache("run", CACHE_SCHEMA)
    todo: list[tuple[FenceRun, Job, str]] = []
    for fr in runs:
        if not fr.fence.runs:
            continue
        job = _job(fr.rec, fr.fence)
        key = cache.key(job.key_material())
        hit = cache.get(key)
        if hit is not None:
            from qbank.services.sandbox import JobResult

            fr.result, fr.cached = JobResult.from_wire(hit), True
        else:
            todo.append((fr, job, key))
    # started now: TensorFlow imports in the zygote while the static checks run here
    sandbox = ctx.sandbox() if todo else None
    _static(ctx, runs)
    executed = 0
    if sandbox is not None:
        # a fence whose code does not parse is not run: RUN001 says all there is to say
        runnable = [(fr, job, key) for fr, job, key in todo if not fr.issues("RUN001")]
        results = sandbox.run([job for _, job, _ in runnable])
        executed = len(runnable)
        for (fr, _, key), res in zip(runnable, results, strict=True):
            fr.result = res
            if res.status not in UNCACHED:
                cache.put(key, res.to_json())
    for fr in runs:
        _outcome(fr)
    _stats(ctx, runs, executed, time.perf_counter() - start)
    return Analysis(runs)


def _job(rec: LoadedRecord, fence: Fence) -> Job:
    from qbank.services.sandbox import Job

    return Job(code=prepare(fence.body, fence.lang), setup=setup_of(rec),
               timeout=fence_timeout(fence))


def _static_fingerprint() -> str:
    """The static checker's identity: its code, its catalogs, the API index and the
    typographic characters it straightens."""
    from qbank.services.sandbox.apiindex import INDEX_VERSION

    here = Path(__file__).resolve().parent
    return source_fingerprint(*(here / n for n in ("static.py", "logits.py", "api.py",
                                                   *CATALOGS)),
                              extra=f"{INDEX_VERSION}\0{sorted(TYPOGRAPHIC.items())!r}")


def _static(ctx: Context, runs: list[FenceRun]) -> None:
    """Static issues of every fence, cached by content (the API index is loaded only when a
    fence is new)."""
    cache = ctx.cache("run-static", STATIC_SCHEMA)
    fingerprint = _static_fingerprint()
    index: ApiIndex | None = None
    for fr in runs:
        key = cache.key({"body": fr.fence.body, "lang": fr.fence.lang, "runs": fr.fence.runs,
                         "setup": setup_of(fr.rec), "checker": fingerprint})
        hit = cache.get(key)
        if hit is not None:
            fr.static = [Issue.from_wire(i) for i in hit["issues"]]
            continue
        if index is None:
            index = api.load(ctx.config.cache_dir)
        fr.static = static_issues(fr.fence.body, index, runs=fr.fence.runs,
                                  setup=setup_of(fr.rec), lang=fr.fence.lang)
        if index.available:
            cache.put(key, {"issues": [i.to_wire() for i in fr.static]})


def _outcome(fr: FenceRun) -> None:
    """The output comparison and the warnings of a fence that ran."""
    res = fr.result
    if res is None:
        return
    if res.status == "ok" and fr.expected is not None:
        ok, diff = compare(fr.expected.body, res.stdout)
        fr.output_diff = None if ok else diff
    fr.warnings = tf_warnings(res)


def _stats(ctx: Context, runs: list[FenceRun], executed: int, seconds: float) -> None:
    env = environment()
    stats = ctx.stats.run = RunStats(
        fences=len(runs), ran=executed, cached=sum(fr.cached for fr in runs),
        static_only=sum(not fr.fence.runs for fr in runs),
        failed=sum(fr.failed for fr in runs), seconds=round(seconds, 3),
        tensorflow=env.get("tensorflow"), keras=env.get("keras"))
    ctx.add_summary(f"RUN: {stats.fences} python fences checked against TensorFlow "
                    f"{env.get('tensorflow', '?')} / Keras {env.get('keras', '?')}: "
                    f"{stats.ran} ran, {stats.cached} cached, {stats.static_only} "
                    f"static only, {stats.failed} failed")


def python_fences(rec: LoadedRecord) -> list[tuple[Fence, Fence | None]]:
    fences = record_fences(rec)
    return [(f, expected_output(fences, f)) for f in fences if f.is_python]


def fence_timeout(fence: Fence) -> float:
    raw = fence.options.get("timeout")
    try:
        value = float(raw) if raw is not None else DEFAULT_TIMEOUT
    except ValueError:
        value = DEFAULT_TIMEOUT
    return max(1.0, min(value, MAX_TIMEOUT))


def setup_of(rec: LoadedRecord) -> str:
    value = rec.field("setup")
    return value if isinstance(value, str) else ""


def severity_of(issue: Issue) -> Severity | None:
    """An issue's own severity, where the rule's default does not apply."""
    return Severity(issue.severity) if issue.severity else None


def option_issues(fence: Fence) -> list[Issue]:
    """RUN013's data: the words after ```python that qbank does not know, and a `timeout=`
    that is not a number of seconds in range."""
    out: list[Issue] = []
    for word in [*(f"{k}=" for k in fence.options), *fence.flags]:
        key = word.rstrip("=")
        if (word.endswith("=") and key in KNOWN_OPTIONS) or (not word.endswith("=")
                                                            and key in KNOWN_FLAGS):
            if key == "timeout":
                try:
                    ok = 0 < float(fence.options["timeout"]) <= MAX_TIMEOUT
                except ValueError:
                    ok = False
                if not ok:
                    out.append(Issue("RUN013", facts={"timeout": fence.options["timeout"]}))
            continue
        shown = f"{word}{fence.options.get(key, '')}" if word.endswith("=") else word
        out.append(Issue("RUN013", facts={"word": word, "shown": shown, "lang": fence.lang}))
    return out


def tf_warnings(res: JobResult) -> list[dict[str, Any]]:
    """The warnings of a run that TensorFlow or Keras printed, less ignored_warnings.yaml."""
    out = []
    for w in res.warnings:
        filename = str(w.get("filename") or "")
        module = str(w.get("module") or "")
        from_tf = (str(w.get("category", "")).startswith("log.")
                   or any(o in filename for o in WARNING_ORIGINS)
                   or module.startswith(("tensorflow", "keras")))
        if from_tf and not _ignored(str(w.get("message"))):
            out.append(w)
    return out


@cache
def _ignored_patterns() -> list[re.Pattern[str]]:
    path = Path(__file__).with_name("ignored_warnings.yaml")
    return [re.compile(p) for p in load_data(path.read_text(encoding="utf-8")) or []]


def _ignored(message: str) -> bool:
    return any(p.search(message) for p in _ignored_patterns())


def short(text: str, limit: int = 300) -> str:
    """`text` on one line, cut at `limit` characters."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def in_setup(where: str | None) -> str:
    return " in the record's `setup`" if where == "<setup>" else ""
