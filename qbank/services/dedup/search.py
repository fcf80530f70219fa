"""The three searches, on plain lists of texts (no records here): each returns candidate pairs
of text indices without comparing every pair.

- `exact_groups`: texts whose normalised form is identical (a dict of sha256 -> indices): O(n).
- `minhash_signatures` + `lsh_pairs`: character 5-gram shingles, MinHash (one vectorised pass
  over every shingle of every text, `num_perm` multiply-shift hash functions), and banded
  locality-sensitive hashing (b bands of r rows, chosen for the Jaccard threshold the way
  datasketch's `MinHashLSH` chooses them): texts that agree on every row of some band are
  candidates. O(n) plus the candidates.
- `embedding_pairs`: cosine of L2-normalised embeddings, blocked like an inverted-file index:
  spherical k-means picks about n/128 centroids, every vector goes into the buckets of its
  `probes` nearest centroids, and only vectors sharing a bucket are compared (dense BLAS blocks).
  Roughly linear in n for a fixed bucket size; exact (all pairs) below `exact_below` texts.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from functools import cache

import numpy as np

SHINGLE = 5
NUM_PERM = 64
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


# --- exact ---------------------------------------------------------------------------------

def exact_groups(norms: Sequence[str]) -> dict[str, list[int]]:
    """Groups (size >= 2) of indices whose normalised texts are identical (empty texts skipped)."""
    groups: dict[str, list[int]] = {}
    for i, t in enumerate(norms):
        if t:
            groups.setdefault(hashlib.sha256(t.encode("utf-8")).hexdigest(), []).append(i)
    return {k: v for k, v in groups.items() if len(v) > 1}


# --- MinHash -------------------------------------------------------------------------------

@cache
def _perm(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**32 - 1, size=num_perm, dtype=np.uint32) | np.uint32(1)
    b = rng.integers(0, 2**32 - 1, size=num_perm, dtype=np.uint32)
    return a, b


def _mix(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    out: np.ndarray = h ^ (h >> np.uint64(33))
    return out


def _shingle_hashes(texts: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of every character k-gram of every text, and each text's first index.
    A text shorter than k is one shingle (padded)."""
    padded = [t if len(t) >= k else t.ljust(k) for t in texts]
    joined = "\x00".join(padded) + "\x00"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes)
    h = np.zeros(max(n - k + 1, 0), dtype=np.uint64)
    base = np.uint64(1_000_003)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * base + codes[j:n - k + 1 + j]
        h = _mix(h)
    lengths = np.array([len(t) for t in padded], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    counts = lengths - k + 1
    idx = np.repeat(starts, counts) + (np.arange(counts.sum()) -
                                       np.repeat(np.cumsum(counts) - counts, counts))
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return (h[idx] >> np.uint64(32)).astype(np.uint32), offsets


def minhash_signatures(texts: Sequence[str], num_perm: int = NUM_PERM,
                       k: int = SHINGLE, chunk: int = 100_000) -> np.ndarray:
    """(len(texts), num_perm) uint32 MinHash signatures of the texts' character k-grams."""
    out = np.zeros((len(texts), num_perm), dtype=np.uint32)
    if not texts:
        return out
    a, b = _perm(num_perm)
    # texts are processed in batches so that the (shingles x num_perm) block stays small
    i = 0
    while i < len(texts):
        j, total = i, 0
        while j < len(texts) and (total == 0 or total + max(len(texts[j]), 1) <= chunk):
            total += max(len(texts[j]) - k + 1, 1)
            j += 1
        h, offsets = _shingle_hashes(texts[i:j], k)
        # one bijection of the 32-bit hash space per "permutation": x -> a*x + b mod 2**32
        vals = a[:, None] * h[None, :]  # (num_perm, shingles): reduce along contiguous rows
        vals += b[:, None]
        out[i:j] = np.minimum.reduceat(vals, offsets, axis=1).T
        i = j
    return out


@cache
def lsh_params(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) with bands * rows <= num_perm minimising the area of false positives
    below `threshold` plus false negatives above it (datasketch's criterion, equal weights)."""
    s = np.linspace(0.0, 1.0, 401)
    best, best_err = (num_perm, 1), math.inf
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            p = 1.0 - (1.0 - s ** r) ** b
            fp = np.trapezoid(np.where(s < threshold, p, 0.0), s)
            fn = np.trapezoid(np.where(s >= threshold, 1.0 - p, 0.0), s)
            if fp + fn < best_err:
                best, best_err = (b, r), fp + fn
    return best


def lsh_pairs(sigs: np.ndarray, threshold: float, *, query: np.ndarray | None = None,
              max_bucket: int = 100) -> np.ndarray:
    """Candidate pairs (i < j, as an (m, 2) int64 array) that share a whole LSH band.

    `query`: a boolean mask; only pairs with at least one queried text are returned.
    Buckets larger than `max_bucket` (many copies of one text) are paired within a sliding
    window of that size, which keeps the cost linear; exact copies are found separately."""
    n, num_perm = sigs.shape
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    bands, rows = lsh_params(threshold, num_perm)
    rng = np.random.default_rng(7)
    mult = rng.integers(1, 2**63 - 1, size=rows, dtype=np.uint64) | np.uint64(1)
    codes: list[np.ndarray] = []
    for band in range(bands):
        block = sigs[:, band * rows:(band + 1) * rows].astype(np.uint64)
        with np.errstate(over="ignore"):
            key = _mix((block * mult[None, :]).sum(axis=1, dtype=np.uint64) + np.uint64(band))
        order = np.argsort(key, kind="stable")
        sk = key[order]
        same = np.flatnonzero(sk[1:] == sk[:-1])  # positions p with sk[p] == sk[p+1]
        if same.size == 0:
            continue
        # runs of equal keys: pair every member with the following ones (up to max_bucket)
        for off in range(1, max_bucket + 1):
            if off == 1:
                p = same
            else:
                p = p[(p + off < n)]
                p = p[sk[p + off] == sk[p]]
            if p.size == 0:
                break
            i, j = order[p], order[p + off]
            lo, hi = np.minimum(i, j), np.maximum(i, j)
            codes.append(lo.astype(np.int64) * n + hi)
    if not codes:
        return np.zeros((0, 2), dtype=np.int64)
    uniq = np.unique(np.concatenate(codes))
    pairs = np.stack([uniq // n, uniq % n], axis=1)
    if query is not None:
        pairs = pairs[query[pairs[:, 0]] | query[pairs[:, 1]]]
    return pairs


def jaccard_estimate(sigs: np.ndarray, pairs: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    out = np.zeros(len(pairs), dtype=np.float32)
    for s in range(0, len(pairs), chunk):
        p = pairs[s:s + chunk]
        out[s:s + chunk] = (sigs[p[:, 0]] == sigs[p[:, 1]]).mean(axis=1)
    return out


# --- embeddings ----------------------------------------------------------------------------

def _pairs_from_block(sim: np.ndarray, rows: np.ndarray, cols: np.ndarray, threshold: float,
                      same: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if same:
        sim = np.triu(sim, k=1)
    r, c = np.nonzero(sim >= threshold)
    i, j = rows[r], cols[c]
    keep = i != j
    i, j, s = i[keep], j[keep], sim[r[keep], c[keep]]
    return np.minimum(i, j), np.maximum(i, j), s


def _kmeans(x: np.ndarray, k: int, iters: int = 6, sample: int = 12_000,
            seed: int = 0) -> np.ndarray:
    """Spherical k-means on a sample: (k, d) unit centroids."""
    rng = np.random.default_rng(seed)
    pts = x[rng.choice(len(x), size=min(sample, len(x)), replace=False)]
    cent = pts[rng.choice(len(pts), size=k, replace=False)].copy()
    for _ in range(iters):
        assign = np.argmax(pts @ cent.T, axis=1)
        order = np.argsort(assign, kind="stable")
        present, starts = np.unique(assign[order], return_index=True)
        sums = np.zeros_like(cent)
        sums[present] = np.add.reduceat(pts[order], starts, axis=0)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        sums[empty] = pts[rng.choice(len(pts), size=int(empty.sum()))]
        norms[empty] = 1.0
        cent = sums / np.linalg.norm(sums, axis=1, keepdims=True)
    return cent.astype(np.float32)


def embedding_pairs(vecs: np.ndarray, threshold: float, *, query: np.ndarray | None = None,
                    exact_below: int = 4096, bucket: int = 128, probes: int = 2,
                    block: int = 2048) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) with cosine >= threshold, and their cosines.

    With `query` (a boolean mask), only pairs involving a queried vector: each queried vector
    is compared with all others (exact; cheap for a few). Otherwise exact for small n, and
    blocked by spherical k-means buckets for large n (see the module docstring)."""
    n = len(vecs)
    empty = (np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.float32))
    if n < 2:
        return empty
    x = np.ascontiguousarray(vecs, dtype=np.float32)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    everyone = np.arange(n)
    if query is not None or n <= exact_below:
        rows_all = np.flatnonzero(query) if query is not None else everyone
        for s in range(0, len(rows_all), block):
            rows = rows_all[s:s + block]
            sim = x[rows] @ x.T
            sim[np.arange(len(rows)), rows] = -1.0
            r, c = np.nonzero(sim >= threshold)
            i, j = rows[r], c
            parts.append((np.minimum(i, j), np.maximum(i, j), sim[r, c]))
    else:
        k = max(2, n // bucket)
        cent = _kmeans(x, k)
        nearest = np.empty((n, probes), dtype=np.int64)
        for s in range(0, n, 8192):
            sc = x[s:s + 8192] @ cent.T
            nearest[s:s + 8192] = np.argpartition(-sc, probes - 1, axis=1)[:, :probes]
        order = np.argsort(nearest.ravel(), kind="stable")
        owners = order // probes
        bounds = np.searchsorted(nearest.ravel()[order], np.arange(k + 1))
        for bucket_no in range(k):
            members = owners[bounds[bucket_no]:bounds[bucket_no + 1]]
            if len(members) < 2:
                continue
            for s in range(0, len(members), block):
                rows = members[s:s + block]
                sub = x[rows]
                for t in range(s, len(members), block):
                    cols = members[t:t + block]
                    sim = sub @ x[cols].T
                    parts.append(_pairs_from_block(sim, rows, cols, threshold, s == t))
    if not parts:
        return empty
    ii = np.concatenate([p[0] for p in parts])
    jj = np.concatenate([p[1] for p in parts])
    cos = np.concatenate([p[2] for p in parts]).astype(np.float32)
    code = ii.astype(np.int64) * n + jj
    code, first = np.unique(code, return_index=True)
    return np.stack([code // n, code % n], axis=1), cos[first]
