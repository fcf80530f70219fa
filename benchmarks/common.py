"""Shared bench helpers: the header naming the machine and versions, and timing."""

from __future__ import annotations

import os
import platform
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import Any


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown cpu"


def _mem_gib() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        return 0.0


def header(title: str) -> None:
    versions = []
    for dist in ("qbank", "tensorflow-cpu", "keras", "numpy", "pydantic", "PyYAML", "sympy",
                 "torch", "sentence-transformers", "datasketch"):
        try:
            versions.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            pass
    print(f"\n=== {title} ===")
    print(f"machine: {platform.node()} | {_cpu()} | {os.cpu_count()} cores | "
          f"{_mem_gib():.1f} GiB | {platform.system()} {platform.release()}")
    print(f"python {platform.python_version()} | " + ", ".join(versions))


@contextmanager
def timed() -> Iterator[dict[str, float]]:
    out: dict[str, float] = {}
    start = time.perf_counter()
    yield out
    out["seconds"] = time.perf_counter() - start


def best_of(n: int, fn: Callable[[], Any]) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
