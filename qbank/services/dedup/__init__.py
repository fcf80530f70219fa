"""Duplicate search over a whole bank: three strengths, compared field by field.

- `exact`: identical after `normalize` (case, whitespace, punctuation, Markdown,
  numbering), by sha256;
- `near`: MinHash/LSH candidates on character 5-grams, kept when the rapidfuzz ratio
  of the normalised texts reaches `threshold` and no key term is swapped;
- `paraphrase`: cosine of all-MiniLM-L6-v2 embeddings (`qbank.services.embed`) at least the
  field's threshold, by a blocked search, unless a sibling key term is swapped; or, for
  questions, the same set of deep-learning concepts asked with a compatible intent
  (`qbank.services.dedup.concepts`, compared only within buckets of equal concept sets) and a cosine
  of at least `concept_floor`; or, for questions, one that names concepts and one that
  describes them, by the cosine of the concepts' definitions (`qbank/services/dedup/data/
  dl_glosses.yaml`, `DupSearch._gloss_pairs`) with the describing question; and, for a
  record whose question was lost, the record whose
  question its answer answers (`DupSearch._orphan_pairs`).

Questions are compared with questions and answers with answers. A pair of records is
reported once, at its strongest strength (the question when both fields match equally), on
the newer record (the file added to git later; untracked files are newest; then by id), with
the other as the related location. Never reported: records that list each other in `related`,
and generated variants of one `template`.

The search knows strengths, not rule codes: the DUP rules (`validators/dup`) declare their
options as subclasses of `ExactSearch`, `NearSearch` and `ParaphraseSearch`, pass them in
`Settings`, and word the pairs of their strength themselves.

For the fixture tests and scripts: `find_duplicates(bank_dir)` returns the `DupPair`s, the
same ones the rules report.
"""

from __future__ import annotations

import functools
import gc
import json
import math
import subprocess
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from qbank.core.loader import Bank, LoadedRecord, load_bank
from qbank.services.dedup.concepts import Analysis
from qbank.services.dedup.normalize import (
    differing_key_terms,
    key_terms_conflict,
    normalize,
    siblings,
    swapped_order,
)
from qbank.services.dedup.search import (
    NUM_PERM,
    SHINGLE,
    embedding_pairs,
    exact_groups,
    jaccard_estimate,
    lsh_pairs,
    minhash_signatures,
)

STRENGTHS = ("exact", "near", "paraphrase")
FIELDS = ("question", "answer")
_RANK = {s: i for i, s in enumerate(STRENGTHS)}


class _Opts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fields: list[str] = Field(default_factory=lambda: list(FIELDS),
                              description="which texts are compared: question, answer")
    min_chars: int = Field(12, ge=1, description="ignore texts shorter than this, normalised")


class ExactSearch(_Opts):
    """The parameters of the exact search."""


class NearSearch(_Opts):
    """The parameters of the near search (MinHash/LSH candidates, rapidfuzz ratio)."""

    threshold: float = Field(0.85, gt=0, le=1,
                             description="rapidfuzz ratio of the normalised texts (0..1)")
    candidate_jaccard: float = Field(0.4, gt=0, le=1,
                                     description="LSH threshold on 5-gram Jaccard for candidates")


class ParaphraseSearch(_Opts):
    """The parameters of the paraphrase search (embeddings, concepts, orphan answers)."""

    model: Literal["minilm", "minilm-static"] = Field(
        "minilm", description="minilm: all-MiniLM-L6-v2; minilm-static: its token table only "
                             "(much faster, weaker; set thresholds for it)")
    question_threshold: float = Field(0.78, gt=0, le=1, description="cosine, questions")
    answer_threshold: float = Field(0.88, gt=0, le=1, description="cosine, answers")
    concepts: bool = Field(True, description="also report questions that ask about the same set "
                                             "of deep-learning concepts (qbank/data/"
                                             "dl_concepts.yaml) with a compatible intent")
    concept_floor: float = Field(0.5, ge=0, le=1,
                                 description="cosine a same-concepts question pair still needs")
    concept_extra_words: int = Field(
        1, ge=0, description="content words outside the vocabulary that a same-concepts pair "
                             "may differ in (\"dropout\" / \"dropout at inference time\": 3)")
    concept_veto: bool = Field(True, description="drop embedding matches of two questions whose "
                                                 "recognised concept sets differ (siblings: L1 / "
                                                 "L2, Adam / Adam's second moment)")
    glosses: bool = Field(True, description="also report a question that names a concept "
                                            "(\"What is early stopping?\") and one that only "
                                            "describes it, by the concept's definition "
                                            "(qbank/services/dedup/data/dl_glosses.yaml)")
    gloss_threshold: float = Field(0.5, gt=0, le=1,
                                   description="cosine of the definition and the describing "
                                               "question")
    gloss_subject_threshold: float = Field(
        0.65, gt=0, le=1, description="the same cosine, when the describing question has a "
                                      "subject concept of its own (\"the harmonic mean of "
                                      "precision and recall\"): more often a question about "
                                      "that concept, so more evidence is asked")
    orphans: bool = Field(True, description="match an answer whose record has no question (an "
                                            "import that lost it) with the record whose "
                                            "question it answers (see orphan_threshold)")
    orphan_threshold: float = Field(0.6, gt=0, le=1,
                                    description="mean of the two cosines of an orphan answer: "
                                                "against the record's question and its answer")
    orphan_floor: float = Field(0.5, ge=0, le=1,
                                description="each of the two cosines at least")


@dataclass
class Settings:
    exact: ExactSearch | None = field(default_factory=ExactSearch)
    near: NearSearch | None = field(default_factory=NearSearch)
    paraphrase: ParaphraseSearch | None = field(default_factory=ParaphraseSearch)

    def enabled(self) -> list[str]:
        return [s for s in STRENGTHS if getattr(self, s) is not None]


@dataclass(frozen=True)
class DupPair:
    """One reported duplicate: `newer` carries the finding, `older` is its related location."""

    strength: str  # exact | near | paraphrase
    field: str  # question | answer: the text that matched
    score: float  # 1.0 exact; ratio (near); cosine (paraphrase)
    how: str  # e.g. "ratio 0.93, 5-gram Jaccard ~0.71"
    newer: LoadedRecord
    older: LoadedRecord
    also: tuple[str, ...] = ()  # other fields that matched too, e.g. ("answer near",)
    orphan: bool = False  # one record has no question; its answer answers the other's

    @property
    def ids(self) -> tuple[str, str]:
        return self.newer.id, self.older.id

    def text(self, rec: LoadedRecord) -> str:
        value = rec.field(self.field)
        return value if isinstance(value, str) else ""


@dataclass
class _Match:
    strength: str
    field: str
    score: float
    how: str
    orphan: bool = False


# --- caches --------------------------------------------------------------------------------

def _sig_cache(cache_dir: Path | None) -> Any:
    if cache_dir is None:
        return None
    from qbank.services.embed import EmbeddingCache

    return EmbeddingCache(cache_dir / "dup" / f"minhash-k{SHINGLE}-p{NUM_PERM}-v1",
                          dim=NUM_PERM, dtype=np.uint32)


def signatures(norms: Sequence[str], cache_dir: Path | None,
               stats: dict[str, Any] | None = None) -> np.ndarray:
    """MinHash signatures of normalised texts, cached by sha256 of the text."""
    from qbank.services.embed import text_key

    cache = _sig_cache(cache_dir)
    if cache is None:
        return minhash_signatures(norms)
    keys = [text_key(t) for t in norms]
    found, sigs = cache.lookup(keys)
    missing = [int(i) for i in np.flatnonzero(~found)]
    if missing:
        new = minhash_signatures([norms[i] for i in missing])
        sigs[missing] = new
        cache.add([keys[i] for i in missing], new)
    if stats is not None:
        stats["minhash_cached"] = stats.get("minhash_cached", 0) + int(found.sum())
        stats["minhash_computed"] = stats.get("minhash_computed", 0) + len(missing)
    out: np.ndarray = sigs
    return out


def added_times(root: Path, cache_dir: Path | None = None) -> dict[str, int]:
    """When each file under `root` was added to git (seconds; the latest add), by resolved
    path. One `git log` for the whole bank, cached per HEAD commit. Empty without git."""
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD", "--show-toplevel"],
                              capture_output=True, text=True, timeout=20, check=True).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return {}
    if len(head) != 2:
        return {}
    commit, top = head
    cache_file = cache_dir / "dup" / f"git-added-{commit}.json" if cache_dir else None
    rel: dict[str, int] = {}
    if cache_file is not None and cache_file.exists():
        try:
            rel = json.loads(cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            rel = {}
    if not rel:
        try:
            out = subprocess.run(["git", "-C", top, "log", "--diff-filter=A", "--name-only",
                                  "--format=%x00%ct", "--no-renames"],
                                 capture_output=True, text=True, timeout=60, check=True).stdout
        except (OSError, subprocess.SubprocessError):
            return {}
        stamp = 0
        for line in out.splitlines():
            if line.startswith("\x00"):
                stamp = int(line[1:] or 0)
            elif line.strip() and line not in rel:  # newest first: keep the latest add
                rel[line] = stamp
        if cache_file is not None:
            from qbank.core.atomic import atomic_write_text

            try:
                atomic_write_text(cache_file, json.dumps(rel))
            except OSError:
                pass
    return {str((Path(top) / p).resolve()): t for p, t in rel.items()}


# --- the search ----------------------------------------------------------------------------

def _related(a: LoadedRecord, b: LoadedRecord) -> bool:
    ra, rb = a.field("related"), b.field("related")
    return ((isinstance(ra, list) and b.id in ra) or (isinstance(rb, list) and a.id in rb))


def _same_template(a: LoadedRecord, b: LoadedRecord) -> bool:
    ta, tb = a.field("template"), b.field("template")
    return isinstance(ta, str) and bool(ta) and ta == tb


def _excerpt(text: str, n: int = 70) -> str:
    one = " ".join(text.split())
    return one if len(one) <= n else one[: n - 1] + "…"


def _other_concepts(norm_a: str, norm_b: str) -> bool:
    """Each text names a concept of the vocabulary that the other does not: "data
    parallelism" / "model parallelism" (the word that differs is no key term by itself: "model"
    is a stopword). A typo inside a concept's name only drops it from one side, or leaves a
    shorter concept in its place ("learning rate scheduel": learning-rate for
    learning-rate-schedule), which is not another concept."""
    from qbank.services.dedup.concepts import mentions

    ca, cb = mentions(norm_a), mentions(norm_b)
    only_a, only_b = ca - cb, cb - ca
    return bool(only_a and only_b) and all(x not in y and y not in x
                                           for x in only_a for y in only_b)


class DupSearch:
    """The pairs of one bank, computed once and shared by the three strengths."""

    def __init__(self, bank: Bank, settings: Settings | None = None, *,
                 cache_dir: str | Path | None = ".qbank-cache",
                 targets: Iterable[str] = ()) -> None:
        self.bank = bank
        self.settings = settings or Settings()
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.targets = set(targets)
        self.stats: dict[str, Any] = {}
        self.records = [r for r in bank.records if r.syntax is None and isinstance(r.data, dict)]
        # the search allocates many small objects next to a large loaded bank: the cyclic
        # garbage collector would walk the whole bank again and again (seconds at 100k)
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self.pairs: list[DupPair] = self._run()
        finally:
            if was_enabled:
                gc.enable()

    # which records' pairs are wanted: all, or those with a target record
    def _query(self, recs: list[int]) -> np.ndarray | None:
        if not self.targets:
            return None
        return np.array([self.records[r].path in self.targets for r in recs], dtype=bool)

    def _texts(self, fld: str, min_chars: int) -> tuple[list[int], list[str]]:
        recs, norms = [], []
        for i, r in enumerate(self.records):
            value = r.field(fld)
            if isinstance(value, str):
                n = normalize(value)
                if len(n) >= min_chars:
                    recs.append(i)
                    norms.append(n)
        return recs, norms

    def _run(self) -> list[DupPair]:
        t0 = time.perf_counter()
        s = self.settings
        found: dict[tuple[int, int], list[_Match]] = {}

        def add(i: int, j: int, m: _Match) -> None:
            key = (i, j) if i < j else (j, i)
            found.setdefault(key, []).append(m)

        enabled = s.enabled()
        embedded: dict[str, tuple[list[int], np.ndarray]] = {}
        # fields x strengths; a lower strength skips pairs a higher one found in that field
        for fld in FIELDS:
            done: set[tuple[int, int]] = set()
            opts_e, opts_n, opts_p = s.exact, s.near, s.paraphrase
            min_chars = min((o.min_chars for o in (opts_e, opts_n, opts_p)
                             if o is not None and fld in o.fields), default=None)
            if min_chars is None:
                continue
            recs, norms = self._texts(fld, min_chars)
            if len(recs) < 2:
                continue
            query = self._query(recs)
            strongest = enabled[0]

            def label(natural: str, strongest: str = strongest) -> str | None:
                # with a stronger rule disabled, its pairs go to the strongest enabled one
                return natural if natural in enabled else (
                    strongest if _RANK[strongest] > _RANK[natural] else None)

            te = time.perf_counter()
            for group in exact_groups(norms).values():
                for x in range(len(group)):
                    for y in range(x + 1, len(group)):
                        a, b = group[x], group[y]
                        if query is not None and not (query[a] or query[b]):
                            continue
                        done.add((a, b))
                        lab = label("exact")
                        if lab and (getattr(s, lab) is not None
                                    and fld in getattr(s, lab).fields):
                            add(recs[a], recs[b], _Match(lab, fld, 1.0,
                                                         "identical after normalisation"))
            self.stats[f"{fld}_exact_s"] = round(time.perf_counter() - te, 3)

            if opts_n is not None and fld in opts_n.fields:
                tn = time.perf_counter()
                sigs = signatures(norms, self.cache_dir, self.stats)
                cand = lsh_pairs(sigs, opts_n.candidate_jaccard, query=query)
                est = jaccard_estimate(sigs, cand)
                keep = est >= opts_n.candidate_jaccard - 0.15
                cand, est = cand[keep], est[keep]
                from rapidfuzz.fuzz import ratio

                hits = 0
                for (a, b), j in zip(cand.tolist(), est.tolist(), strict=True):
                    if (a, b) in done:
                        continue
                    r = ratio(norms[a], norms[b], score_cutoff=opts_n.threshold * 100) / 100
                    if r < opts_n.threshold or key_terms_conflict(norms[a], norms[b]) or (
                            swapped_order(norms[a], norms[b])) or _other_concepts(norms[a],
                                                                                   norms[b]):
                        continue
                    done.add((a, b))
                    hits += 1
                    add(recs[a], recs[b], _Match("near", fld, r,
                                                 f"ratio {r:.2f}, 5-gram Jaccard ~{j:.2f}"))
                self.stats[f"{fld}_near_candidates"] = len(cand)
                self.stats[f"{fld}_near_s"] = round(time.perf_counter() - tn, 3)

            if opts_p is not None and fld in opts_p.fields:
                tp = time.perf_counter()
                from qbank.services.embed import Embedder

                emb = Embedder(self.cache_dir, model=opts_p.model)
                vecs = emb.encode(norms)
                self.stats[f"{fld}_embed"] = {k: (round(v, 3) if isinstance(v, float) else v)
                                              for k, v in emb.stats.items()}
                thr = opts_p.question_threshold if fld == "question" else opts_p.answer_threshold
                model_name = ("all-MiniLM-L6-v2" if opts_p.model == "minilm"
                              else "static MiniLM token vectors")
                embedded[fld] = (recs, vecs)
                pairs, cos = embedding_pairs(vecs, thr, query=query)
                keys = (self._concept_keys(recs) if fld == "question"
                        and (opts_p.concepts or opts_p.concept_veto) else None)
                vetoed = 0
                for (a, b), c in zip(pairs.tolist(), cos.tolist(), strict=True):
                    if (a, b) in done or siblings(norms[a], norms[b]):
                        continue
                    if (opts_p.concept_veto and keys is not None and keys[a][1] is not None
                            and keys[b][1] is not None and keys[a][1] != keys[b][1]):
                        vetoed += 1
                        continue
                    done.add((a, b))
                    add(recs[a], recs[b], _Match("paraphrase", fld, float(c),
                                                 f"cosine {c:.2f}, {model_name}"))
                if keys is not None:
                    self.stats[f"{fld}_concept_vetoed"] = vetoed
                if opts_p.concepts and keys is not None:
                    tc = time.perf_counter()
                    n_concept = 0
                    for a, b, c, what in self._concept_pairs(keys, norms, vecs,
                                                             opts_p.concept_floor, query,
                                                             opts_p.concept_extra_words, emb):
                        if (a, b) in done:
                            continue
                        done.add((a, b))
                        n_concept += 1
                        add(recs[a], recs[b], _Match(
                            "paraphrase", fld, c,
                            f"same concepts and intent: {what}; cosine {c:.2f}, {model_name}"))
                    self.stats[f"{fld}_concept_pairs"] = n_concept
                    self.stats[f"{fld}_concept_s"] = round(time.perf_counter() - tc, 3)
                if opts_p.glosses and keys is not None:
                    tg = time.perf_counter()
                    n_gloss = 0
                    for a, b, c, what in self._gloss_pairs(
                            keys, recs, norms, vecs, emb, opts_p.gloss_threshold,
                            opts_p.gloss_subject_threshold, query):
                        if (a, b) in done:
                            continue
                        done.add((a, b))
                        n_gloss += 1
                        add(recs[a], recs[b], _Match(
                            "paraphrase", fld, c,
                            f"one names {what}, the other describes it: cosine {c:.2f} with "
                            f"its definition, {model_name}"))
                    self.stats[f"{fld}_gloss_pairs"] = n_gloss
                    self.stats[f"{fld}_gloss_s"] = round(time.perf_counter() - tg, 3)
                self.stats[f"{fld}_paraphrase_s"] = round(time.perf_counter() - tp, 3)

        opts_p = s.paraphrase
        if (opts_p is not None and opts_p.orphans and "answer" in opts_p.fields
                and "answer" in embedded):
            to = time.perf_counter()
            n_orphan = 0
            for i, j, cross, ans in self._orphan_pairs(opts_p, embedded):
                if (min(i, j), max(i, j)) in found:
                    continue
                n_orphan += 1
                add(i, j, _Match("paraphrase", "answer", cross,
                                 f"cosine {cross:.2f} with the question, {ans:.2f} with the "
                                 f"answer, all-MiniLM-L6-v2", orphan=True))
            self.stats["orphan_pairs"] = n_orphan
            self.stats["orphan_s"] = round(time.perf_counter() - to, 3)

        out = self._report(found)
        self.stats["seconds"] = round(time.perf_counter() - t0, 3)
        self.stats["pairs"] = {st: sum(p.strength == st for p in out) for st in STRENGTHS}
        return out

    def _orphan_pairs(self, opts: ParaphraseSearch,
                      embedded: dict[str, tuple[list[int], np.ndarray]],
                      block: int = 256) -> Iterable[tuple[int, int, float, float]]:
        """(orphan, record, cosine of the orphan's answer and the record's question, cosine of
        the two answers) for records whose question was lost (`orphans`: no question of
        `min_chars`). Such an answer can only be compared by what it answers.

        A pair counts when both cosines reach `orphan_floor` and their mean
        `orphan_threshold`, and the two are each other's best match (by the first cosine,
        within 0.01) among the pairs that pass: of two answers on one subject, only the one
        that answers the question is taken. A comparison question ("batch norm vs layer
        norm") also needs an answer that names every concept it compares
        (`concepts.mentions`)."""
        from qbank.services.dedup.concepts import analyze, default_vocabulary, mentions

        arecs, avecs = embedded["answer"]
        if "question" in embedded:
            qrecs, qvecs = embedded["question"]
        else:
            from qbank.services.embed import Embedder

            qrecs, qnorms = self._texts("question", opts.min_chars)
            qvecs = Embedder(self.cache_dir, model=opts.model).encode(qnorms)
        a_row = {r: k for k, r in enumerate(arecs)}
        q_row = {r: k for k, r in enumerate(qrecs)}
        orphans = [r for r in arecs if r not in q_row]
        cands = [r for r in qrecs if r in a_row]
        if not orphans or not cands:
            return
        oa = avecs[[a_row[r] for r in orphans]]
        cq = qvecs[[q_row[r] for r in cands]]
        ca = avecs[[a_row[r] for r in cands]]
        floor, mean = opts.orphan_floor, opts.orphan_threshold
        hits: list[tuple[int, int, float, float]] = []
        for s in range(0, len(orphans), block):
            cross = oa[s:s + block] @ cq.T
            ii, jj = np.nonzero(cross >= max(floor, 2 * mean - 1))
            if not ii.size:
                continue
            ans = np.einsum("ij,ij->i", oa[s + ii], ca[jj])
            for x, y, c, a in zip(ii.tolist(), jj.tolist(), cross[ii, jj].tolist(),
                                  ans.tolist(), strict=True):
                if a >= floor and (c + a) / 2 >= mean:
                    hits.append((s + x, y, float(c), float(a)))
        vocab = default_vocabulary()

        @functools.cache
        def asked(y: int) -> Analysis:
            q = self.records[cands[y]].field("question")
            return analyze(q if isinstance(q, str) else "", vocab)

        @functools.cache
        def said(x: int) -> frozenset[str]:
            text = self.records[orphans[x]].field("answer")
            return mentions(text if isinstance(text, str) else "", vocab)

        kept = [(x, y, c, a) for x, y, c, a in hits
                if "compare" not in asked(y).intents
                or asked(y).concepts - vocab.generic <= said(x)]
        row_best: dict[int, float] = {}
        col_best: dict[int, float] = {}
        for x, y, c, _ in kept:
            row_best[x] = max(row_best.get(x, -1.0), c)
            col_best[y] = max(col_best.get(y, -1.0), c)
        for x, y, c, a in kept:
            if c < row_best[x] - 0.01 or c < col_best[y] - 0.01:
                continue
            i, j = orphans[x], cands[y]
            if self.targets and not (self.records[i].path in self.targets
                                     or self.records[j].path in self.targets):
                continue
            yield i, j, c, a

    def _concept_keys(self, recs: list[int]) -> list[tuple[Analysis, frozenset[str] | None]]:
        """Each question's concepts and intents, and its bucket (None: no specific concept)."""
        from qbank.services.dedup.concepts import analyze, bucket_key

        out = []
        for r in recs:
            value = self.records[r].field("question")
            an = analyze(value if isinstance(value, str) else "")
            out.append((an, bucket_key(an)))
        return out

    def _concept_pairs(self, keys: list[tuple[Analysis, frozenset[str] | None]],
                       norms: list[str], vecs: np.ndarray, floor: float,
                       query: np.ndarray | None, extra_words: int = 1, emb: Any = None,
                       block: int = 2048) -> Iterable[tuple[int, int, float, str]]:
        """Question pairs (text indices a < b) with the same concept set, compatible intents,
        cosine >= floor, no swapped key term outside the vocabulary, and at most `extra_words`
        content words outside the vocabulary that one has and the other lacks (the signal only
        speaks for what it understands).

        Only questions of one bucket are compared. A bucket is keyed by the concept set and
        the question's words outside the vocabulary, less up to min(extra_words, 2) of them
        (a deletion neighbourhood): two questions that differ in at most that many such words
        share a key. Questions on one concept that ask about different unlisted aspects fall
        in different buckets, so buckets stay small and the cost about linear in the bank.

        The cosine is the larger of the two texts' and of their canonical forms', where every
        concept is named by its first form (`concepts.canonical`: "Glorot" / "Xavier", "LSTM" /
        "long short-term memory"); those are embedded (`emb`) for bucket members only."""
        from itertools import combinations

        from qbank.services.dedup.concepts import canonical, compatible_intents, swapped_terms
        from qbank.services.dedup.normalize import content_tokens

        analyses = [an for an, _ in keys]
        buckets: dict[tuple[frozenset[str], frozenset[str]], list[int]] = {}
        for k, (_, key) in enumerate(keys):
            if key is None:
                continue
            other = frozenset(swapped_terms(sorted(content_tokens(norms[k]))))
            subs = {other}
            for r in range(1, min(extra_words, 2, len(other)) + 1):
                subs.update(other - set(drop) for drop in combinations(sorted(other), r))
            for sub in subs:
                buckets.setdefault((key, sub), []).append(k)
        self.stats["question_concept_buckets"] = sum(len(m) > 1 for m in buckets.values())
        if emb is not None:
            shared = sorted({k for m in buckets.values() if len(m) > 1 for k in m})
            canon = np.zeros_like(vecs)
            if shared:
                canon[shared] = emb.encode([canonical(norms[k]) for k in shared])
        seen: set[tuple[int, int]] = set()
        for members_list in buckets.values():
            if len(members_list) < 2:
                continue
            members = np.array(members_list)
            for s in range(0, len(members), block):
                rows = members[s:s + block]
                sim = vecs[rows] @ vecs[members].T
                if emb is not None:
                    sim = np.maximum(sim, canon[rows] @ canon[members].T)
                r_idx, c_idx = np.nonzero(sim >= floor)
                for x, y in zip(r_idx.tolist(), c_idx.tolist(), strict=True):
                    a, b = int(rows[x]), int(members[y])
                    if a >= b or (a, b) in seen or (
                            query is not None and not (query[a] or query[b])):
                        continue
                    seen.add((a, b))
                    an_a, an_b = analyses[a], analyses[b]
                    if not compatible_intents(an_a.intents, an_b.intents):
                        continue
                    if swapped_order(norms[a], norms[b]) or swapped_terms(
                            siblings(norms[a], norms[b])):
                        continue
                    if len(swapped_terms(differing_key_terms(norms[a], norms[b]))) > extra_words:
                        continue
                    yield a, b, float(sim[x, y]), an_a.describe()

    def _gloss_pairs(self, keys: list[tuple[Analysis, frozenset[str] | None]],
                     recs: list[int], norms: list[str], vecs: np.ndarray, emb: Any,
                     threshold: float, subject_threshold: float,
                     query: np.ndarray | None, margin: float = 0.05,
                     block: int = 256) -> Iterable[tuple[int, int, float, str]]:
        """Question pairs (text indices a < b) where one question names concepts and the other
        describes them: the cosine of the named concepts' definition (`concepts.gloss`) and the
        describing question reaches `threshold` (`subject_threshold` when the describing
        question has a concept bucket of its own); their main intents (beyond "explain") are
        compatible; the definition nearest to the describing question, among all single
        concepts' definitions, is one of the named concepts' (or within `margin` of it: a
        description of a sibling is nearer to the sibling's); the describing question does
        not name them
        itself (pairs that both name are the concept signal's), names no concept that neither
        the definition nor the naming question names (a sibling's description: "greedy
        decoding" is not beam search), has more content words than the naming one (a
        description, not another short name), and no sibling key term is swapped.

        Each distinct definition is embedded once (cached like any text) and compared with
        every question: (definitions x questions), in blocks of `block` definitions."""
        from qbank.services.dedup.concepts import (
            compatible_intents,
            default_glosses,
            default_vocabulary,
            gloss,
            mentions,
        )
        from qbank.services.dedup.normalize import content_tokens

        vocab = default_vocabulary()
        glosses = default_glosses()
        by_gloss: dict[str, list[int]] = {}
        for k, (an, key) in enumerate(keys):
            if key is None:
                continue
            g = gloss(an, vocab)
            if g is not None:
                by_gloss.setdefault(g, []).append(k)
        self.stats["question_glosses"] = len(by_gloss)
        if not by_gloss:
            return
        texts = list(by_gloss)
        gvecs = emb.encode([normalize(t) for t in texts])
        # each question's nearest single definition: a description of a sibling ("the
        # penalty on the squared weights" for "What is L1 regularization?") is nearer to the
        # sibling's definition than to the named concept's
        ids = sorted(glosses)
        single = emb.encode([normalize(glosses[c]) for c in ids])
        nearest = np.empty(len(norms), dtype=np.int64)
        nearest_cos = np.empty(len(norms), dtype=np.float32)
        for s in range(0, len(norms), 8192):
            sc = vecs[s:s + 8192] @ single.T
            nearest[s:s + 8192] = np.argmax(sc, axis=1)
            nearest_cos[s:s + 8192] = sc.max(axis=1)

        @functools.cache
        def named(k: int) -> frozenset[str]:
            q = self.records[recs[k]].field("question")
            return mentions(q if isinstance(q, str) else "", vocab) - vocab.generic

        @functools.cache
        def allowed(g_no: int, a: int) -> frozenset[str]:
            an = keys[a][0]
            return an.concepts | an.context | mentions(texts[g_no], vocab)

        def main(intents: frozenset[str]) -> frozenset[str]:
            # what a question asks beyond "explain": "Define X and Y. How do they differ?"
            # asks to compare, and a description of one of them does not
            return intents - {"explain"} or intents

        @functools.cache
        def length(k: int) -> int:
            return len(content_tokens(norms[k]))

        seen: set[tuple[int, int]] = set()
        for s in range(0, len(texts), block):
            sim = gvecs[s:s + block] @ vecs.T
            gi, bj = np.nonzero(sim >= threshold)
            for g_no, b, c in zip((gi + s).tolist(), bj.tolist(), sim[gi, bj].tolist(),
                                  strict=True):
                for a in by_gloss[texts[g_no]]:
                    if a == b:
                        continue
                    lo, hi = (a, b) if a < b else (b, a)
                    if (lo, hi) in seen or (
                            query is not None and not (query[a] or query[b])):
                        continue
                    an_a = keys[a][0]
                    if keys[b][1] is not None and c < subject_threshold:
                        continue
                    if (ids[int(nearest[b])] not in an_a.concepts
                            and c < float(nearest_cos[b]) - margin):
                        continue
                    if not compatible_intents(main(an_a.intents), main(keys[b][0].intents),
                                              describing=True):
                        continue
                    nb = named(b)
                    if nb & an_a.concepts or not nb <= allowed(g_no, a):
                        continue
                    if length(b) <= length(a):
                        continue
                    if siblings(norms[a], norms[b]) or swapped_order(norms[a], norms[b]):
                        continue
                    seen.add((lo, hi))
                    yield lo, hi, float(c), "{" + ", ".join(sorted(an_a.concepts)) + "}"

    def _report(self, found: dict[tuple[int, int], list[_Match]]) -> list[DupPair]:
        times = added_times(self.bank.root, self.cache_dir) if found else {}

        def age(r: LoadedRecord) -> tuple[float, str]:
            t = times.get(str(r.file.resolve()))
            return (math.inf if t is None else float(t), r.id)

        out: list[DupPair] = []
        for (i, j), matches in sorted(found.items()):
            a, b = self.records[i], self.records[j]
            if _related(a, b) or _same_template(a, b):
                continue
            matches.sort(key=lambda m: (_RANK[m.strength], FIELDS.index(m.field)))
            best = matches[0]
            newer, older = (a, b) if age(a) > age(b) else (b, a)
            if self.targets and newer.path not in self.targets:
                if older.path not in self.targets:
                    continue
                newer, older = older, newer  # validating the older file alone: report there
            also = tuple(f"{m.field} {m.strength}" for m in matches[1:])
            out.append(DupPair(best.strength, best.field, best.score, best.how, newer, older,
                               also, best.orphan))
        return out


def find_duplicates(bank: Bank | str | Path, settings: Settings | None = None, *,
                    cache_dir: str | Path | None = ".qbank-cache",
                    targets: Iterable[str] = ()) -> list[DupPair]:
    """Every duplicate pair of a bank (a `Bank` or its folder), as the DUP rules report them.

    ```python
    from qbank.services.dedup import find_duplicates
    for p in find_duplicates("tests/fixtures/seeds/bank"):
        print(p.strength, p.field, p.newer.id, p.older.id, round(p.score, 2))
    ```
    """
    b = bank if isinstance(bank, Bank) else load_bank(Path(bank))
    return DupSearch(b, settings, cache_dir=cache_dir, targets=targets).pairs


def excerpt(text: str, n: int = 70) -> str:
    return _excerpt(text, n)
