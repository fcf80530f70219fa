"""Text normalisation for duplicate search, and the key-term guard.

`normalize` makes the texts that the exact rule hashes and the near-duplicate rule shingles:
Unicode NFKC, case folded, Markdown markup (emphasis, headings, links, list bullets, code
fence markers, tables) and leading numbering ("1.", "Q3:", "(a)") removed, punctuation turned
into spaces, whitespace collapsed. Code inside fences is kept: two questions with different
code are different questions.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_FENCE = re.compile(r"^\s*(```+|~~~+)[^\n]*$", re.M)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML = re.compile(r"</?[a-zA-Z][^>]*>")
_LINE_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\|)", re.M)
_NUMBERING = re.compile(
    r"^\s*(?:(?:q(?:uestion)?|answer|a)\s*\.?\s*\d*\s*[:.)-]\s*|\(?\d{1,3}[.):]\s+|\(?[a-h][.)]\s+)",
    re.I | re.M)
_NONWORD = re.compile(r"[^\w]+")
_US = [(re.compile(r"isation"), "ization"), (re.compile(r"ise\b"), "ize"),
       (re.compile(r"ised\b"), "ized"), (re.compile(r"ising\b"), "izing"),
       (re.compile(r"our\b"), "or")]


def normalize(text: str) -> str:
    """The comparable form of a question or answer (see the module docstring)."""
    t = unicodedata.normalize("NFKC", text or "")
    t = _FENCE.sub(" ", t)
    t = _LINK.sub(r"\1", t)
    t = _HTML.sub(" ", t)
    t = _LINE_MARK.sub(" ", t)
    t = _NUMBERING.sub(" ", t)
    t = t.casefold().replace("_", " ")
    t = _NONWORD.sub(" ", t)
    return " ".join(t.split())


def fingerprint(norm: str) -> str:
    """sha256 of a normalised text: equal fingerprints = identical after normalisation."""
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


# --- key-term guard ------------------------------------------------------------------------

STOPWORDS = frozenset("""
a an the and or of in on at to for from by with without into onto over under about as is are
during
was were be been being do does did doing done can could should would will shall may might must
what which who whom whose when where why how that this these those it its it's their there
they them we you your our us i me my she his her some any each every all both either
neither than then so such also just very more most much many few less least not no nor only
own same other another s t give explain describe define discuss tell briefly mean means meant
example examples e g eg ie term concept work works working role purpose use used using uses
between difference differences different differ differs compare contrast vs versus deep
learning neural network networks model models technique techniques method methods
""".split())
_NEGATING = ("dis", "un", "in", "im", "non", "ir", "il")


# words that questions use interchangeably: one canonical form each, so that swapping them is
# not mistaken for swapping a key term ("advantages" / "benefits" asks the same thing)
_SYNONYMS = {
    "advantage": ("advantages", "benefit", "benefits", "pros", "merits", "strengths"),
    "disadvantage": ("disadvantages", "drawback", "drawbacks", "cons", "limitation",
                     "limitations", "weaknesses", "downsides", "shortcomings"),
    "important": ("importance", "significant", "significance", "crucial", "essential", "matter",
                  "matters", "useful", "beneficial"),
    "implement": ("implemented", "implementing", "implementation", "build", "built", "create",
                  "created", "define", "defined", "code", "write"),
    "problem": ("problems", "issue", "issues", "challenge", "challenges", "difficulties"),
    "prevent": ("prevents", "avoid", "avoids", "reduce", "reduces", "handle", "handles",
                "address", "addresses", "tackle", "solve", "solves", "solved", "fix"),
    "apply": ("applied", "applies", "application", "applications", "leverage", "employ"),
    "why": ("reason", "reasons"),
    "speech": ("voice",),
}
_CANON = {w: k for k, ws in _SYNONYMS.items() for w in ws}


# "Type I" / "Type II" error: the numeral is the key term ("i" alone is a stopword)
_TYPE_NUMERAL = re.compile(r"\btype (i{1,3}|iv|[1-4])\b")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}


def content_tokens(norm: str) -> set[str]:
    """Content words of a normalised text, synonyms folded (see `_SYNONYMS`)."""
    norm = _TYPE_NUMERAL.sub(lambda m: f"type_{_ROMAN.get(m.group(1), m.group(1))}", norm)
    return {_CANON.get(t, t) for t in norm.split() if t not in STOPWORDS}


# words one edit apart that name opposite things: never a typo of each other
_OPPOSITE_PREFIXES = (("micro", "macro"), ("over", "under"), ("en", "de"), ("up", "down"),
                      ("pre", "post"), ("in", "out"), ("min", "max"), ("inter", "intra"),
                      ("hyper", "hypo"), ("homo", "hetero"), ("uni", "multi"), ("mono", "multi"))


def _opposites(a: str, b: str) -> bool:
    for p, q in _OPPOSITE_PREFIXES:
        for x, y in ((a, b), (b, a)):
            if x.startswith(p) and y.startswith(q) and x[len(p):] == y[len(q):]:
                return True
    return False


def _spelling_variant(a: str, b: str) -> bool:
    from rapidfuzz.distance import OSA

    for pat, rep in _US:
        a, b = pat.sub(rep, a), pat.sub(rep, b)
    if a == b or a.rstrip("s") == b.rstrip("s"):
        return True
    if any(ch.isdigit() for ch in a + b):
        return False  # L1 / L2, 3x3 / 5x5: numbers are key terms
    for p in _NEGATING:  # advantages / disadvantages, supervised / unsupervised
        if a == p + b or b == p + a:
            return False
    if _opposites(a, b):  # micro / macro, overfitting / underfitting, encoder / decoder
        return False
    # a typo: one edit or one swap of neighbouring letters (two for long words)
    return len(a) >= 5 and len(b) >= 5 and OSA.distance(a, b) <= 1 + (min(len(a), len(b)) >= 9)


def differing_key_terms(norm_a: str, norm_b: str) -> list[str]:
    """Content words that one text has and the other lacks, after pairing spelling variants
    and typos: "l1"/"l2", "lstm"/"gru", "advantages"/"disadvantages" are key terms; "normalise"/
    "normalize" and "dropuot"/"dropout" are not. A pair whose wording is nearly the same but
    whose key terms differ asks a sibling question, not the same one."""
    a, b = content_tokens(norm_a), content_tokens(norm_b)
    only_a, only_b = sorted(a - b), sorted(b - a)
    unmatched_b = list(only_b)
    left: list[str] = []
    for x in only_a:
        match = next((y for y in unmatched_b if _spelling_variant(x, y)), None)
        if match is None:
            left.append(x)
        else:
            unmatched_b.remove(match)
    return left + unmatched_b


def key_terms_conflict(norm_a: str, norm_b: str) -> list[str]:
    """The differing key terms when both texts have some the other lacks (a substitution:
    "L1" for "L2"); empty when one text only adds words to the other."""
    a, b = content_tokens(norm_a), content_tokens(norm_b)
    diff = differing_key_terms(norm_a, norm_b)
    in_a = [t for t in diff if t in a]
    in_b = [t for t in diff if t in b]
    return diff if in_a and in_b else []


# words after which the order of two terms changes what is asked ("A better than B")
_ASYMMETRIC = frozenset(["than", "instead", "rather", "over", "before", "after"])


def swapped_order(norm_a: str, norm_b: str) -> list[str]:
    """The key terms of two texts with the same content words in another order around an
    asymmetric word: "When is precision more important than recall?" / "When is recall more
    important than precision?" ask opposite things. Empty otherwise."""
    a = [_CANON.get(t, t) for t in norm_a.split() if t not in STOPWORDS or t in _ASYMMETRIC]
    b = [_CANON.get(t, t) for t in norm_b.split() if t not in STOPWORDS or t in _ASYMMETRIC]
    if a == b or sorted(a) != sorted(b) or not _ASYMMETRIC & set(a):
        return []
    return sorted({x for x, y in zip(a, b, strict=True) if x != y} - _ASYMMETRIC)


def siblings(norm_a: str, norm_b: str) -> list[str]:
    """The substituted key terms of two texts worded mostly alike ("L1" vs "L2
    regularization"): one key term swapped for another, two for two among more shared words,
    or most content words shared (Jaccard >= 0.5) and key terms swapped.
    Also two texts that say the same words in an order that reverses what is asked
    (`swapped_order`). Empty when the pair is not of that kind. Paraphrases, which share few
    words, pass."""
    conflict = key_terms_conflict(norm_a, norm_b)
    if not conflict:
        return swapped_order(norm_a, norm_b)
    a, b = content_tokens(norm_a), content_tokens(norm_b)
    union = a | b
    jac = len(a & b) / len(union) if union else 0.0
    in_a, in_b = len([t for t in conflict if t in a]), len([t for t in conflict if t in b])
    # as many words swapped on each side (one or two), fewer than the words they share:
    # "oversampling the minority class" / "undersampling the majority class"
    swap = in_a == in_b and (in_a == 1 or (in_a == 2 and len(a & b) > 2))
    return conflict if jac >= 0.5 or swap else []
