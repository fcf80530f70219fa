"""A content-addressed verdict cache: `<cache_dir>/<namespace>/<sha256[:2]>/<sha256>.json`.

The key is the SHA-256 of the inputs (any JSON-able value) together with the versions that
can change a verdict: qbank's, TensorFlow's, Keras's, NumPy's and Python's, plus a namespace
and a schema number the caller bumps when the stored shape changes. Writes are atomic, so a
crash or a concurrent run never leaves a half-written entry; an unreadable entry is a miss.
`Cache(None)` (from `--no-cache`) never hits and never writes.

    cache = Cache.for_config(ctx.config, "run")
    key = cache.key({"code": ..., "setup": ...})
    hit = cache.get(key)          # dict or None
    cache.put(key, {"status": "ok", ...})
"""

from __future__ import annotations

import hashlib
import json
import platform
from functools import cache as _memoize
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qbank import __version__
from qbank.core.atomic import atomic_write_text

if TYPE_CHECKING:
    from qbank.core.config import Config


@_memoize
def environment() -> dict[str, str]:
    """The versions a cached verdict depends on (read from package metadata: no imports)."""
    out = {"qbank": __version__, "python": platform.python_version()}
    for dist, key in (("tensorflow-cpu", "tensorflow"), ("tensorflow", "tensorflow"),
                      ("keras", "keras"), ("numpy", "numpy")):
        if key in out:
            continue
        try:
            out[key] = version(dist)
        except PackageNotFoundError:
            pass
    return out


def source_fingerprint(*paths: Path | str, extra: str = "") -> str:
    """The identity of a checker: the bytes of its source and data files (and `extra`, e.g. an
    index version). A key that includes it is invalidated when the checker changes."""
    return _fingerprint(tuple(str(Path(p).resolve()) for p in paths), extra)


@_memoize
def _fingerprint(paths: tuple[str, ...], extra: str) -> str:
    h = hashlib.sha256(extra.encode("utf-8"))
    for p in sorted(paths):
        h.update(p.rsplit("/", 1)[-1].encode("utf-8") + b"\0")
        try:
            h.update(Path(p).read_bytes())
        except OSError:
            h.update(b"<missing>")
    return h.hexdigest()


class CacheTable:
    """Many small verdicts of one namespace kept in one JSON file, read once and written once
    per run (`save()`, atomic): for checks that look up thousands of sentences, where a file
    per entry would cost more than the check. Keys carry the versions, like `Cache` keys.
    `CacheTable(None)` never hits and never writes."""

    MISS: Any = KeyError  # what `get` returns for an absent key (None is a valid verdict)

    def __init__(self, path: Path | None, schema: int = 1) -> None:
        self.path = path
        self.schema = schema
        self.data: dict[str, Any] = {}
        self.dirty = False
        if path is not None and path.exists():
            try:
                self.data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.data = {}

    @classmethod
    def for_config(cls, config: Config, namespace: str, schema: int = 1) -> CacheTable:
        path = Path(config.cache_dir) / namespace / "table.json" if config.cache else None
        return cls(path, schema)

    def key(self, namespace: str, text: str) -> str:
        env = json.dumps(environment(), sort_keys=True)
        blob = f"{self.schema}\0{env}\0{namespace}\0{text}"
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]

    def get(self, key: str) -> Any:
        return self.data.get(key, self.MISS)

    def put(self, key: str, value: Any) -> None:
        self.data[key] = value
        self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        try:
            atomic_write_text(self.path, json.dumps(self.data, sort_keys=True))
        except OSError:
            pass  # a cache that cannot be written only costs time
        self.dirty = False


class Cache:
    def __init__(self, root: Path | None, namespace: str, schema: int = 1) -> None:
        self.root = root / namespace if root is not None else None
        self.namespace = namespace
        self.schema = schema
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_config(cls, config: Config, namespace: str, schema: int = 1) -> Cache:
        return cls(Path(config.cache_dir) if config.cache else None, namespace, schema)

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def key(self, inputs: Any) -> str:
        blob = json.dumps({"ns": self.namespace, "schema": self.schema, "env": environment(),
                           "in": inputs}, sort_keys=True, default=str, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _file(self, key: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any:
        if self.root is None:
            return None
        try:
            value = json.loads(self._file(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        if self.root is None:
            return
        try:
            atomic_write_text(self._file(key), json.dumps(value, sort_keys=True, default=str))
        except OSError:
            pass  # a cache that cannot be written only costs time
