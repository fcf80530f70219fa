"""RUN: execute every code answer against the pinned TensorFlow/Keras, and check it statically.

`analysis(ctx)` does the family's work once per run (a `ctx.memo`), and each RUN rule reads its
own findings from it:

- every python fence of the target records (in `question` and `answer`) is checked statically
  (`validators.run.static`: parse, unknown `tf.`/`keras.` names, keyword arguments bound to the
  real signatures, TensorFlow 1 APIs), fragments included;
- every runnable fence (not `python fragment`) is executed in the sandbox (`qbank.services.sandbox`)
  after the record's `setup`, unless a result for the same code, setup, options and versions
  is in the cache (`qbank.core.cache`, namespace "run");
- results become findings: raises, wrong output, missing expected exception, timeout, crash,
  TensorFlow/Keras warnings, too much output.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qbank.core.fences import FENCE_FLAGS, FENCE_OPTIONS, Fence, expected_output, record_fences
from qbank.core.loader import LoadedRecord, Pos, load_data
from qbank.core.stats import RunStats
from validators.base import Context, Result

if TYPE_CHECKING:
    from qbank.services.sandbox import Job, JobResult
    from validators.run.static import Issue

DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 600.0
CACHE_SCHEMA = 1
# results that depend on the machine's load, not only on the code: never cached
UNCACHED = {"timeout", "crashed", "error"}
WARNING_ORIGINS = ("/tensorflow/", "/keras/", "/tf_keras/", "/absl/")


@dataclass
class FenceRun:
    rec: LoadedRecord
    fence: Fence
    static: list[Issue] = field(default_factory=list)
    result: JobResult | None = None
    cached: bool = False
    findings: dict[str, list[Result]] = field(default_factory=dict)

    def add(self, code: str, res: Result) -> None:
        self.findings.setdefault(code, []).append(res)


@dataclass
class Analysis:
    runs: list[FenceRun]
    by_code: dict[str, list[tuple[LoadedRecord, Result]]]


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


def analysis(ctx: Context) -> Analysis:
    return ctx.memo("run.analysis", lambda: _analyze(ctx))  # type: ignore[no-any-return]


def _job(rec: LoadedRecord, fence: Fence) -> Job:
    from qbank.services.sandbox import Job
    from validators.run.static import prepare

    return Job(code=prepare(fence.body, fence.lang), setup=setup_of(rec),
               timeout=fence_timeout(fence))


def _analyze(ctx: Context) -> Analysis:
    from qbank.core.cache import Cache

    start = time.perf_counter()
    runs: list[FenceRun] = []
    for rec in ctx.target_records():
        if rec.syntax is not None:
            continue
        for fence, _ in python_fences(rec):
            runs.append(FenceRun(rec, fence))
    cache = Cache.for_config(ctx.config, "run", CACHE_SCHEMA)
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
    sandbox = None
    if todo:

        # started now: TensorFlow imports in the zygote while the static checks run here
        sandbox = ctx.sandbox()
    api = _static(ctx, runs)
    executed = 0
    if todo and sandbox is not None:
        # a fence whose code does not parse is not run: RUN001 says all there is to say
        runnable = [(fr, job, key) for fr, job, key in todo
                    if not any(i.code == "RUN001" for i in fr.static)]
        results = sandbox.run([job for _, job, _ in runnable])
        executed = len(runnable)
        for (fr, _, key), res in zip(runnable, results, strict=True):
            fr.result = res
            if res.status not in UNCACHED:
                cache.put(key, res.to_json())
    by_code: dict[str, list[tuple[LoadedRecord, Result]]] = {}
    for fr in runs:
        _findings(fr)
        for code, results in fr.findings.items():
            by_code.setdefault(code, []).extend((fr.rec, r) for r in results)
    _stats(ctx, runs, executed, api, time.perf_counter() - start)
    return Analysis(runs, by_code)


def _static_fingerprint() -> str:
    import hashlib

    from qbank.core.fences import TYPOGRAPHIC
    from qbank.services.sandbox.apiindex import INDEX_VERSION
    from validators.run.static import CATALOGS

    here = Path(__file__).resolve().parent
    h = hashlib.sha256(str(INDEX_VERSION).encode())
    h.update(repr(sorted(TYPOGRAPHIC.items())).encode())
    for name in ("static.py", "logits.py", "api.py", *CATALOGS):
        h.update((here / name).read_bytes())
    return h.hexdigest()


def _static(ctx: Context, runs: list[FenceRun]) -> Any:
    """Static issues of every fence, cached by content (the API index is loaded only when a
    fence is new)."""
    from qbank.core.cache import Cache
    from validators.run import api as api_mod
    from validators.run.static import Issue, analyze

    cache = Cache.for_config(ctx.config, "run-static", CACHE_SCHEMA)
    fingerprint = _static_fingerprint()
    api = None
    for fr in runs:
        key = cache.key({"body": fr.fence.body, "lang": fr.fence.lang, "runs": fr.fence.runs,
                         "setup": setup_of(fr.rec), "checker": fingerprint})
        hit = cache.get(key)
        if hit is not None:
            fr.static = [Issue(**i) for i in hit["issues"]]
            continue
        if api is None:
            api = api_mod.load(ctx.config.cache_dir)
        fr.static = analyze(fr.fence.body, api, runs=fr.fence.runs, setup=setup_of(fr.rec),
                            lang=fr.fence.lang)
        if api.available:
            cache.put(key, {"issues": [asdict(i) for i in fr.static]})
    return api


def _stats(ctx: Context, runs: list[FenceRun], executed: int, api: Any, seconds: float) -> None:
    from qbank.core.cache import environment

    env = environment()
    failed = sum(1 for fr in runs if any(
        code not in ("RUN008",) and any(r.severity is None or r.severity.value == "error"
                                        for r in res)
        for code, res in fr.findings.items()))
    stats = ctx.stats.run = RunStats(
        fences=len(runs), ran=executed, cached=sum(fr.cached for fr in runs),
        static_only=sum(not fr.fence.runs for fr in runs), failed=failed,
        seconds=round(seconds, 3), tensorflow=env.get("tensorflow"), keras=env.get("keras"))
    fragment = (f"RUN: {stats.fences} python fences checked against TensorFlow "
                f"{env.get('tensorflow', '?')} / Keras {env.get('keras', '?')}: "
                f"{stats.ran} ran, {stats.cached} cached, {stats.static_only} "
                f"static only, {stats.failed} failed")
    ctx.add_summary(fragment)


# ---------------------------------------------------------------------------- findings


def _pos(fr: FenceRun, where: str | None, line: int | None) -> Pos:
    if where == "<fence>" and line:
        return fr.fence.body_line_pos(fr.rec, line)
    if where == "<setup>" and line:
        setup = setup_of(fr.rec)
        offset = 0
        for _ in range(line - 1):
            nxt = setup.find("\n", offset)
            if nxt < 0:
                break
            offset = nxt + 1
        return fr.rec.text_pos(("setup",), offset)
    return fr.fence.opening_pos(fr.rec)


def _in(where: str | None) -> str:
    return " in the record's `setup`" if where == "<setup>" else ""


def _hint_for(res: JobResult) -> str:
    name = res.exc_type or ""
    msg = res.message or ""
    if name == "NameError":
        return ("the fence uses a name it does not define: define or import it in the fence, "
                "put shared code in the record's `setup`, or mark the fence `python fragment`")
    if name in ("ModuleNotFoundError", "ImportError"):
        return ("only the pinned packages (TensorFlow, Keras, NumPy, ...) are installed in the "
                "sandbox: use them, or mark the fence `python fragment`")
    if name == "FileNotFoundError" or "No such file" in msg:
        return ("the sandbox starts in an empty directory: create the data in the fence (or "
                "in `setup`), or mark the fence `python fragment`")
    if "Unrecognized keyword arguments" in msg or "not recognized" in msg:
        return "the argument does not exist in the pinned Keras: see the layer's signature"
    if name in ("OSError", "ConnectionError", "URLError", "gaierror") and (
            "unreachable" in msg or "resolution" in msg or "Name or service" in msg):
        return ("the sandbox has no network: build the data in the fence instead of "
                "downloading it, or mark the fence `python fragment`")
    return ("fix the code so that it runs with the pinned TensorFlow/Keras; if raising is the "
            f"point of the example, mark the fence `python raises={name or 'ErrorName'}`")


def _expected_matches(expected: str, res: JobResult) -> bool:
    short = expected.rsplit(".", 1)[-1]
    return res.raised(short)


KNOWN_OPTIONS = FENCE_OPTIONS  # declared with the fences (qbank/core/fences.py)
KNOWN_FLAGS = set(FENCE_FLAGS)


def _fence_options(fr: FenceRun) -> None:
    """RUN013: options after ```python that qbank does not know (a typo runs the fence
    without what the author meant)."""
    import difflib

    fence, rec = fr.fence, fr.rec
    words = [*(f"{k}=" for k in fence.options), *fence.flags]
    for word in words:
        key = word.rstrip("=")
        if (word.endswith("=") and key in KNOWN_OPTIONS) or (not word.endswith("=")
                                                            and key in KNOWN_FLAGS):
            if key == "timeout":
                try:
                    ok = 0 < float(fence.options["timeout"]) <= MAX_TIMEOUT
                except ValueError:
                    ok = False
                if not ok:
                    fr.add("RUN013", Result(
                        f"`timeout={fence.options['timeout']}` is not a number of seconds "
                        f"between 1 and {MAX_TIMEOUT:g}",
                        hint="write e.g. ```python timeout=60", at=fence.opening_pos(rec)))
            continue
        known = [f"{k}=" for k in KNOWN_OPTIONS] + sorted(KNOWN_FLAGS)
        near = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
        shown = f"{word}{fence.options.get(key, '')}" if word.endswith("=") else word
        fr.add("RUN013", Result(
            f"unknown fence option `{shown}` after ```{fence.lang}",
            hint=(f"did you mean `{near[0]}`? " if near else "")
            + "known: `fragment`, `raises=ErrorName`, `timeout=SECONDS`",
            at=fence.opening_pos(rec)))


def _findings(fr: FenceRun) -> None:
    from qbank.core.findings import Severity

    fence, rec = fr.fence, fr.rec
    _fence_options(fr)
    static_lines: set[int] = set()
    for issue in fr.static:
        sev = Severity(issue.severity) if issue.severity else None
        line_pos = fence.body_line_pos(rec, issue.line)
        fr.add(issue.code, Result(issue.message, hint=issue.hint,
                                  at=Pos(line_pos.line, line_pos.column + issue.col),
                                  severity=sev))
        if issue.code != "RUN008" and issue.severity != "warning":
            static_lines.add(issue.line)
    res = fr.result
    if res is None:
        return
    expected_exc = fence.raises
    status = res.status
    if status == "ok":
        if expected_exc:
            fr.add("RUN005", Result(
                f"the fence is marked `raises={expected_exc}` but ran without raising",
                hint="make the code raise what it says, or drop `raises=` from the fence",
                at=fence.opening_pos(rec)))
        _output(fr)
    elif status == "raised":
        at = _pos(fr, res.where, res.line)
        if expected_exc and _expected_matches(expected_exc, res):
            pass
        elif expected_exc:
            fr.add("RUN005", Result(
                f"expected {expected_exc}, but the code raised {res.exc_type}"
                f"{_in(res.where)}: {_short(res.message)}",
                hint=f"make the code raise {expected_exc}, or change the fence to "
                     f"`python raises={res.exc_type}`", at=at))
        elif res.where == "<fence>" and res.line in static_lines:
            pass  # a static finding on this line already explains it better
        else:
            fr.add("RUN003", Result(
                f"the code raises {res.exc_type}{_in(res.where)}: {_short(res.message)}",
                hint=_hint_for(res), at=at))
    elif status == "timeout":
        fr.add("RUN006", Result(
            f"the code did not finish within {fence_timeout(fence):g} s",
            hint="make it faster (fewer epochs, smaller data); if it must be slow, allow more "
                 "with `python timeout=60`", at=fence.opening_pos(rec)))
    elif status == "memory":
        fr.add("RUN007", Result(
            f"the code ran out of memory (the sandbox allows 2 GiB){_in(res.where)}: "
            f"{_short(res.message)}", hint="use smaller arrays or models",
            at=_pos(fr, res.where, res.line)))
    elif status == "exited":
        msg = res.message or ""
        what = msg if msg.startswith("the interpreter") else f"the code called sys.exit({msg})"
        fr.add("RUN007", Result(
            f"the interpreter stopped before the code finished: {what}",
            hint="do not call `sys.exit`/`os._exit` in an answer's code; let it end normally",
            at=fence.opening_pos(rec)))
    elif status == "crashed":
        fr.add("RUN007", Result(
            f"the interpreter crashed: {res.message}",
            hint="the code crashes Python itself (native code, a fork bomb, a limit): "
                 "simplify it", at=fence.opening_pos(rec)))
    elif status == "output-limit":
        fr.add("RUN011", Result(
            f"the code printed too much: {res.message}",
            hint="print a summary (shapes, a few values), not whole arrays or endless loops; "
                 "pass `verbose=0` to `fit`", at=fence.opening_pos(rec)))
    else:  # "error": the sandbox itself failed; not the record's fault, but not checked either
        fr.add("RUN007", Result(
            f"the code could not be run: {res.message}",
            hint="the sandbox failed; run `qbank validate --no-cache` again and report the "
                 "problem if it persists", at=fence.opening_pos(rec)))
    _warnings(fr)


def _short(text: str, limit: int = 300) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _output(fr: FenceRun) -> None:
    from validators.run.output import compare

    fences = record_fences(fr.rec)
    out = expected_output(fences, fr.fence)
    if out is None or fr.result is None:
        return
    ok, diff = compare(out.body, fr.result.stdout)
    if not ok:
        fr.add("RUN004", Result(
            f"the code's output differs from the ```output fence: {diff}",
            hint="update the expected output to what the pinned TensorFlow/Keras prints "
                 "(seeded, deterministic), or fix the code",
            at=out.opening_pos(fr.rec)))


def _warnings(fr: FenceRun) -> None:
    from qbank.core.findings import Severity

    res = fr.result
    if res is None:
        return
    seen: set[tuple[str, int | None]] = set()
    # a static warning about a deprecated argument or a legacy save format explains the
    # runtime warning on its line better
    static_warned = {i.line for i in fr.static if i.code in ("RUN008", "RUN012")}
    for w in res.warnings:
        filename = str(w.get("filename") or "")
        module = str(w.get("module") or "")
        from_tf = (str(w.get("category", "")).startswith("log.")
                   or any(o in filename for o in WARNING_ORIGINS)
                   or module.startswith(("tensorflow", "keras")))
        if not from_tf or _ignored(str(w.get("message"))):
            continue
        key = (str(w.get("message")), w.get("line"))
        if key in seen or (w.get("where") == "<fence>" and w.get("line") in static_warned):
            continue
        seen.add(key)
        where = w.get("where")
        fr.add("RUN008", Result(
            f"{'TensorFlow' if 'tensorflow' in filename else 'Keras'} warns"
            f"{_in(where)}: {_short(str(w.get('message')), 240)}",
            hint="change the code so that the pinned version does not warn (readers copy it)",
            at=_pos(fr, where, w.get("line")), severity=Severity.WARNING))


@cache
def _ignored_patterns() -> list[re.Pattern[str]]:
    path = Path(__file__).with_name("ignored_warnings.yaml")
    return [re.compile(p) for p in load_data(path.read_text(encoding="utf-8")) or []]


def _ignored(message: str) -> bool:
    return any(p.search(message) for p in _ignored_patterns())


def results_for(ctx: Context, code: str) -> list[tuple[LoadedRecord, Result]]:
    return analysis(ctx).by_code.get(code, [])
