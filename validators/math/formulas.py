"""MATH002 for formulas: `NAME = expr` defined with symbols, the values given for them, and the
result stated (`NAME = ... = 10`, "the answer is 10 X 10"); and an expression in symbols whose
values the text gave earlier, followed by a number. The issues carry facts (`kind` "formula"
or "substitution", the values given, the result written and its true value as `expected`); the
rule module words them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import sympy as sp

from qbank.core.issues import Issue
from qbank.services.prose.chains import Chain
from qbank.services.prose.compare import agrees, fmt
from qbank.services.prose.parser import ParseFail, Side, parse_side
from qbank.services.prose.tokens import tokenize
from validators.math.patterns import grammar, num_pattern, patterns


def formula_issues(text: str, found: list[Chain]) -> Iterator[Issue]:
    """MATH002: a formula defined with symbols, its values given, and the result stated."""
    defs: list[tuple[str, Any, Chain]] = []  # (name, expression, defining chain), text order
    events: list[tuple[int, str, Any]] = []  # (offset, name, value) assignments in text order
    for ch in found:
        first = ch.sides[0]
        name = first.bare_ident
        if name is None:
            continue
        rest = ch.sides[1:]
        nums = [s for s in rest if s.numeric]
        idents = [s.bare_ident for s in rest if s.bare_ident]
        if nums:
            for n in [name, *idents]:
                events.append((ch.start, n, nums[0].expr))
        elif len(rest) >= 1 and rest[0].expr is not None and rest[0].expr.free_symbols and \
                not rest[0].expr.has(sp.core.function.AppliedUndef) and name not in \
                {str(s) for s in rest[0].expr.free_symbols}:
            defs.append((name, rest[0].expr, ch))
    yield from _substitution_issues(found, events)
    stated: list[tuple[int, int]] = []  # spans of chains `NAME = ... = number`
    scopes = []
    for k, (name, expr, dch) in enumerate(defs):
        # a definition holds until the same name is defined again
        end = next((d.start for n, _, d in defs[k + 1:] if n == name), len(text))
        syms = {str(s): s for s in expr.free_symbols}
        scopes.append((name, expr, dch, end, syms))
        for ch in found:
            if ch is dch or not dch.start < ch.start < end or ch.sides[0].bare_ident != name:
                continue
            nums = [s for s in ch.sides[1:] if s.numeric]
            if not nums or all(s.literal is not None for s in ch.sides[1:]):
                continue  # `P = 0` alone gives P a new value; `C = (12 - 3)/1 + 1 = 10` states one
            stated.append((ch.start, ch.end))
            values = _values_before(events, ch.start, syms, exclude=name)
            if values is None:
                continue
            true = expr.subs({syms[k]: v for k, v in values.items()})
            yield from _compare_result(name, dch, values, true, nums[-1].text, nums[-1].start)
    if not scopes:
        return
    # or stated in words soon after the values are given: "the answer is 10 X 10 matrix",
    # compared with the latest formula whose values are all given by then
    for rx in _result_res():
        for m in rx.finditer(text, scopes[0][2].end):
            off = m.start("value")
            if any(a <= off < b for a, b in stated):
                continue
            verdicts = []
            for name, expr, dch, end, syms in reversed(scopes):
                if not dch.end <= off < end:
                    continue
                given = [o for o, n, _ in events if n in syms and o < off]
                values = _values_before(events, off, syms, exclude=name)
                if values is None or not given or off - max(given) > RESULT_WINDOW:
                    continue
                true = expr.subs({syms[k]: v for k, v in values.items()})
                verdicts.append(list(_compare_result(name, dch, values, true, m.group("value"),
                                                     off)))
            # several formulas could be meant: wrong only if none of them gives the result
            if verdicts and all(verdicts):
                yield verdicts[-1][0] if len(verdicts) > 1 else verdicts[0][0]


RESULT_WINDOW = 400  # characters between the last value given and the result stated


def _compare_result(name: str, dch: Chain, values: dict[str, Any], true: Any, raw: str,
                    off: int) -> Iterator[Issue]:
    """The formula's true value against a written result (`10`, `10 X 10`: each factor)."""
    for w in [w for w in re.split(r"\s*[xX×]\s*", raw) if w]:
        try:
            claim = parse_side(tokenize(w, grammar()), w, grammar())
        except (ParseFail, IndexError):
            return
        if not agrees(Side(true, [], "", 0, 0), claim):
            given = ", ".join(f"{k} = {fmt(v)}" for k, v in values.items())
            want = fmt(true, claim)
            yield Issue("MATH002", offset=off, facts={
                "kind": "formula", "step": raw, "expected": want, "name": name,
                "formula": _expr_text(dch), "given": given, "written": raw})
            return


def _substitution_issues(found: list[Chain], events: list[tuple[int, str, Any]]
                         ) -> Iterator[Issue]:
    """`with beta_2 = 0.999 ... 1/(1 - beta_2) = 1000`: an expression in symbols whose values
    the text gave earlier, followed by a number."""
    for ch in found:
        own = {s.bare_ident for s in ch.sides if s.bare_ident}
        for i, side in enumerate(ch.sides):
            e = side.expr
            if side.bare_ident or side.numeric or not getattr(e, "free_symbols", None) or \
                    e.has(sp.core.function.AppliedUndef):
                continue
            later = [s for s in ch.sides[i + 1:] if s.numeric]
            syms = {str(x): x for x in e.free_symbols}
            if not later or own & set(syms):
                continue
            values = _values_before(events, ch.start, syms, exclude="")
            if values is None:
                continue
            true = e.subs({syms[k]: v for k, v in values.items()})
            if not getattr(true, "is_number", False):
                continue
            claim = later[0]
            if not agrees(Side(true, [], "", 0, 0), claim):
                given = ", ".join(f"{k} = {fmt(v)}" for k, v in values.items())
                want = fmt(true, claim)
                yield Issue("MATH002", offset=claim.start, facts={
                    "kind": "substitution", "step": f"{side.text} = {claim.text}",
                    "expected": want, "given": given, "expression": side.text,
                    "written": claim.text})


def _expr_text(ch: Chain) -> str:
    return ch.sides[1].text


@cache
def _result_res() -> tuple[re.Pattern[str], ...]:
    return tuple(num_pattern(p) for p in patterns()["result_phrases"])


def _values_before(events: list[tuple[int, str, Any]], pos: int, syms: dict[str, Any],
                   exclude: str) -> dict[str, Any] | None:
    got: dict[str, Any] = {}
    for off, n, v in events:
        if off < pos and n in syms and n != exclude:
            got[n] = v
    if set(got) != set(syms):
        return None
    return got
