"""Run untrusted Python (code answers, `checks` expressions) with the pinned TensorFlow/Keras,
fast and contained.

API (used by the RUN family, usable by MATH and others)::

    from qbank.services.sandbox import Job, run_jobs
    results = run_jobs([Job(code="print(1 + 1)"),
                        Job(setup="import numpy as np", expr="np.arange(3)",
                            namespace="science")])
    results[0].status   # "ok" | "raised" | "exited" | "crashed" | "timeout" | "memory"
                        # | "output-limit" | "error" (the sandbox itself failed)
    results[0].stdout   # "2\\n"
    results[1].value    # [0, 1, 2]  (JSON-able: tensors and arrays via .numpy()/.tolist())

`Job` fields: `code` (run with `exec`, compiled as file "<fence>"), `setup` (run first, file
"<setup>"), `expr` (evaluated last, file "<expr>", result in `value`), `timeout` (wall seconds),
`memory_mb` (RLIMIT_DATA), `namespace` ("bare": empty `__main__` globals; "science": `np`, `tf`,
`keras`, `sympy` predefined; the zygote imports sympy once, on the first such job),
`output_cap` (bytes of stdout/stderr kept; more is a failure).
`JobResult` has `status`, `stdout`, `stderr`, `exc_type`, `exc_mro`, `message`, `where`
("<fence>", "<setup>" or "<expr>") and `line` (1-based, inside that piece of code) of the
innermost frame of the record's code, `traceback`, `warnings` (each with `category`, `message`,
`where`, `line`), `value`, `seconds`, `caps` (the isolation that was in force).

How: one *zygote* process imports numpy, tensorflow and keras once (running no TF op: forking
after the TF runtime starts deadlocks), then forks one child per job, up to `workers` (default:
one per core) at a time. Each child: new session, rlimits (DATA, CPU, FSIZE, NOFILE, CORE, and
NPROC under its own uid), a uid of its own when the runner is root, new user/net/mount/pid/ipc
namespaces where the kernel allows (no network, a private tmpfs over every world-writable
directory, its own /proc), a fresh working directory, a scrubbed environment, seeds and op
determinism, stdout/stderr captured at the file-descriptor level. The zygote kills the child's
process group on timeout, and everything left with the child's uid. See docs/sandbox.md.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ZYGOTE = Path(__file__).with_name("zygote.py")
SANDBOX_VERSION = 5  # part of every cache key of a result: bump when results could change
DEFAULT_PRELOAD = ("numpy", "tensorflow", "keras")
STATUSES = ("ok", "raised", "exited", "crashed", "timeout", "memory", "output-limit", "error")

# The pinned, deterministic TensorFlow environment of every zygote (and so of every snippet).
SANDBOX_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "PYTHONHASHSEED": "0",
    "PYTHONDONTWRITEBYTECODE": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "CUDA_VISIBLE_DEVICES": "",
    "KERAS_BACKEND": "tensorflow",
    "TF_DETERMINISTIC_OPS": "1",
}


@dataclass(frozen=True)
class Job:
    code: str = ""
    setup: str = ""
    expr: str | None = None
    timeout: float = 30.0
    memory_mb: int = 2048
    namespace: str = "bare"
    output_cap: int = 1 << 20

    def wire(self, ident: int) -> dict[str, Any]:
        return {"id": ident, **asdict(self)}

    def key_material(self) -> dict[str, Any]:
        """What a cached result depends on (besides the package versions)."""
        return {**asdict(self), "sandbox": SANDBOX_VERSION, "env": SANDBOX_ENV}


@dataclass
class JobResult:
    status: str
    stdout: str = ""
    stderr: str = ""
    exc_type: str | None = None
    exc_mro: list[str] = field(default_factory=list)
    message: str = ""
    where: str | None = None
    line: int | None = None
    traceback: str = ""
    warnings: list[dict[str, Any]] = field(default_factory=list)
    value: Any = None
    value_repr: str | None = None
    exit_code: int | None = None
    signal: str | None = None
    seconds: float = 0.0
    caps: dict[str, Any] = field(default_factory=dict)
    cached: bool = False

    @classmethod
    def from_wire(cls, d: dict[str, Any]) -> JobResult:
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        known.setdefault("status", "error")
        return cls(**known)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("cached", None)
        return d

    def raised(self, name: str) -> bool:
        """The code raised `name` or a subclass of it."""
        return self.status == "raised" and (self.exc_type == name or name in self.exc_mro)


def cores() -> int:
    """The cores this process may run on (the default number of workers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class SandboxError(RuntimeError):
    """The sandbox could not start (no Python, TensorFlow import failed...)."""


class Sandbox:
    """A running zygote. Start it early (`start()`), it imports TF in the background."""

    def __init__(self, workers: int = 0, preload: tuple[str, ...] = DEFAULT_PRELOAD) -> None:
        self.workers = workers or cores()
        self.preload = preload
        self.proc: subprocess.Popen[bytes] | None = None
        self.base = ""
        self.hello: dict[str, Any] = {}
        self._lock = threading.Lock()

    def start(self) -> Sandbox:
        if self.proc is not None:
            return self
        self.base = tempfile.mkdtemp(prefix="qbank-sandbox-")
        os.chmod(self.base, 0o711)
        env = {**SANDBOX_ENV, "HOME": self.base, "TMPDIR": self.base}
        self.proc = subprocess.Popen(
            [sys.executable, "-I", str(ZYGOTE)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, cwd=self.base, close_fds=True)
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps({"jobs": self.workers, "preload": list(self.preload),
                                           "base": self.base}) + "\n").encode())
        self.proc.stdin.flush()
        atexit.register(self.close)
        return self

    def _ready(self) -> dict[str, Any]:
        if not self.hello:
            assert self.proc is not None and self.proc.stdout is not None
            line = self.proc.stdout.readline()
            if not line:
                raise SandboxError("the sandbox process exited while importing TensorFlow")
            self.hello = json.loads(line)
        return self.hello

    @property
    def versions(self) -> dict[str, str]:
        self.start()
        return dict(self._ready().get("versions", {}))

    def run(self, jobs: list[Job]) -> list[JobResult]:
        """Run `jobs` in parallel; results in the same order."""
        if not jobs:
            return []
        with self._lock:
            self.start()
            try:
                self._ready()
            except (SandboxError, ValueError) as exc:
                return [JobResult(status="error", message=str(exc)) for _ in jobs]
            proc = self.proc
            assert proc is not None and proc.stdin is not None and proc.stdout is not None
            payload = "".join(json.dumps(j.wire(i)) + "\n" for i, j in enumerate(jobs)).encode()

            def feed() -> None:
                try:
                    proc.stdin.write(payload)  # type: ignore[union-attr]
                    proc.stdin.flush()  # type: ignore[union-attr]
                except (BrokenPipeError, OSError):
                    pass

            writer = threading.Thread(target=feed, daemon=True)
            writer.start()
            results: list[JobResult | None] = [None] * len(jobs)
            for _ in jobs:
                line = proc.stdout.readline()
                if not line:
                    break
                d = json.loads(line)
                results[d["id"]] = JobResult.from_wire(d)
            writer.join()
            if any(r is None for r in results):
                self._dead()
            return [r or JobResult(status="error", message="the sandbox process died")
                    for r in results]

    def _dead(self) -> None:
        proc, self.proc, self.hello = self.proc, None, {}
        if proc is not None:
            proc.kill()
            proc.wait()

    def close(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            try:
                if proc.stdin:
                    proc.stdin.close()
                proc.wait(timeout=30)  # the zygote reaps everything it started first
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait()
            for f in (proc.stdout,):
                if f:
                    f.close()
        if self.base:
            shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


_SHARED: dict[tuple[int, tuple[str, ...]], Sandbox] = {}
_SHARED_LOCK = threading.Lock()


def shared(workers: int = 0, preload: tuple[str, ...] = DEFAULT_PRELOAD) -> Sandbox:
    """A started sandbox shared by everything in this process (validate runs, rule families,
    tests): the TensorFlow import is paid once. Jobs never share state: each is its own fork.
    Closed at exit, or with `close_shared()`."""
    key = (workers or cores(), tuple(preload))
    with _SHARED_LOCK:
        sb = _SHARED.get(key)
        if sb is None or (sb.proc is not None and sb.proc.poll() is not None):
            sb = _SHARED[key] = Sandbox(workers=key[0], preload=key[1])
        return sb.start()


def close_shared() -> None:
    with _SHARED_LOCK:
        for sb in _SHARED.values():
            sb.close()
        _SHARED.clear()


def run_jobs(jobs: list[Job], workers: int = 0,
             preload: tuple[str, ...] = DEFAULT_PRELOAD) -> list[JobResult]:
    """Run `jobs` in a fresh sandbox and close it. Results are in the order of `jobs`."""
    if not jobs:
        return []
    with Sandbox(workers=workers, preload=preload) as sb:
        return sb.run(jobs)
