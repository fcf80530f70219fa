"""The misconception catalog (misconceptions.yaml) and the matcher that finds its claims in text.

Decision, per sentence (the `Matcher` docstring has the detail): lexical gates first (an entry
is considered only when its `concept` cues all match; a `pass_if` cue vetoes it; sentences that
*report* a misconception, "a common myth is that ...", are never flagged), then the sentence
embedding is compared with the entry's false phrasings (`claims`) and its correct statement.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast

import numpy as np

from qbank.core.cache import CacheTable, source_fingerprint
from qbank.core.loader import load_data
from validators.claim import embedding

CATALOG_FILE = Path(__file__).with_name("misconceptions.yaml")
MATCHER_VERSION = "3"

# A sentence that reports or refutes a misconception is not an instance of it.
_META = re.compile(
    r"\b(myths?|misconceptions?|common (mistake|error|confusion|pitfall)s?|misconception|"
    r"it is (false|wrong|incorrect|a mistake|not true) (that|to)|contrary to|incorrectly|"
    r"mistakenly|wrongly|erroneously|is not true that|(people|beginners|many) (often |sometimes )?"
    r"(think|believe|assume|claim)|do not confuse|don't confuse|confused with|not to be confused|"
    r"(is|are) (wrong|false|incorrect|a myth|misleading)|the claim|claims? that|"
    r"some (texts|sources|authors|tutorials|pages))\b",
    re.I)
_NEG = re.compile(r"\b(not|no|never|cannot|nothing|neither|nor|without|unable)\b|n't\b", re.I)
_NEG_BEFORE = re.compile(r"(\b(not|no|never|cannot|without)|n't) *$", re.I)


@cache
def _says_negation(p: re.Pattern[str]) -> bool:
    """The cue spells out a negation itself ("not zero-centred"); read once per cue."""
    return bool(_NEG.search(p.pattern.replace("(?<![a-z])", "")))


def vetoes(p: re.Pattern[str], sentence: str) -> bool:
    """A `pass_if` cue vetoes an entry unless the sentence negates the cue's wording: a cue that
    itself says nothing of negation ("need ... positional", "needs to be tuned") is void when a
    negation sits inside its match or is the word just before it ("need no positional
    information", "never needs tuning")."""
    if _says_negation(p):
        return bool(p.search(sentence))
    for m in p.finditer(sentence):
        if not (_NEG.search(m.group(0)) or _NEG_BEFORE.search(sentence[:m.start()])):
            return True
    return False


def normalize(sentence: str) -> str:
    """Typographic quotes and dashes as ASCII, whitespace collapsed (cues are written in ASCII)."""
    s = sentence.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    s = s.replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", " - ")
    return " ".join(s.replace("\u2212", "-").replace("\u00a0", " ").split())


@dataclass(frozen=True)
class Entry:
    id: str
    topic: str
    claims: tuple[str, ...]
    why: str
    correct: str
    reference: str
    concept: tuple[re.Pattern[str], ...]
    false: tuple[re.Pattern[str], ...]
    true: tuple[re.Pattern[str], ...]
    flag_tests: tuple[str, ...]
    pass_tests: tuple[str, ...]
    cue_required: bool = False


@dataclass(frozen=True)
class Catalog:
    entries: tuple[Entry, ...]
    digest: str

    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    @property
    def subjects(self) -> tuple[Subject, ...]:
        """Each entry's subject, in word stems (`Subject`); see `Subject.about`."""
        cached = _SUBJECTS.get(self.digest)
        if cached is None:
            cached = tuple(Subject.of(e) for e in self.entries)
            _SUBJECTS[self.digest] = cached
        return cached


@dataclass(frozen=True)
class Subject:
    """What an entry is about, as word stems: `core`, the stems every one of its false phrasings
    uses ("dropout", "rate"), and `terms`, the stems of its phrasings and correct statement.

    A sentence is about the entry when it uses every core stem or at least two terms: the
    `concept` cues say the words are present, this says the sentence talks about the same
    thing, so a sentence is never shown the correction of another concept that happens to
    share a cue word ("test", "layer", "same")."""

    core: frozenset[str]
    terms: frozenset[str]

    @staticmethod
    def of(e: Entry) -> Subject:
        per = [_stems(c) for c in e.claims]
        core = set.intersection(*per) if per else set()
        terms = set().union(*per, _stems(e.correct))
        return Subject(frozenset(core), frozenset(terms))

    def about(self, words: set[str]) -> bool:
        return bool(self.core and self.core <= words) or len(self.terms & words) >= 2


_SUBJECTS: dict[str, tuple[Subject, ...]] = {}
_STOP = frozenset("""about above after again against always among another because been before
being below between both cannot could does doing during each every from further have having
into itself just many more most much must never only other over same should since some such
than that their them then there these they this those through under until very what when
where which while with within without would your often value values model models network
networks output outputs input inputs train training trained using used uses make makes made
better worse larger smaller higher lower number numbers large small also
the and for are can its not all any one you was were has had but how why who use""".split())
_SUFFIXES = ("ization", "isation", "ations", "ation", "ings", "ing", "ness", "ies", "ied",
             "ers", "er", "es", "ed", "ly", "s")


def _stem(word: str) -> str:
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            word = word[:-len(suf)]
            break
    return word[:5]


def _stems(text: str) -> set[str]:
    """Stems of the words of 3+ letters (and short tokens with a digit or capitals: L2, F1),
    stopwords left out: a suffix cut, then the first 5 letters ("normalization", "normalize"
    -> "norma")."""
    out = set()
    for w in re.findall(r"[A-Za-z][A-Za-z0-9_]*", normalize(text).replace("\u00d7", "x")):
        lw = w.lower()
        if lw in _STOP:
            continue
        if len(lw) >= 3 or re.search(r"\d", w) or (len(w) >= 2 and w.isupper()):
            out.add(_stem(lw))
    return out


def _rx(items: Any) -> tuple[re.Pattern[str], ...]:
    """Cues match from the start of a word: "use" must not fire inside "cause"."""
    return tuple(re.compile(r"(?<![a-z])(?:" + r + ")", re.I) for r in (items or []))


def parse_catalog(text: str) -> Catalog:
    data = load_data(text)
    entries = []
    for raw in data["entries"]:
        cues = raw.get("cues") or {}
        tests = raw.get("tests") or {}
        entries.append(Entry(
            id=raw["id"], topic=raw["topic"], claims=tuple(raw["claims"]), why=raw["why"].strip(),
            correct=raw["correct"].strip(), reference=raw["reference"].strip(),
            concept=_rx(cues.get("concept")), false=_rx(cues.get("flag_if")),
            true=_rx(cues.get("pass_if")), flag_tests=tuple(tests.get("flag") or ()),
            pass_tests=tuple(tests.get("pass") or ()),
            cue_required=bool(cues.get("cue_required", False))))
    # the matcher's source is part of the identity: cached verdicts go stale when it changes
    digest = hashlib.sha256((MATCHER_VERSION + source_fingerprint(Path(__file__)) + text)
                            .encode()).hexdigest()[:16]
    return Catalog(tuple(entries), digest)


@cache
def load_catalog(path: Path = CATALOG_FILE) -> Catalog:
    return parse_catalog(path.read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Match:
    entry: str  # catalog id
    score: float  # cosine to the nearest false phrasing
    via: str  # "cue" (a false cue matched) or "embedding"

    def to_json(self) -> dict[str, Any]:
        return {"entry": self.entry, "score": round(self.score, 4), "via": self.via}


@dataclass
class Thresholds:
    cue: float = 0.40  # min cosine to a false phrasing when a `flag_if` cue matches
    embedding: float = 0.80  # min cosine with no `flag_if` cue
    margin: float = 0.05  # ... and at least this much closer to the claim than to `correct`
    min_words: int = 8  # ... and at least this many words (headings and fragments state nothing)


@dataclass
class Matcher:
    """Find catalog misconceptions in sentences.

    For each sentence and each entry whose `concept` cues all match (case-insensitive):
    - a `pass_if` cue match, or a sentence that reports a misconception, vetoes the entry;
    - with a `flag_if` cue match, the entry fires if the sentence's cosine to its nearest false
      phrasing is >= `cue`;
    - with no `flag_if` cue, it fires if that cosine is >= `embedding`, exceeds the cosine to the
      correct statement by `margin`, and the sentence and phrasing agree in negation.
    The best firing entry (highest cosine) is the match.
    """

    catalog: Catalog
    thresholds: Thresholds = field(default_factory=Thresholds)
    cache_dir: str | None = embedding.DEFAULT_CACHE  # embedding cache (None: none)
    _anchors: Any = None

    def _embed_anchors(self) -> tuple[np.ndarray, np.ndarray, list[tuple[int, str]]]:
        if self._anchors is None:
            texts: list[str] = []
            owner: list[tuple[int, str]] = []
            for i, e in enumerate(self.catalog.entries):
                for c in e.claims:
                    texts.append(c)
                    owner.append((i, c))
            claim_vecs = embedding.encode(texts, self.cache_dir)
            correct_vecs = embedding.encode([e.correct for e in self.catalog.entries],
                                            self.cache_dir)
            self._anchors = (claim_vecs, correct_vecs, owner)
        return cast(tuple[np.ndarray, np.ndarray, list[tuple[int, str]]], self._anchors)

    def candidates(self, sentence: str, cue_only: bool = False) -> list[int]:
        if _META.search(sentence):
            return []
        out = []
        words = _stems(sentence)
        subjects = self.catalog.subjects
        for i, e in enumerate(self.catalog.entries):
            if e.concept and not all(p.search(sentence) for p in e.concept):
                continue
            if not subjects[i].about(words):
                continue  # not about this entry's subject
            if any(vetoes(p, sentence) for p in e.true):
                continue
            if cue_only and not any(p.search(sentence) for p in e.false):
                continue
            out.append(i)
        return out

    def match_many(self, sentences: list[str], cue_only: bool = False) -> list[Match | None]:
        """`cue_only`: consider only entries whose `flag_if` cue matches (used for pairs)."""
        sentences = [normalize(s) for s in sentences]
        cands = [self.candidates(s, cue_only) for s in sentences]
        need = [i for i, c in enumerate(cands) if c]
        out: list[Match | None] = [None] * len(sentences)
        if not need:
            return out
        claim_vecs, correct_vecs, owner = self._embed_anchors()
        vecs = embedding.encode([sentences[i] for i in need], self.cache_dir)
        sims = vecs @ claim_vecs.T
        csims = vecs @ correct_vecs.T
        t = self.thresholds
        for row, si in enumerate(need):
            s = sentences[si]
            best: Match | None = None
            for ei in cands[si]:
                e = self.catalog.entries[ei]
                cols = [k for k, (o, _) in enumerate(owner) if o == ei]
                k = max(cols, key=lambda c: sims[row, c])
                s_f = float(sims[row, k])
                s_t = float(csims[row, ei])
                if any(p.search(s) for p in e.false):
                    ok, via = s_f >= t.cue, "cue"
                elif e.cue_required:
                    ok, via = False, "embedding"
                else:
                    same_neg = bool(_NEG.search(s)) == bool(_NEG.search(owner[k][1]))
                    ok = (s_f >= t.embedding and s_f - s_t >= t.margin and same_neg
                          and len(re.findall(r"[A-Za-z]{2,}", s)) >= t.min_words)
                    via = "embedding"
                if ok and (best is None or s_f > best.score):
                    best = Match(e.id, s_f, via)
            out[si] = best
        return out

    def explain(self, sentence: str) -> list[dict[str, Any]]:
        """Every entry's gates and scores for one sentence (for debugging the catalog)."""
        claim_vecs, correct_vecs, owner = self._embed_anchors()
        v = embedding.encode([sentence], self.cache_dir)[0]
        out = []
        for i, e in enumerate(self.catalog.entries):
            cols = [k for k, (o, _) in enumerate(owner) if o == i]
            out.append({
                "entry": e.id, "meta": bool(_META.search(sentence)),
                "concept": all(p.search(sentence) for p in e.concept),
                "flag_if": [p.pattern for p in e.false if p.search(sentence)],
                "pass_if": [p.pattern for p in e.true if vetoes(p, sentence)],
                "s_false": float(max(claim_vecs[cols] @ v)),
                "s_correct": float(correct_vecs[i] @ v)})
        return sorted(out, key=lambda d: -d["s_false"])

    def match(self, sentence: str) -> Match | None:
        return self.match_many([sentence])[0]


def match_with_pairs(matcher: Matcher, sentences: list[str], blocks: list[int],
                     cache: CacheTable,
                     contexts: list[str] | None = None) -> list[Match | None]:
    """Like `match_cached`, but a match is dropped when the sentence before it (same paragraph)
    has one of the entry's `pass_if` cues; then a claim split over two sentences of one
    paragraph ("ReLU gives output in 0 to infinity. However the output layer needs a finite
    range.") is sought in each adjacent pair where neither sentence matched alone; a pair's
    match is reported on its second sentence, with the pair as the quoted text (via "+pair").
    Last, a sentence that still has no match and has a `context` (`Sentence.context`: a list
    item under its lead-in, a table row under its header) is matched in that context, with
    `flag_if` cues required as for pairs (via "+context")."""
    single = match_cached(matcher, sentences, cache)
    entries = matcher.catalog.by_id()
    for i, m in enumerate(single):  # the correct twin's qualifier may sit one sentence before
        if m is not None and i > 0 and blocks[i] == blocks[i - 1] and any(
                vetoes(p, normalize(sentences[i - 1])) for p in entries[m.entry].true):
            single[i] = None
    pairs = [i for i in range(1, len(sentences))
             if blocks[i] == blocks[i - 1] and single[i] is None and single[i - 1] is None]
    joined = [sentences[i - 1] + " " + sentences[i] for i in pairs]
    for i, m in zip(pairs, match_cached(matcher, joined, cache, cue_only=True), strict=True):
        if m is not None:
            single[i] = Match(m.entry, m.score, m.via + "+pair")
    if contexts is not None:
        reported = {i - 1 for i, m in enumerate(single) if m and m.via.endswith("+pair")}
        todo = [i for i, c in enumerate(contexts)
                if c and single[i] is None and i not in reported]
        found = match_cached(matcher, [contexts[i] for i in todo], cache, cue_only=True)
        for i, m in zip(todo, found, strict=True):
            if m is not None:
                single[i] = Match(m.entry, m.score, m.via + "+context")
    return single


def match_cached(matcher: Matcher, sentences: list[str], cache: CacheTable,
                 cue_only: bool = False) -> list[Match | None]:
    ns = ("claim001-cue:" if cue_only else "claim001:") + matcher.catalog.digest
    out: list[Match | None] = [None] * len(sentences)
    todo: list[int] = []
    for i, s in enumerate(sentences):
        hit = cache.get(cache.key(ns, s))
        if hit is KeyError:
            todo.append(i)
        elif hit is not None:
            out[i] = Match(hit["entry"], hit["score"], hit["via"])
    if todo:
        found = matcher.match_many([sentences[i] for i in todo], cue_only)
        for i, m in zip(todo, found, strict=True):
            out[i] = m
            cache.put(cache.key(ns, sentences[i]), m.to_json() if m else None)
    return out
