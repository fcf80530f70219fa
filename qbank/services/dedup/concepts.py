"""The concept signal of DUP003: which deep-learning concepts a question asks about, and what
it asks (its intent).

A vocabulary of concepts, each with its surface forms, is declared as data in
`qbank/services/dedup/data/dl_concepts.yaml` (synonyms and abbreviations: "batch normalization" /
"batchnorm" / "BN"; "LSTM" / "long short-term memory"). A question's concepts are the
longest forms found in it, minus context (a concept in a phrase opened by "in", "during",
... or after a purpose verb such as "prevent", when the question names a subject concept
before it) and minus umbrella concepts when a narrower one is named. Its intents are the cue
phrases it contains (explain, compare, implement, advantages, ...).

Two questions are paraphrases by this signal when their concept sets are equal and non-empty
and their intents are compatible (they share one, or two intents declared `compatible`). The
search (`qbank.services.dedup.DupSearch`) only compares questions with the same concept set (buckets
keyed by the set), so the cost stays linear, and still asks for an embedding cosine floor.

```python
from qbank.services.dedup.concepts import analyze, same_question
a = analyze("Describe the working of the dropout regularization technique.")
a.concepts, a.intents        # frozenset({'dropout'}), frozenset({'explain'})
same_question(a, analyze("What is dropout in deep learning?"))   # True
```
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

_NONWORD = re.compile(r"[^\w]+")
_CLAUSE = re.compile(r"[,;:?!.()\[\]\"“”]+|\s+(?:and|or|but|then)\s+")
_US = [(re.compile(r"isation"), "ization"), (re.compile(r"ise\b"), "ize"),
       (re.compile(r"ised\b"), "ized"), (re.compile(r"ising\b"), "izing")]
_WH = frozenset(["which", "what", "how", "why", "when", "where", "whose"])
_KEEP_S = frozenset(["does", "has", "was", "this", "its", "yes", "is", "us", "bias", "alias",
                     "gas", "canvas", "lens", "series", "species", "thus", "whereas", "less",
                     "loss", "class", "process", "across"])


def _fold(word: str) -> str:
    """One word as matched: plural "s" dropped ("CNNs" = "CNN"), except where it is no plural."""
    if (len(word) >= 4 and word.endswith("s") and word not in _KEEP_S
            and not word.endswith(("ss", "us", "is", "ous"))):
        return word[:-1]
    return word


def words(text: str) -> list[list[str]]:
    """The folded words of a text, clause by clause (clauses split at punctuation and at
    "and" / "or" / "but")."""
    t = unicodedata.normalize("NFKC", text or "").casefold().replace("_", " ")
    for pat, rep in _US:
        t = pat.sub(rep, t)
    out = []
    for clause in _CLAUSE.split(t):
        ws = [_fold(w) for w in _NONWORD.sub(" ", clause).split()]
        if ws:
            out.append(ws)
    return out


@dataclass(frozen=True)
class Vocabulary:
    forms: dict[tuple[str, ...], str]  # folded words of a form -> concept id
    longest: int
    broad: frozenset[str]
    generic: frozenset[str]
    context_words: frozenset[str]
    purpose_verbs: frozenset[str]
    intents: dict[str, tuple[tuple[str, ...], ...]]  # intent -> cue phrases (folded words)
    cues: dict[tuple[str, ...], frozenset[str]]  # cue phrase -> the intents it signals
    cue_longest: int
    compatible: frozenset[frozenset[str]]
    # also compatible when one question describes a concept the other names (`gloss`)
    describe_compatible: frozenset[frozenset[str]]
    words: frozenset[str]  # every word of every form and cue (the key-term guard skips them)
    names: dict[str, str] = field(default_factory=dict)  # concept id -> its first form

    @property
    def concepts(self) -> frozenset[str]:
        return frozenset(self.forms.values())


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(w for clause in words(text) for w in clause)


def build_vocabulary(doc: dict[str, Any]) -> Vocabulary:
    """A vocabulary from its YAML document (see qbank/services/dedup/data/dl_concepts.yaml)."""
    forms: dict[tuple[str, ...], str] = {}
    names: dict[str, str] = {}
    for cid, surface in (doc.get("concepts") or {}).items():
        if surface:
            names[str(cid)] = " ".join(_phrase(str(surface[0])))
        for form in surface or []:
            key = _phrase(str(form))
            if key in forms and forms[key] != cid:
                raise ValueError(f"concept form {form!r} is declared for both "
                                 f"{forms[key]!r} and {cid!r}")
            forms[key] = str(cid)
    intents = {str(k): tuple(_phrase(str(c)) for c in v or [])
               for k, v in (doc.get("intents") or {}).items()}
    cues: dict[tuple[str, ...], set[str]] = {}
    for name, phrases in intents.items():
        for c in phrases:
            cues.setdefault(c, set()).add(name)
    return Vocabulary(
        cues={k: frozenset(v) for k, v in cues.items()},
        cue_longest=max((len(k) for k in cues), default=1),
        forms=forms, longest=max((len(k) for k in forms), default=1),
        broad=frozenset(map(str, doc.get("broad") or [])),
        generic=frozenset(map(str, doc.get("generic") or [])),
        context_words=frozenset(map(str, doc.get("context_words") or [])),
        purpose_verbs=frozenset(_fold(str(v)) for v in doc.get("purpose_verbs") or []),
        intents=intents,
        compatible=frozenset(frozenset(map(str, g)) for g in doc.get("compatible") or []),
        describe_compatible=frozenset(frozenset(map(str, g))
                                      for g in doc.get("describe_compatible") or []),
        words=frozenset(w for k in [*forms, *(c for cs in intents.values() for c in cs)]
                        for w in k), names=names)


@cache
def default_vocabulary() -> Vocabulary:
    import yaml

    data = resources.files("qbank.services.dedup").joinpath("data/dl_concepts.yaml")
    text = data.read_text(encoding="utf-8")
    return build_vocabulary(yaml.safe_load(text))


@dataclass(frozen=True)
class Analysis:
    concepts: frozenset[str]  # what the question is about (empty: none recognised)
    intents: frozenset[str]  # what it asks about them
    context: frozenset[str] = frozenset()  # concepts named as context only
    specific: bool = True  # False: the text holds code or math (no concept signal)

    def describe(self) -> str:
        return "{" + ", ".join(sorted(self.concepts)) + "}, " + "/".join(sorted(self.intents))


def _cues(clause: list[str], v: Vocabulary) -> set[str]:
    found: set[str] = set()
    for i in range(len(clause)):
        for n in range(1, min(v.cue_longest, len(clause) - i) + 1):
            hit = v.cues.get(tuple(clause[i:i + n]))
            if hit:
                found |= hit
    return found


def analyze(text: str, vocab: Vocabulary | None = None) -> Analysis:
    """The concepts and intents of one question (see the module docstring)."""
    v = vocab or default_vocabulary()
    subject: set[str] = set()
    context: set[str] = set()
    intents: set[str] = set()
    for clause in words(text):
        found = _cues(clause, v)
        intents |= (found - {"explain"}) or found
        in_context = False
        seen_subject = False
        i = 0
        while i < len(clause):
            w = clause[i]
            opens = w in v.context_words and not (i == 0 and clause[1:2] and clause[1] in _WH)
            if opens or (w in v.purpose_verbs and seen_subject):
                in_context = True  # ("In which situations ...", "In what way ..." open none)
            hit = None
            for n in range(min(v.longest, len(clause) - i), 0, -1):
                cid = v.forms.get(tuple(clause[i:i + n]))
                if cid is not None:
                    hit = (cid, n)
                    break
            if hit is None:
                i += 1
                continue
            cid, n = hit
            if in_context:
                context.add(cid)
            else:
                subject.add(cid)
                seen_subject = seen_subject or cid not in v.broad
            i += n
    if not subject:
        subject, context = context, set()
    narrow = {c for c in subject if c not in v.broad}
    if narrow:
        context |= subject - narrow
        subject = narrow
    if not intents:
        intents = {"explain"}
    return Analysis(frozenset(subject), frozenset(intents), frozenset(context - subject),
                    analyzable(text))


def mentions(text: str, vocab: Vocabulary | None = None) -> frozenset[str]:
    """Every concept a text names anywhere (longest forms; no subject or context reading):
    what an answer talks about, for the orphan-answer signal of DUP003."""
    v = vocab or default_vocabulary()
    return frozenset(cid for clause in words(text) for cid, _ in _spans(clause, v)
                     if cid is not None)


def _spans(clause: list[str], v: Vocabulary) -> Iterator[tuple[str | None, list[str]]]:
    """A clause cut into its concept forms (longest first) and the words between them."""
    i = 0
    while i < len(clause):
        for n in range(min(v.longest, len(clause) - i), 0, -1):
            cid = v.forms.get(tuple(clause[i:i + n]))
            if cid is not None:
                yield cid, clause[i:i + n]
                i += n
                break
        else:
            yield None, clause[i:i + 1]
            i += 1


def canonical(text: str, vocab: Vocabulary | None = None) -> str:
    """The text with every concept named by its first form ("Explain Glorot initialization."
    -> "explain xavier initialization"): synonyms and abbreviations ("LSTM" / "long short-term
    memory") no longer lower the cosine of two questions on the same concepts."""
    v = vocab or default_vocabulary()
    return ", ".join(" ".join(v.names.get(cid, cid) if cid else ws[0]
                              for cid, ws in _spans(clause, v)) for clause in words(text))


def compatible_intents(a: frozenset[str], b: frozenset[str],
                       vocab: Vocabulary | None = None, describing: bool = False) -> bool:
    """True when two questions ask the same kind of thing: a shared intent, or two intents
    declared `compatible` in the vocabulary (or `describe_compatible`, when one question
    describes what the other names: `describing`)."""
    if a & b:
        return True
    v = vocab or default_vocabulary()
    groups = v.compatible | v.describe_compatible if describing else v.compatible
    return any(g & a and g & b for g in groups)


def bucket_key(a: Analysis, vocab: Vocabulary | None = None) -> frozenset[str] | None:
    """The concept set a question is compared under, or None when it names no concept, or
    only generic ones ("deep learning", "LLMs"): too wide to say two questions are one, or
    when it holds code or math (see `analyzable`)."""
    v = vocab or default_vocabulary()
    return a.concepts if a.specific and a.concepts - v.generic else None


_SPECIFICS = re.compile(r"[`$]|\\[(\[]|^\s*(?:```|~~~)", re.M)


def analyzable(text: str) -> bool:
    """False for a question with inline code, math or a code block: what it asks hinges on
    identifiers and formulas the vocabulary does not see (`return_sequences`, $f(z) = 3z$)."""
    return not _SPECIFICS.search(text or "")


def same_question(a: Analysis, b: Analysis, vocab: Vocabulary | None = None) -> bool:
    """Equal concept sets (not empty, not only generic concepts) and compatible intents."""
    key = bucket_key(a, vocab)
    return key is not None and key == b.concepts and compatible_intents(
        a.intents, b.intents, vocab)


@cache
def default_glosses() -> dict[str, str]:
    """concept id -> its definition in plain words (qbank/services/dedup/data/dl_glosses.yaml)."""
    import yaml

    data = resources.files("qbank.services.dedup").joinpath("data/dl_glosses.yaml")
    doc = yaml.safe_load(data.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in (doc.get("glosses") or {}).items()}


def gloss(a: Analysis, vocab: Vocabulary | None = None,
          glosses: dict[str, str] | None = None) -> str | None:
    """The definition of what a question asks about: the glosses of its specific concepts
    (joined in id order), or None when it has no bucket (`bucket_key`) or a concept without a
    gloss. "What is teacher forcing?" names a concept; its gloss says what the concept is, in
    the words a question that only describes it would use."""
    v = vocab or default_vocabulary()
    g = default_glosses() if glosses is None else glosses
    key = bucket_key(a, v)
    if key is None:
        return None
    ids = sorted(key - v.generic)
    if not ids or any(c not in g for c in ids):
        return None
    return "; ".join(g[c] for c in ids)


def swapped_terms(terms: list[str], vocab: Vocabulary | None = None) -> list[str]:
    """The key terms of the sibling guard (`qbank.services.dedup.normalize.siblings`) that
    neither the concept sets nor the intents account for: for a pair this signal matched, words of
    the vocabulary ("transformers", "important") are already judged; others still make a sibling."""
    v = vocab or default_vocabulary()
    return [t for t in terms if t not in v.words
            and not all(w in v.words for w in _phrase(t) or [_fold(t)])]
