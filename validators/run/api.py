"""The pinned TensorFlow/Keras API as data: names and keyword arguments, for static checks.

Built once per (TensorFlow, Keras, Python) versions by `qbank/services/sandbox/apiindex.py`,
in its own process, and kept as JSON in the cache dir and in the user's cache
(`~/.cache/qbank`), so that
`validate` never imports TensorFlow itself and a fresh checkout or a test's temp cache dir
does not rebuild it.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qbank.core.cache import environment
from qbank.services.sandbox import SANDBOX_ENV

BUILDER = Path(__file__).resolve().parents[2] / "qbank" / "services" / "sandbox" / "apiindex.py"


def _name() -> str:
    from qbank.services.sandbox.apiindex import INDEX_VERSION

    env = {**environment(), "index": str(INDEX_VERSION)}
    tag = hashlib.sha256(json.dumps(env, sort_keys=True).encode()).hexdigest()[:16]
    return f"tf-{env.get('tensorflow', 'none')}-keras-{env.get('keras', 'none')}-{tag}.json"


def _places(cache_dir: str) -> list[Path]:
    user = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "qbank" / "api"
    return [Path(cache_dir) / "api" / _name(), user / _name()]


@dataclass
class ApiIndex:
    names: dict[str, Any] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    available: bool = True
    _children: dict[str, list[str]] | None = field(default=None, repr=False)

    def children(self, parent: str) -> list[str]:
        if self._children is None:
            kids: dict[str, list[str]] = {}
            for k in self.names:
                head, _, leaf = k.rpartition(".")
                kids.setdefault(head, []).append(leaf)
            self._children = kids
        return self._children.get(parent, [])

    def canonical(self, dotted: str) -> str:
        """Resolve module aliases: `tf.keras.utils.x` -> where the module was indexed."""
        parts = dotted.split(".")
        for i in range(len(parts), 1, -1):
            head = ".".join(parts[:i])
            if head in self.aliases:
                return ".".join([self.aliases[head], *parts[i:]])
        if dotted.startswith("tf.compat.v2."):
            return "tf." + dotted[len("tf.compat.v2."):]
        return dotted

    def lookup(self, dotted: str) -> tuple[str, Any]:
        """('known', sig) | ('unknown', first missing name) | ('opaque', None): a prefix is a
        value, class or function whose attributes are not indexed."""
        name = self.canonical(dotted)
        if name in self.names:
            return "known", self.names[name]
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            head = ".".join(parts[:i])
            entry = self.names.get(head)
            if entry is None:
                alias = self.canonical(head)
                entry = self.names.get(alias) if alias != head else None
            if entry is None:
                return "unknown", ".".join(dotted.split(".")[:i]) if i <= len(
                    dotted.split(".")) else dotted
            if entry != "module" and i < len(parts):
                return "opaque", None
        return "known", self.names.get(name)


def load(cache_dir: str, build: bool = True) -> ApiIndex:
    for place in _places(cache_dir):
        try:
            data = json.loads(place.read_text(encoding="utf-8"))
            return ApiIndex(data["names"], data.get("aliases", {}), data.get("versions", {}))
        except (OSError, ValueError, KeyError):
            continue
    if not build:
        return ApiIndex(available=False)
    return _build(cache_dir)


def _build(cache_dir: str) -> ApiIndex:
    places = _places(cache_dir)
    for place in places:
        try:
            place.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        tmp = place.with_name(place.name + f".{os.getpid()}.building")
        try:
            subprocess.run([sys.executable, "-I", str(BUILDER), str(tmp)],
                           env={**SANDBOX_ENV, "HOME": str(place.parent),
                                "TF_CPP_MIN_LOG_LEVEL": "3"},
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600,
                           check=True)
            data = json.loads(tmp.read_text(encoding="utf-8"))
        except (OSError, ValueError, subprocess.SubprocessError):
            tmp.unlink(missing_ok=True)
            continue
        os.replace(tmp, place)
        for other in places:
            if other != place:
                try:
                    other.parent.mkdir(parents=True, exist_ok=True)
                    other.write_text(json.dumps(data), encoding="utf-8")
                except OSError:
                    pass
        return ApiIndex(data["names"], data.get("aliases", {}), data.get("versions", {}))
    return ApiIndex(available=False)
