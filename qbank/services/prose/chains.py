"""Equality chains in prose: runs of tokens split at words, brackets and commas, cut at `=` and
`≈` into sides; the longest parse of each end side is kept, and a side glued to a word
(`top-5 = ...`) or running on into one (`= 5th`) ends the chain."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from qbank.services.prose.grammar import Grammar
from qbank.services.prose.parser import ParseFail, Side, parse_side
from qbank.services.prose.tokens import Tok, tokenize


@dataclass
class Chain:
    """`a = b = c ≈ d`: the sides that parse, consecutive, at least two."""

    sides: list[Side]
    start: int
    end: int


_SPLIT = {"BRK", "LBRACK", "RBRACK", "COMMA"}


def _runs(toks: list[Tok]) -> Iterator[list[Tok]]:
    run: list[Tok] = []
    depth = 0
    for t in toks:
        if t.kind in ("LP", "LFLOOR", "LCEIL"):
            depth += 1
        elif t.kind in ("RP", "RFLOOR", "RCEIL"):
            depth = max(0, depth - 1)
        if t.kind in _SPLIT and not (t.kind == "COMMA" and depth > 0):
            if run:
                yield run
            run, depth = [], 0
            continue
        run.append(t)
    if run:
        yield run


def _glued_before(text: str, start: int) -> bool:
    """`top-5 = ...`, `v1.5 = ...`: the side continues a word, it is not a claim."""
    before = text[start - 1] if start > 0 else " "
    return before.isalnum() or before in "_.'-\x00"


def _glued_after(text: str, end: int) -> bool:
    """`= 5th`, `= 0.5-0.8`: the side runs on into a word or a range."""
    after = text[end] if end < len(text) else " "
    return after.isalnum() or after in "_'\x00" or (
        after in ".-" and text[end + 1:end + 2].isdigit())


def chains(text: str, grammar: Grammar) -> list[Chain]:
    """Every equality chain of the text (already masked: no code)."""
    out: list[Chain] = []
    toks = tokenize(text, grammar)
    for run in _runs(toks):
        if not any(t.kind in ("EQ", "APPROX") for t in run):
            continue
        parts: list[list[Tok]] = [[]]
        rels: list[str] = []
        for t in run:
            if t.kind in ("EQ", "APPROX"):
                parts.append([])
                rels.append("=" if t.kind == "EQ" else "≈")
            else:
                parts[-1].append(t)
        out.extend(_chains_of(parts, rels, text, grammar))
    return out


def _chains_of(parts: list[list[Tok]], rels: list[str], text: str, grammar: Grammar
               ) -> Iterator[Chain]:
    n = len(parts)
    sides: list[Side | None] = []
    for i, toks in enumerate(parts):
        side = None
        if toks:
            if i == 0:
                side = _best(toks, text, grammar, from_end=True)
                if side is not None and _glued_before(text, side.start):
                    side = None
            elif i == n - 1:
                side = _best(toks, text, grammar, from_end=False)
                if side is not None and _glued_after(text, side.end):
                    side = None
            else:
                side = _try(toks, text, grammar)
        if side is not None and i > 0:
            side.rel = rels[i - 1]
        sides.append(side)
    cur: list[Side] = []
    for s in sides:
        if s is None:
            if len(cur) >= 2:
                yield Chain(cur, cur[0].start, cur[-1].end)
            cur = []
        else:
            cur.append(s)
    if len(cur) >= 2:
        yield Chain(cur, cur[0].start, cur[-1].end)


MAX_SIDE_TOKENS = 80  # a longer side is not a hand computation


def _try(toks: Sequence[Tok], text: str, grammar: Grammar) -> Side | None:
    if not toks or len(toks) > MAX_SIDE_TOKENS:
        return None
    try:
        return parse_side(toks, text, grammar)
    except (ParseFail, TypeError, ValueError, ZeroDivisionError, RecursionError):
        return None


def _best(toks: list[Tok], text: str, grammar: Grammar, from_end: bool) -> Side | None:
    """The longest suffix (left side) / prefix (right side) that parses; what is cut off may
    only be unmatched parentheses, else the side is not a claim."""
    n = len(toks)
    for k in range(min(n, MAX_SIDE_TOKENS), 0, -1):
        part = toks[n - k:] if from_end else toks[:k]
        rest = toks[:n - k] if from_end else toks[k:]
        if rest and not all(t.kind in ("LP", "RP") for t in rest):
            continue
        side = _try(part, text, grammar)
        if side is not None:
            return side
    return None
