"""What the prose reader must not read, blanked with offsets kept (so positions map straight back
to the text): code, and text that only looks numeric.

Fences are blanked by `qbank.core.fences.mask_fences`, the one fence masker. Code spans are not
left to it: `mask_fences(inline=True)` blanks single-line spans with spaces, while arithmetic
needs them as *breaks* (`x` in "`x` = 3" must not join the arithmetic around it, so a span
becomes `\\x00`, a `BRK` token) and a span may run over a line break (not a blank line). The
max-pooling check reads its matrices in prose fences (` ```text `), hence `keep_text_fences`."""

from __future__ import annotations

import re

from qbank.core.fences import fences_in, mask_fences
from qbank.services.prose.grammar import Grammar

PROSE_LANGS = {"", "text", "plain", "plaintext", "txt", "none"}
_SPAN = re.compile(r"(`+)(?:(?!\n[ \t]*\n)[^`])+?\1")
BREAK = "\x00"  # a character the tokenizer reads as a break (no claim crosses it)


def mask_code(text: str, keep_text_fences: bool = False) -> str:
    """Blank out fences (except prose fences with `keep_text_fences`) and, without it, turn
    `code spans` into breaks, keeping offsets."""
    masked = mask_fences(text)
    if keep_text_fences:
        return _unmask_prose_fences(text, masked)
    chars = list(masked)
    for m in _SPAN.finditer(masked):
        for i in range(m.start(), m.end()):
            if chars[i] != "\n":
                chars[i] = BREAK
    return "".join(chars)


def _unmask_prose_fences(text: str, masked: str) -> str:
    """`masked` with the prose fences (` ```text `, a bare ` ``` `) of `text` put back: the
    fences `mask_fences` blanked are disjoint, each up to the end of its closing line."""
    out = masked
    for f in fences_in(text, ()):
        if f.lang not in PROSE_LANGS:
            continue
        end = f.body_start + len(f.body)
        nl = text.find("\n", end)
        stop = len(text) if (nl < 0 or not f.closed) else nl
        out = out[:f.start] + text[f.start:stop] + out[stop:]
    return out


def mask_non_claims(text: str, grammar: Grammar) -> str:
    """Blank (as breaks) what the grammar's `non_claims` match: versions, dates, ranges, ..."""
    chars = list(text)
    for rx in grammar.non_claims:
        for m in rx.finditer(text):
            for i in range(m.start(), m.end()):
                if chars[i] != "\n":
                    chars[i] = BREAK
    return "".join(chars)
