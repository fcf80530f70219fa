"""Arithmetic stated in prose, found and verified exactly: the MATH001/MATH002 entry points.

What is found (patterns declared in `patterns.yaml`):

- equality chains: `3 (2*4 + 3*5 + 4*6) = 3 (8 + 15 + 24) = 3 * 47 = 141`, in plain text or
  LaTeX (`\\cdot`, `\\times`, `\\frac{a}{b}`, `\\lfloor x \\rfloor`, `^{...}`), with implicit
  multiplication `3 (8 + 15)`, `x`/`×`/`*`/`·`, `^`/`**` and percentages. Every step whose two
  sides are both numbers is checked (MATH001); `F(a) = f(b)` checks that a = b.
- formulas with substituted values: `C = ((I - F + 2P)/S) + 1` defined, then `I = 12, F = 3,
  P = 0, S = 1`, then the stated result (`C = ... = 10`, or "the answer is 10 X 10") (MATH002).
- named computations: "the softmax of [1, 2, 3] is [0.090, 0.245, 0.665]", a list "which sums
  to 1.6", a max pooling "of size 3 X 3 with a stride of 2" followed by its input and output
  matrices, and perceptron truth tables `F(-1.5*1 + 1*1 + 1*1) = f(0.5) = 1` (step function:
  1 when the argument is > 0, 0 when < 0) where the text speaks of a step/threshold/gate (MATH002).

Numbers are exact rationals. A written number is right when it is the true value rounded to the
precision written: with d decimals, |true - written| <= 0.5 * 10**-d (0.024 is right for
0.0236, and so is 0.02; 0.03 and the truncated 0.023 are not). Integers are held to units
(|true - written| <= 0.5); for a fraction, a whole number may also be its floor or ceiling
(50000/64 = 782 batches). `≈` is held to the same rule; `≈ 10^k` is an order of magnitude;
between two computed sides `≈` allows 1 %. `log` without a base may be base e, 2 or 10.

Left alone: anything in code fences or `code spans`, version numbers (2.21.0), dates, times,
ranges written without spaces (0.5-0.8), model names (GPT-3), list numbering, `==`/`<=`/`:=`
(code and inequalities), sides glued to a word (`top-5 = ...`), and any side that does not
parse completely as arithmetic.

Where each job lives: reading arithmetic (tokens, parser, chains, comparison, masks) in
`qbank.services.prose`, configured with this family's `patterns.yaml`; written numbers and their
precision in `qbank.core.numbers`; the checks beside this module, one module per kind of claim:
`steps` (chains, MATH001), `formulas` (MATH002), `named` (softmax, sums, max pooling) and
`perceptron` (MATH002); MATH003's final number in `final_number`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from qbank.core.issues import Issue
from qbank.services.prose import parser
from qbank.services.prose.chains import chains
from qbank.services.prose.mask import mask_code, mask_non_claims
from validators.math.final_number import final_number
from validators.math.formulas import formula_issues
from validators.math.issues import record_texts
from validators.math.named import max_pooling_issues, softmax_issues, sums_to_issues
from validators.math.patterns import grammar
from validators.math.perceptron import gate_issues, step_issues
from validators.math.steps import chain_issues

__all__ = ["SEP", "check_file", "check_segments", "check_text", "final_number",
           "parse_expression", "record_issues"]


def parse_expression(s: str) -> Any:
    """The exact value (sympy) of an arithmetic string, e.g. `3 (8 + 15 + 24)` -> 141."""
    return parser.parse_expression(s, grammar())


# every claim this module checks needs one of these: a text without any is skipped quickly
_TRIGGER = re.compile(r"[=≈≃]|\\approx|softmax|sums? to|adds up to|max[- ]?pool|\bbias\b",
                      re.I)


def _text_issues(raw: str) -> list[Issue]:
    if not _TRIGGER.search(raw):
        return []
    prose = mask_non_claims(mask_code(raw), grammar())
    found = chains(prose, grammar())
    out: list[Issue] = []
    out.extend(chain_issues(prose, found))
    out.extend(formula_issues(prose, found))
    out.extend(step_issues(prose, found))
    out.extend(gate_issues(prose))
    out.extend(softmax_issues(prose))
    out.extend(sums_to_issues(prose))
    out.extend(max_pooling_issues(mask_code(raw, keep_text_fences=True)))
    seen: set[tuple[str, int]] = set()
    uniq = []
    for i in sorted(out, key=lambda i: (i.offset, i.code)):
        if (i.code, i.offset) not in seen:
            seen.add((i.code, i.offset))
            uniq.append(i)
    return uniq


def _placed(issue: Issue, text: str, offset: int) -> Issue:
    """The issue at `offset` of `text`, with its line (1-based) and column (0-based)."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return replace(issue, offset=offset, line=line, column=column)


def check_text(text: str) -> list[Issue]:
    """Every miscalculation in a plain text (a seed file, a Markdown answer), with its line:
    `qbank.core.issues.Issue`s whose facts hold the step as written and its true value
    (`step`, `expected`); `validators.math.wording` words them, `validators.math.describe`
    writes one as `line:column: CODE message`.

    >>> from validators.math import describe
    >>> [describe(i) for i in check_text("so 3 (8 + 15 + 24) = 3 * 47 = 142.")]
    ['1:31: MATH001 `3 * 47 = 142` does not hold: 3 * 47 is 141, not 142']
    """
    return [_placed(i, text, i.offset) for i in _text_issues(text)]


def check_file(path: str | Path) -> list[Issue]:
    """`check_text` of a file (a seed, say): every miscalculation with its line."""
    return check_text(Path(path).read_text(encoding="utf-8"))


SEP = "\n\n\x00\n\n"


def _segment_issues(segments: Sequence[str]) -> list[tuple[int, Issue]]:
    """(segment, issue placed in its own text) of several texts read as one."""
    joined = SEP.join(segments)
    starts = []
    pos = 0
    for s in segments:
        starts.append(pos)
        pos += len(s) + len(SEP)
    out = []
    for i in _text_issues(joined):
        seg = max(k for k, st in enumerate(starts) if st <= i.offset)
        out.append((seg, _placed(i, segments[seg], i.offset - starts[seg])))
    return out


def check_segments(segments: Sequence[str]) -> list[Issue]:
    """Issues of several texts read as one (question, then answer, ...): the fact `segment`
    and `offset` say where each issue is in its own text."""
    return [replace(i, facts={**i.facts, "segment": seg}) for seg, i in _segment_issues(segments)]


def record_issues(rec: Any) -> list[Issue]:
    """Issues of a record (question + answer read together; each choice's `why` alone), each
    with its `field`: the path of the text it is in."""
    texts = record_texts(rec)
    main = [(p, t) for p, t in texts if p[0] in ("question", "answer")]
    out = [replace(i, field=main[seg][0])
           for seg, i in _segment_issues([t for _, t in main])] if main else []
    for p, t in texts:
        if p[0] == "choices":
            out.extend(replace(i, field=p) for i in check_text(t))
    return out
