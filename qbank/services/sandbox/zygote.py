"""The zygote: a server process that imports TensorFlow, Keras and NumPy once (running no TF op:
forking after the runtime has started deadlocks the children), then forks one sandboxed child
per job. Started by `qbank.services.sandbox.Sandbox` as `python -I zygote.py`; speaks JSON lines.

stdin:  first line `{"jobs": N, "preload": [...], "base": DIR}`, then one job per line:
        `{"id", "code", "setup", "timeout", "memory_mb", "expr", "namespace", "output_cap"}`
stdout: `{"ready": true, "caps": {...}, "versions": {...}}`, then one result per job line.

This file imports nothing from qbank: it runs in a scrubbed environment and must stay small.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import select
import shutil
import signal
import sys
import time
import traceback
from typing import Any

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC = 2, 4, 8
MS_BIND, MS_REC, MS_PRIVATE = 0x1000, 0x4000, 1 << 18
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
UID_BASE = 1_000_000  # sandbox uids: UID_BASE + (zygote pid * 64 + slot) % 2**30
FENCE_FILE, SETUP_FILE, EXPR_FILE = "<fence>", "<setup>", "<expr>"
WORLD_WRITABLE = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")
MAX_WARNINGS = 50

_libc = ctypes.CDLL(None, use_errno=True)


def _pdeathsig() -> None:
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _unshare(flags: int) -> None:
    if _libc.unshare(flags) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))


def _mount(src: str, target: str, fstype: str | None, flags: int, data: str | None) -> None:
    r = _libc.mount(src.encode(), target.encode(), fstype.encode() if fstype else None,
                    ctypes.c_ulong(flags), data.encode() if data else None)
    if r != 0:
        e = ctypes.get_errno()
        raise OSError(e, f"mount {target}: {os.strerror(e)}")


def _write(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------- child side


def _limits(job: dict[str, Any], cpus: int, uid_changed: bool) -> None:
    import resource

    mem = int(job.get("memory_mb", 2048)) * 1024 * 1024
    timeout = float(job.get("timeout", 30))
    cpu = int(timeout * max(1, cpus) + 10)
    fsize = int(job.get("fsize_mb", 64)) * 1024 * 1024
    for res, value in ((resource.RLIMIT_DATA, mem), (resource.RLIMIT_CPU, cpu),
                       (resource.RLIMIT_FSIZE, fsize), (resource.RLIMIT_NOFILE, 256),
                       (resource.RLIMIT_CORE, 0)):
        try:
            resource.setrlimit(res, (value, value))
        except (ValueError, OSError):
            pass
    if uid_changed:  # RLIMIT_NPROC counts per real uid and is not enforced for root
        try:
            resource.setrlimit(resource.RLIMIT_NPROC, (512, 512))
        except (ValueError, OSError):
            pass


def _isolate(root: bool) -> dict[str, Any]:
    """Namespaces, in C1 (single-threaded after fork). As root: new mount, net, pid and ipc
    namespaces directly (the uid is dropped later, in C2, after the mounts). Otherwise: a user
    namespace too, mapping the caller's uid to root inside it. Returns what is in force."""
    caps: dict[str, Any] = {"userns": False, "netns": False, "pidns": False, "mountns": False}
    outer, outer_gid = os.getuid(), os.getgid()
    if root:
        for flags, got in ((CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC,
                            ("mountns", "netns", "pidns")),
                           (CLONE_NEWNS | CLONE_NEWNET, ("mountns", "netns")),
                           (CLONE_NEWNET, ("netns",))):
            try:
                _unshare(flags)
            except OSError:
                continue
            caps.update(dict.fromkeys(got, True))
            return caps
        return caps
    try:
        _unshare(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC)
    except OSError:
        try:
            _unshare(CLONE_NEWUSER | CLONE_NEWNET)
            caps["userns"] = caps["netns"] = True
        except OSError:
            return caps
    else:
        caps.update(userns=True, netns=True, pidns=True, mountns=True)
    try:
        _write("/proc/self/setgroups", "deny")
    except OSError:
        pass
    for f, n in (("/proc/self/uid_map", outer), ("/proc/self/gid_map", outer_gid)):
        try:
            _write(f, f"0 {n} 1")
        except OSError as exc:
            caps["map_error"] = f"{f}: {exc}"
    return caps


def _drop(uid: int) -> None:
    """Become the job's own unprivileged uid (as root, in C2, after the mounts)."""
    import resource

    try:  # RLIMIT_NPROC counts per real uid and is not enforced for root
        resource.setrlimit(resource.RLIMIT_NPROC, (512, 512))
    except (ValueError, OSError):
        pass
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    _pdeathsig()  # a change of credentials clears it


def _plan_fs() -> list[tuple[str, str, list[tuple[str, int]]]]:
    """Which directories get a private tmpfs, and what to bind back into them. Runs before
    the uid is dropped: the O_PATH descriptors of the interpreter's directories are opened
    while they can still be reached (a pyenv Python under /root, mode 0700)."""
    keep = sorted({os.path.realpath(p) for p in (sys.prefix, sys.exec_prefix, sys.base_prefix,
                                                 os.path.dirname(sys.executable), *sys.path)
                   if p and os.path.isdir(p)})
    # the world-writable directories (nothing written there survives the job), and the
    # ancestors of the interpreter that the sandbox uid cannot traverse
    targets = [d for d in WORLD_WRITABLE if os.path.isdir(d)]
    for p in keep:
        parts = p.split("/")
        for i in range(2, len(parts)):
            anc = "/".join(parts[:i])
            try:
                if not os.stat(anc).st_mode & 0o001:
                    if anc not in targets:
                        targets.append(anc)
                    break
            except OSError:
                break
    plan = []
    for d in targets:
        inside = [p for p in keep if p.startswith(d.rstrip("/") + "/")]
        inside = [p for p in inside if not any(p != q and p.startswith(q + "/") for q in inside)]
        fds = []
        for p in inside:
            try:
                fds.append((p, os.open(p, os.O_PATH | os.O_DIRECTORY)))
            except OSError:
                pass
        plan.append((d, "1777" if d in WORLD_WRITABLE else "0755", fds))
    return plan


def _private_fs(caps: dict[str, Any], fs_mb: int) -> str | None:
    """In C2 (pid 1 of the new pid namespace): private tmpfs over every world-writable dir
    (and over unreachable ancestors of the interpreter, which is bound back in), and a /proc
    of our own. Returns the working directory, or None to use the host one."""
    if not caps.get("mountns"):
        return None
    try:
        _mount("none", "/", None, MS_REC | MS_PRIVATE, None)
    except OSError:
        pass
    work = None
    plan = _plan_fs()  # in the new mount namespace: a bind source must belong to it
    for d, mode, fds in plan:
        try:
            _mount("tmpfs", d, "tmpfs", MS_NOSUID | MS_NODEV, f"size={fs_mb}m,mode={mode}")
        except OSError:
            continue
        if d == "/tmp":
            work = "/tmp/work"
        for p, fd in fds:
            try:
                os.makedirs(p, exist_ok=True)
                _mount(f"/proc/self/fd/{fd}", p, None, MS_BIND | MS_REC, None)
            except OSError:
                pass
    for _, _, fds in plan:
        for _, fd in fds:
            try:
                os.close(fd)
            except OSError:
                pass
    try:
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
        caps["proc"] = True
    except OSError:
        caps["proc"] = False
    if work:
        os.mkdir(work, 0o700)
    return work


def _to_json(value: Any, depth: int = 0) -> Any:
    if depth > 20:
        return repr(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "numpy") and callable(value.numpy):
        try:
            value = value.numpy()
        except Exception:
            return repr(value)
    if hasattr(value, "tolist") and callable(value.tolist):
        try:
            return _to_json(value.tolist(), depth + 1)
        except Exception:
            return repr(value)
    if isinstance(value, (list, tuple)):
        return [_to_json(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {str(k): _to_json(v, depth + 1) for k, v in value.items()}
    try:
        return float(value)
    except Exception:
        return repr(value)


def _snippet_line(frames: Any) -> tuple[str | None, int | None]:
    for fs in reversed(frames):
        if fs.filename in (FENCE_FILE, SETUP_FILE, EXPR_FILE):
            return fs.filename, fs.lineno
    return None, None


def _run_code(job: dict[str, Any], send: Any) -> None:
    """In C2: seeds, determinism, warnings capture, then setup + code; sends one result."""
    import logging
    import random
    import warnings

    out: dict[str, Any] = {"status": "ok", "warnings": []}
    seen: set[Any] = set()

    def note(category: str, module: str, message: str, filename: str, lineno: int) -> None:
        where, line = _snippet_line(traceback.extract_stack())
        if filename in (FENCE_FILE, SETUP_FILE, EXPR_FILE):
            where, line = filename, lineno
        key = (category, message, where, line)
        if key in seen or len(out["warnings"]) >= MAX_WARNINGS:
            return
        seen.add(key)
        out["warnings"].append({"category": category, "module": module, "message": message,
                                "filename": filename, "lineno": lineno, "where": where,
                                "line": line})

    def showwarning(message: Any, category: Any, filename: str, lineno: int, file: Any = None,
                    line: Any = None) -> None:
        note(category.__name__, category.__module__, str(message), filename, lineno)

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING and record.name.split(".")[0] in (
                    "tensorflow", "absl", "keras", "tf_keras"):
                try:
                    msg = record.getMessage()
                except Exception:
                    msg = str(record.msg)
                note("log." + record.levelname, record.name, msg, record.pathname, record.lineno)

    random.seed(0)
    ns: dict[str, Any] = {"__name__": "__main__", "__builtins__": __builtins__}
    mods = sys.modules
    try:
        if "numpy" in mods:
            mods["numpy"].random.seed(0)
        if "keras" in mods:
            mods["keras"].utils.set_random_seed(0)
        if "tensorflow" in mods:
            tf = mods["tensorflow"]
            tf.random.set_seed(0)
            tf.config.experimental.enable_op_determinism()
            tf.config.threading.set_intra_op_parallelism_threads(1)
    except Exception as exc:  # pragma: no cover - the sandbox itself is broken
        out["prep_error"] = repr(exc)
    if job.get("namespace") == "science":
        for name, alias in (("numpy", "np"), ("tensorflow", "tf"), ("keras", "keras"),
                            ("sympy", "sympy")):
            try:
                ns[alias] = __import__(name)
            except Exception:
                pass
    handler = Capture()
    logging.getLogger().addHandler(handler)
    for name in ("tensorflow", "absl", "keras"):
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).propagate = False
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = showwarning
        import linecache
        for fname, src in ((SETUP_FILE, job.get("setup")), (FENCE_FILE, job.get("code")),
                           (EXPR_FILE, job.get("expr"))):
            if src:  # so that inspect.getsource (AutoGraph, tracebacks) sees the code
                linecache.cache[fname] = (len(src), None, src.splitlines(True), fname)
        try:
            if job.get("setup"):
                exec(compile(job["setup"], SETUP_FILE, "exec", dont_inherit=True), ns)
            if job.get("code"):
                exec(compile(job["code"], FENCE_FILE, "exec", dont_inherit=True), ns)
            if job.get("expr"):
                value = eval(compile(job["expr"], EXPR_FILE, "eval", dont_inherit=True), ns)
                out["value"] = _to_json(value)
                out["value_repr"] = repr(value)[:2000]
        except SystemExit as exc:
            out.update(status="exited", exit_code=exc.code if isinstance(exc.code, int) else 1,
                       message=repr(exc.code))
        except BaseException as exc:
            frames = traceback.extract_tb(exc.__traceback__)
            where, line = _snippet_line(frames)
            out.update(status="raised", exc_type=type(exc).__name__,
                       exc_module=type(exc).__module__,
                       exc_mro=[c.__name__ for c in type(exc).__mro__],
                       message=str(exc)[:2000], where=where, line=line,
                       traceback="".join(traceback.format_exception(exc))[-4000:])
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    send(out)


def _read_job(rfd: int) -> dict[str, Any] | None:
    data = b""
    while not data.endswith(b"\n"):  # one line; EOF without it: no job, exit
        chunk = os.read(rfd, 1 << 20)
        if not chunk:
            break
        data += chunk
    os.close(rfd)
    return json.loads(data) if data.strip() else None


def _spare(uid: int | None, jobfd: int, wfd: int, jobdir: str, cpus: int) -> None:
    """C1, forked ahead of time: isolates itself, then waits for its one job. Never returns."""
    parent = os.getppid()
    try:
        _pdeathsig()
        os.setsid()
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # oversized writes fail with EFBIG
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGCHLD, signal.SIGPIPE):
            signal.signal(sig, signal.SIG_DFL)
        fo = os.open(os.path.join(jobdir, "stdout"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                     0o600)
        fe = os.open(os.path.join(jobdir, "stderr"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                     0o600)
        os.dup2(fo, 1)
        os.dup2(fe, 2)
        os.close(fo)
        os.close(fe)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        host_work = os.path.join(jobdir, "work")
        caps = _isolate(uid is not None)
        caps["uid"] = uid is not None

        def send(obj: dict[str, Any]) -> None:
            data = ("R " + json.dumps(obj, default=repr) + "\n").encode()
            while data:
                n = os.write(wfd, data)
                data = data[n:]

        if caps.get("pidns"):
            pid = os.fork()  # the grandchild is pid 1 of the new namespace
            if pid:
                os.close(jobfd)
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                while True:
                    try:
                        _, status = os.waitpid(pid, 0)
                        break
                    except ChildProcessError:
                        status = 0
                        break
                    except InterruptedError:
                        continue
                os.write(wfd, f"W {status}\n".encode())
                os._exit(0)
            _pdeathsig()
        work = _private_fs(caps, 128) or host_work
        if uid is not None:
            os.chown(work, uid, uid)
            _drop(uid)
        if os.getppid() != parent and not caps.get("pidns"):
            os._exit(0)  # the zygote died before the death signal was set again
        os.chdir(work)
        os.environ.clear()
        os.environ.update({"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": work,
                           "TMPDIR": work, "LANG": "C.UTF-8", "PYTHONHASHSEED": "0",
                           "KERAS_BACKEND": "tensorflow", "CUDA_VISIBLE_DEVICES": ""})
        import tempfile
        tempfile.tempdir = work
        job = _read_job(jobfd)
        if job is None:
            os._exit(0)
        _limits(job, cpus, False)
        _run_code(job, lambda obj: send({**obj, "caps": caps}))
        os._exit(0)
    except BaseException as exc:
        try:
            os.write(wfd, ("R " + json.dumps({"status": "error", "caps": locals().get("caps"),
                                              "message": f"sandbox setup failed: {exc!r}",
                                              "traceback": traceback.format_exc()})
                           + "\n").encode())
        finally:
            os._exit(120)


# ---------------------------------------------------------------------------- zygote side


class Proc:
    """One forked child: a spare waiting for a job, then the job's run."""

    def __init__(self, pid: int, rfd: int, jobfd: int, jobdir: str, uid: int | None):
        self.pid, self.rfd, self.jobfd, self.jobdir, self.uid = pid, rfd, jobfd, jobdir, uid
        self.job: dict[str, Any] | None = None
        self.deadline = float("inf")
        self.buf = b""
        self.status: int | None = None
        self.eof = False
        self.killed: str | None = None
        self.start = 0.0
        self.result_line = False

    def has_result(self) -> bool:
        return b"R " in self.buf and self.buf.endswith(b"\n")


def _read_file(path: str, cap: int) -> tuple[str, int]:
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            data = fh.read(cap)
    except OSError:
        return "", 0
    return data.decode("utf-8", "replace"), size


def _kill_uid(uid: int) -> None:
    """Kill every process left with this sandbox uid (the fallback without a pid namespace)."""
    for _ in range(20):
        found = False
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    os.kill(int(entry), signal.SIGKILL)
                    found = True
            except OSError:
                pass
        if not found:
            return
        time.sleep(0.01)


def _parse(buf: bytes) -> tuple[dict[str, Any] | None, int | None]:
    result = inner = None
    for line in buf.decode("utf-8", "replace").split("\n")[:-1]:  # complete lines only
        if line.startswith("R ") and result is None:
            try:
                result = json.loads(line[2:])
            except ValueError:
                result = {"status": "error", "message": "unreadable result from the child"}
        elif line.startswith("W "):
            try:
                inner = int(line[2:])
            except ValueError:
                pass
    return result, inner


def _finish(p: Proc) -> dict[str, Any]:
    job = p.job or {}
    output_cap = int(job.get("output_cap", 1 << 20))
    res: dict[str, Any] = {"id": job.get("id"), "seconds": round(time.monotonic() - p.start, 4)}
    result, inner_status = _parse(p.buf)
    status = inner_status if inner_status is not None else p.status
    stdout, out_size = _read_file(os.path.join(p.jobdir, "stdout"), output_cap)
    stderr, err_size = _read_file(os.path.join(p.jobdir, "stderr"), output_cap)
    res.update(stdout=stdout, stderr=stderr, stdout_bytes=out_size, stderr_bytes=err_size)
    if p.killed == "timeout":
        res.update(status="timeout", message=f"still running after {job.get('timeout', 30)} s")
    elif result is not None:
        res.update(result)
    elif status is not None and os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        why = {"SIGXCPU": " (the CPU time limit)", "SIGSEGV": " (a segmentation fault)",
               "SIGABRT": " (abort: a C++ check failed)", "SIGBUS": " (a bus error)",
               "SIGKILL": " (killed: the CPU time or memory limit)"}.get(name, "")
        res.update(status="crashed", signal=name,
                   message=f"the interpreter was killed by {name}{why}")
    else:
        code = os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) else -1
        res.update(status="exited", exit_code=code,
                   message=f"the interpreter exited with status {code} before the code "
                           "finished (os._exit, or a crash in native code)")
    if max(out_size, err_size) > output_cap and res.get("status") in ("ok", "raised", "exited"):
        res.update(status="output-limit",
                   message=f"wrote {max(out_size, err_size)} bytes of output, more than the "
                           f"limit of {output_cap}")
    if res.get("status") == "raised" and res.get("exc_type") in ("MemoryError",
                                                                "ResourceExhaustedError"):
        res.update(status="memory", message=f"{res['exc_type']}: {res.get('message', '')}"[:500])
    elif res.get("status") == "raised" and res.get("exc_type") == "BlockingIOError" \
            and "Resource temporarily unavailable" in str(res.get("message")):
        res.update(status="crashed", signal=None,
                   message="the code hit the limit on processes (fork() failed: a fork bomb?)")
    return res


def _drain(p: Proc) -> None:
    os.set_blocking(p.rfd, False)
    while True:
        try:
            data = os.read(p.rfd, 1 << 20)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            p.eof = True
            return
        if len(p.buf) < (8 << 20):
            p.buf += data


def _kill_all(p: Proc, scan: bool) -> None:
    """The process group (and so, with a pid namespace, everything in it); with `scan`, also
    anything left with the job's sandbox uid (grandchildren that called setsid)."""
    try:
        os.kill(-p.pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        os.kill(p.pid, signal.SIGKILL)
    except OSError:
        pass
    if scan and p.uid is not None:
        _kill_uid(p.uid)


def main() -> None:
    _pdeathsig()
    _libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)  # orphans come back to be reaped here
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    cfg = json.loads(sys.stdin.readline())
    nslots = max(1, int(cfg.get("jobs", 1)))
    base = cfg["base"]
    drop_uid = bool(cfg.get("drop_uid", True)) and os.getuid() == 0
    versions = {"python": sys.version.split()[0]}
    t0 = time.monotonic()
    for name in cfg.get("preload", ["numpy", "tensorflow", "keras"]):
        try:
            mod = __import__(name)
            versions[name] = getattr(mod, "__version__", "?")
        except Exception as exc:
            versions[name] = f"unavailable: {exc!r}"
    cpus = os.cpu_count() or 1
    caps = {"root": os.getuid() == 0, "import_seconds": round(time.monotonic() - t0, 3)}
    out = sys.stdout
    out.write(json.dumps({"ready": True, "caps": caps, "versions": versions}) + "\n")
    out.flush()
    stdin_fd = sys.stdin.fileno()
    os.set_blocking(stdin_fd, False)
    pending: list[dict[str, Any]] = []
    spares: list[Proc] = []
    busy: list[Proc] = []
    dying: list[Proc] = []  # killed after their result, not yet reaped
    inbuf = b""
    stdin_open = True
    counter = 0

    def fork_spare() -> Proc:
        nonlocal counter
        counter += 1
        jobdir = os.path.join(base, f"job{counter}")
        os.mkdir(jobdir, 0o700)
        os.mkdir(os.path.join(jobdir, "work"), 0o700)
        uid = UID_BASE + ((os.getpid() << 12) + (counter & 0xFFF)) % (1 << 30) \
            if drop_uid else None
        rfd, wfd = os.pipe()
        jr, jw = os.pipe()
        pid = os.fork()
        if pid == 0:
            for other in (*spares, *busy, *dying):  # never hold another child's pipes
                for fd in (other.rfd, other.jobfd):
                    if fd >= 0:
                        try:
                            os.close(fd)
                        except OSError:
                            pass
            os.close(rfd)
            os.close(jw)
            os.close(stdin_fd)
            _spare(uid, jr, wfd, jobdir, cpus)
        os.close(wfd)
        os.close(jr)
        return Proc(pid, rfd, jw, jobdir, uid)

    exited: dict[int, int] = {}  # pid -> wait status, of every child and adopted orphan

    def reap_all() -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if not pid:
                return
            if any(q.pid == pid for q in (*spares, *busy, *dying)):
                exited[pid] = status  # adopted orphans are only reaped

    def reap(p: Proc) -> bool:
        if p.status is None:
            reap_all()
            if p.pid in exited:
                p.status = exited.pop(p.pid)
        return p.status is not None

    def complete(p: Proc) -> None:
        res = _finish(p)
        result, _ = _parse(p.buf)
        scan = not ((result or {}).get("caps") or {}).get("pidns")
        _kill_all(p, scan)
        os.close(p.rfd)
        p.rfd = -1
        if p.jobfd >= 0:
            os.close(p.jobfd)
            p.jobfd = -1
        shutil.rmtree(p.jobdir, ignore_errors=True)
        busy.remove(p)
        dying.append(p)
        out.write(json.dumps(res, default=repr) + "\n")
        out.flush()

    while stdin_open or pending or busy:
        if any(j.get("namespace") == "science" for j in pending) and "sympy" not in sys.modules:
            # `science` jobs get sympy: import it here once (pure Python, safe before a fork)
            # rather than in every child, and replace the spares forked without it
            try:
                __import__("sympy")
            except Exception:
                pass
            for p in spares:
                os.close(p.jobfd)
                _kill_all(p, False)
                os.close(p.rfd)
                p.jobfd = p.rfd = -1
                shutil.rmtree(p.jobdir, ignore_errors=True)
                dying.append(p)
            spares.clear()
        while len(spares) + len(busy) < nslots + 1:  # one spare ahead: the fork is off the path
            spares.append(fork_spare())
        while pending and spares and len(busy) < nslots:
            p = spares.pop(0)
            p.job = pending.pop(0)
            p.start = time.monotonic()
            p.deadline = p.start + float(p.job.get("timeout", 30))
            try:
                os.write(p.jobfd, json.dumps(p.job).encode() + b"\n")
            except OSError:
                pass  # the spare died while waiting: its result says so
            os.close(p.jobfd)
            p.jobfd = -1
            busy.append(p)
        for p in list(dying):
            if reap(p):
                dying.remove(p)
        now = time.monotonic()
        wait = min((p.deadline for p in busy), default=now + 1) - now
        fds = [p.rfd for p in busy if not p.eof]
        if stdin_open:
            fds.append(stdin_fd)
        timeout = max(0.0, min(wait, 0.005 if any(p.eof for p in busy) else
                                0.2 if dying else 1.0))
        try:
            ready, _, _ = select.select(fds, [], [], timeout) if fds else ([], [], [])
            if not fds:
                time.sleep(timeout)
        except InterruptedError:
            ready = []
        if stdin_fd in ready:
            try:
                chunk = os.read(stdin_fd, 1 << 20)
            except BlockingIOError:
                chunk = None
            if chunk == b"":
                stdin_open = False
            elif chunk:
                inbuf += chunk
                *lines, inbuf = inbuf.split(b"\n")
                pending.extend(json.loads(x) for x in lines if x.strip())
        for p in list(busy):
            if p.rfd in ready and not p.eof:
                _drain(p)
            result, _ = _parse(p.buf) if b"R " in p.buf else (None, None)
            if result is not None:
                complete(p)  # the code finished and reported: no need to wait for the exit
                continue
            if p.killed is None and time.monotonic() > p.deadline:
                p.killed = "timeout"
                _kill_all(p, False)
            if reap(p):
                _drain(p)
                if not p.eof:  # the child is gone but something it started holds the pipe
                    _kill_all(p, True)
                    _drain(p)
                complete(p)
    for p in spares:
        os.close(p.jobfd)  # an empty job: the spare exits
        _kill_all(p, False)
    # as a subreaper, the zygote adopted every orphan of its children: wait for all of them,
    # so that nothing the sandbox started outlives it
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if not pid:
            time.sleep(0.01)
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # pragma: no cover
        pass
    except OSError as exc:  # pragma: no cover
        if exc.errno != errno.EPIPE:
            raise
