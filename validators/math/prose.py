"""Arithmetic stated in prose, found and verified exactly.

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
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import sympy as sp
import yaml

from qbank.core.fences import fences_in
from validators.math.issues import Issue, Located, record_texts

# ---------------------------------------------------------------------------------------------
# data


@cache
def patterns() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (Path(__file__).with_name("patterns.yaml")).read_text(encoding="utf-8"))
    return data


NUM_RE = r"[-−]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?"


def _num_pattern(p: str) -> re.Pattern[str]:
    return re.compile(p.replace("NUM", NUM_RE), re.I)


# ---------------------------------------------------------------------------------------------
# issues


# ---------------------------------------------------------------------------------------------
# tokens

_CMD = {
    "cdot": "MUL", "ast": "MUL", "times": "TIMES", "div": "DIV", "frac": "FRAC",
    "dfrac": "FRAC", "tfrac": "FRAC", "sqrt": "SQRT", "lfloor": "LFLOOR", "rfloor": "RFLOOR",
    "lceil": "LCEIL", "rceil": "RCEIL", "approx": "APPROX", "simeq": "APPROX",
    "exp": "FUNC", "log": "FUNC", "ln": "FUNC", "max": "FUNC", "min": "FUNC", "tanh": "FUNC",
    "left": "SP", "right": "SP", "big": "SP", "Big": "SP", "bigg": "SP", "Bigg": "SP",
    "bigl": "SP", "bigr": "SP", "Bigl": "SP", "Bigr": "SP", "displaystyle": "SP",
}
_GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
          "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "phi", "varphi",
          "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Sigma", "Phi", "Omega"}

_TOKEN = re.compile(r"""
  (?P<NLBRK>\n(?:[ \t]*\n)+|\n(?=[ \t]*(?:[-*+>|\#]|\d+[.)])[ \t]))
| (?P<NL>\n)
| (?P<TEXTCMD>\\(?:text|mathrm|mathbf|mathit|operatorname|textbf|textit|mbox)\s*\{[^{}]*\})
| (?P<CMD>\\[a-zA-Z]+(?:_\{[A-Za-z0-9]{1,6}\}|_[A-Za-z0-9])?)
| (?P<LSP>\\[,;:!\ ])
| (?P<PCTESC>\\%)
| (?P<BRACE>\\[{}])
| (?P<ALIGN>&=|\\\\)
| (?P<OP2>\*\*|==|!=|<=|>=|=>|:=|\+=|-=|\*=|/=|->|<-|~=)
| (?P<NUM>(?:\d{1,3}(?:(?:,|\{,\})\d{3})+(?![\d,]\d)|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+)
| (?P<IDENT>[A-Za-z]+(?:_\{[A-Za-z0-9]{1,6}\}|_[A-Za-z0-9]+|\d+)?)
| (?P<GREEK>[α-ωΑ-Ω])
| (?P<WS>[ \t\r$\u00a0]+)
| (?P<CH>.)
""", re.X | re.S)

_CH = {"+": "PLUS", "-": "MINUS", "−": "MINUS", "*": "MUL", "·": "MUL", "⋅": "MUL",
       "×": "TIMES", "/": "DIV", "÷": "DIV", "^": "POW", "(": "LP", "{": "LP", ")": "RP",
       "}": "RP", "=": "EQ", "%": "PCT", ",": "COMMA", "≈": "APPROX", "≃": "APPROX",
       "⌊": "LFLOOR", "⌋": "RFLOOR", "⌈": "LCEIL", "⌉": "RCEIL", "√": "SQRT", "[": "LBRACK",
       "]": "RBRACK", "\x00": "BRK"}


@dataclass
class Tok:
    kind: str
    text: str
    start: int
    end: int
    glued: bool = False  # no space between this token and the previous one


@cache
def _functions() -> frozenset[str]:
    return frozenset(patterns()["functions"])


def _mask_non_claims(text: str) -> str:
    chars = list(text)
    for rx in _non_claim_res():
        for m in rx.finditer(text):
            for i in range(m.start(), m.end()):
                if chars[i] != "\n":
                    chars[i] = "\x00"
    return "".join(chars)


@cache
def _non_claim_res() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns()["non_claims"].values())


def tokenize(text: str) -> list[Tok]:
    """Tokens of arithmetic (whitespace dropped; `glued` remembers adjacency)."""
    out: list[Tok] = []
    prev_end = -1
    funcs = _functions()
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "CH"
        s, e, t = m.start(), m.end(), m.group(0)
        if kind in ("WS", "NL", "LSP") or t == "\\\\":  # LaTeX `\\` in an aligned block
            continue
        if kind == "ALIGN":  # `&=` in an aligned block
            kind = "EQ"
        if kind == "NLBRK" or kind == "TEXTCMD" or kind == "BRACE":
            kind = "BRK"
        elif kind == "CMD":
            name = t[1:]
            base = name.split("_")[0]
            kind = _CMD.get(name, "IDENT" if base in _GREEK else "BRK")
            if kind == "SP":
                continue
        elif kind == "PCTESC":
            kind = "PCT"
        elif kind == "OP2":
            if t == "**":
                kind = "POW" if _op_context(text, s, e) else ""
            elif t == "~=":
                kind = "APPROX"
            else:
                kind = "BRK"
            if not kind:
                continue
        elif kind == "IDENT":
            low = t.lower()
            if re.fullmatch(r"[xX]\d+", t) and out and out[-1].kind == "NUM" and out[-1].end == s:
                out.append(Tok("TIMES", t[0], s, s + 1, True))
                out.append(Tok("NUM", t[1:], s + 1, e, True))
                prev_end = e
                continue
            if low in funcs:
                kind = "FUNC"
            elif t in ("x", "X"):
                kind = "X"
            elif re.fullmatch(r"[A-Za-z](?:_\{[A-Za-z0-9]{1,6}\}|_[A-Za-z0-9]+|\d+)?", t):
                kind = "IDENT"
            else:
                kind = "BRK"  # a word
        elif kind == "GREEK":
            kind = "IDENT"
        elif kind == "CH":
            if t == "*":
                kind = "MUL" if _op_context(text, s, e) else ""
                if not kind:
                    continue
            else:
                kind = _CH.get(t, "BRK")
        out.append(Tok(kind, t, s, e, glued=(s == prev_end)))
        prev_end = e
    return out


def _op_context(text: str, s: int, e: int) -> bool:
    """`*` / `**` between operands (2*4, 3 * 47), not Markdown emphasis (**bold**)."""
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    operand_l = before.isalnum() or before in ")}"
    operand_r = after.isalnum() or after in "({.-"
    return (operand_l and operand_r) or (before in " \t" and after in " \t")


# ---------------------------------------------------------------------------------------------
# parsing: tokens -> sympy (exact)


class ParseFail(Exception):
    pass


@dataclass
class Side:
    expr: Any  # sympy expression
    toks: list[Tok]
    text: str
    start: int
    end: int
    literal: Any = None  # (value, tolerance) when the side is a written number
    dims: tuple[Any, ...] | None = None  # `12 x 12`: factors of a product written with x / ×
    rel: str = "="  # relation to the previous side

    @property
    def numeric(self) -> bool:
        return bool(self.expr is not None and getattr(self.expr, "is_number", False)
                    and not self.expr.has(sp.core.function.AppliedUndef)
                    and self.expr.is_finite is not False and self.expr.is_real is True)

    @property
    def bare_ident(self) -> str | None:
        if len(self.toks) == 1 and self.toks[0].kind in ("IDENT", "X"):
            return _ident_name(self.toks[0].text)
        return None

    @property
    def undef(self) -> Any:
        e = self.expr
        if isinstance(e, sp.core.function.AppliedUndef) and len(e.args) == 1:
            return e
        return None


def _ident_name(t: str) -> str:
    return t.replace("{", "").replace("}", "")


_MAX_EXP = 400
_OPERAND = {"NUM", "LP", "FUNC", "SQRT", "FRAC", "LFLOOR", "LCEIL", "IDENT", "MINUS"}


class _Parser:
    def __init__(self, toks: Sequence[Tok]):
        self.t = list(toks)
        self.i = 0
        self.x_ops = 0
        self.other_ops = 0

    def peek(self, k: int = 0) -> Tok | None:
        j = self.i + k
        return self.t[j] if j < len(self.t) else None

    def take(self, kind: str | None = None) -> Tok:
        tok = self.peek()
        if tok is None or (kind is not None and tok.kind != kind):
            raise ParseFail(kind or "token")
        self.i += 1
        return tok

    def parse(self) -> Any:
        e = self.expr()
        if self.i != len(self.t):
            raise ParseFail("trailing")
        return e

    def expr(self) -> Any:
        left = self.term()
        while (tok := self.peek()) is not None and tok.kind in ("PLUS", "MINUS"):
            self.i += 1
            self.other_ops += 1
            right = self.term()
            left = left + right if tok.kind == "PLUS" else left - right
        return left

    def term(self) -> Any:
        left = self.unary()
        while (tok := self.peek()) is not None:
            if tok.kind in ("MUL", "TIMES", "DIV", "X"):
                nxt = self.peek(1)
                if tok.kind == "X" and (nxt is None or nxt.kind not in _OPERAND):
                    if self._implicit(tok):  # `2x + 1`: the variable x
                        self.other_ops += 1
                        left = left * self.power()
                        continue
                    break
                if nxt is None:
                    raise ParseFail("operand")
                self.i += 1
                if tok.kind in ("TIMES", "X"):
                    self.x_ops += 1
                else:
                    self.other_ops += 1
                right = self.unary()
                if tok.kind == "DIV":
                    if right == 0:
                        raise ParseFail("division by zero")
                    left = left / right
                else:
                    left = left * right
            elif self._implicit(tok):
                self.other_ops += 1
                left = left * self.power()
            else:
                break
        return left

    def _implicit(self, tok: Tok) -> bool:
        prev = self.t[self.i - 1]
        if tok.kind == "LP":  # 3 (8 + 15), (a)(b)
            return prev.kind in ("NUM", "RP")
        if tok.kind in ("IDENT", "X", "FUNC", "SQRT", "FRAC", "LFLOOR", "LCEIL"):  # 2P, 2\sqrt{2}
            return prev.kind == "NUM" and tok.glued
        return False

    def unary(self) -> Any:
        tok = self.peek()
        if tok is not None and tok.kind in ("PLUS", "MINUS"):
            self.i += 1
            v = self.unary()
            return -v if tok.kind == "MINUS" else v
        return self.power()

    def power(self) -> Any:
        base = self.postfix()
        tok = self.peek()
        if tok is not None and tok.kind == "POW":
            self.i += 1
            self.other_ops += 1
            exp = self.unary()
            if exp.is_number and (abs(sp.N(exp)) > _MAX_EXP):
                raise ParseFail("exponent too large")
            if base.is_number and exp.is_number and abs(sp.N(base)) > 10**6 and exp > 50:
                raise ParseFail("power too large")
            return sp.Pow(base, exp)
        return base

    def postfix(self) -> Any:
        v = self.atom()
        tok = self.peek()
        if tok is not None and tok.kind == "PCT":
            self.i += 1
            v = v / 100
        return v

    def group(self) -> Any:
        self.take("LP")
        v = self.expr()
        self.take("RP")
        return v

    def atom(self) -> Any:
        tok = self.take()
        k = tok.kind
        if k == "NUM":
            return _rational(tok.text)
        if k == "LP":
            v = self.expr()
            self.take("RP")
            return v
        if k == "FRAC":
            num = self.group()
            den = self.group()
            if den == 0:
                raise ParseFail("division by zero")
            return num / den
        if k == "SQRT":
            nxt = self.peek()
            return sp.sqrt(self.group() if nxt is not None and nxt.kind == "LP" else self.atom())
        if k in ("LFLOOR", "LCEIL"):
            v = self.expr()
            self.take("RFLOOR" if k == "LFLOOR" else "RCEIL")
            return sp.floor(v) if k == "LFLOOR" else sp.ceiling(v)
        if k == "FUNC":
            name = tok.text.lstrip("\\").lower()
            nxt = self.peek()
            args = self.args() if nxt is not None and nxt.kind == "LP" else [self.power()]
            return _apply(name, args)
        if k in ("IDENT", "X"):
            name = _ident_name(tok.text)
            nxt = self.peek()
            if nxt is not None and nxt.kind == "LP" and nxt.glued:
                args = self.args()
                alias = patterns()["function_aliases"].get(name)
                return _apply(alias, args) if alias else sp.Function(name)(*args)
            if name == "e" and nxt is not None and nxt.kind == "POW":
                return sp.E
            return sp.Symbol(name)
        raise ParseFail(k)

    def args(self) -> list[Any]:
        self.take("LP")
        out = [self.expr()]
        while (tok := self.peek()) is not None and tok.kind == "COMMA":
            self.i += 1
            out.append(self.expr())
        self.take("RP")
        return out


def _apply(name: str, args: list[Any]) -> Any:
    one = len(args) == 1
    if name in ("max", "min") and args:
        return sp.Max(*args) if name == "max" else sp.Min(*args)
    if not one:
        raise ParseFail("arity")
    a = args[0]
    table = {"floor": sp.floor, "ceil": sp.ceiling, "sqrt": sp.sqrt, "exp": sp.exp,
             "log": sp.log, "ln": sp.log, "abs": sp.Abs, "tanh": sp.tanh,
             "sigmoid": lambda v: 1 / (1 + sp.exp(-v)), "relu": lambda v: sp.Max(0, v)}
    if name not in table:
        raise ParseFail(name)
    if name in ("log", "ln") and a.is_number and a <= 0:
        raise ParseFail("log domain")
    return table[name](a)


def parse_side(toks: Sequence[Tok], text: str) -> Side:
    p = _Parser(toks)
    expr = p.parse()
    start, end = toks[0].start, toks[-1].end
    side = Side(expr, list(toks), text[start:end], start, end)
    side.literal = _literal(toks)
    if p.x_ops and not p.other_ops and all(t.kind in ("NUM", "TIMES", "X") for t in toks):
        side.dims = tuple(_rational(t.text) for t in toks if t.kind == "NUM")
    return side


def parse_expression(s: str) -> Any:
    """The exact value (sympy) of an arithmetic string, e.g. `3 (8 + 15 + 24)` -> 141."""
    toks = tokenize(s)
    if not toks:
        raise ParseFail("empty")
    return _Parser(toks).parse()


def _rational(text: str) -> Any:
    """The exact value of a written number; absurd sizes (1e5869) are not claims."""
    text = text.replace("{,}", "").replace(",", "").replace("−", "-")
    mant, _, exp = text.lower().partition("e")
    if len(mant) > 40 or (exp and abs(int(exp)) > 300):
        raise ParseFail("number too large")
    return sp.Rational(text)


def _scientific(toks: Sequence[Tok]) -> tuple[Any, Any] | None:
    """`9.5 \\times 10^{-7}`: a written number in scientific notation, with its precision."""
    kinds = "".join(_SCI_CODE.get(t.kind, "?") for t in toks)
    m = re.fullmatch(r"(-?)N[*x]N\^(\(-?N\)|-?N)", kinds)
    if m is None or toks[len(m.group(1)) + 2].text != "10":
        return None
    nums = [t for t in toks if t.kind == "NUM"]
    mant, exp = nums[0].text, int(nums[2].text) * (-1 if "-" in m.group(2) else 1)
    if "." in nums[2].text or abs(exp) > 300:
        return None
    decimals = (len(mant.split(".")[1]) if "." in mant else 0) - exp
    value = _rational(mant) * sp.Rational(10) ** exp * (-1 if m.group(1) else 1)
    return value, sp.Rational(1, 2) * sp.Rational(10) ** (-decimals)


_SCI_CODE = {"NUM": "N", "TIMES": "x", "X": "x", "MUL": "*", "POW": "^", "LP": "(", "RP": ")",
             "MINUS": "-"}


def _literal(toks: Sequence[Tok]) -> tuple[Any, Any] | None:
    """A side that is just a written number: (value, half a unit of its last written digit)."""
    kinds = [t.kind for t in toks]
    sci = _scientific(toks)
    if sci is not None:
        return sci
    sign = 1
    if kinds and kinds[0] in ("PLUS", "MINUS"):
        sign = -1 if kinds[0] == "MINUS" else 1
        toks, kinds = toks[1:], kinds[1:]
    if not kinds or kinds[0] != "NUM" or kinds[1:] not in ([], ["PCT"]):
        return None
    text = toks[0].text.replace("{,}", "").replace(",", "")
    mant, _, exp = text.lower().partition("e")
    decimals = len(mant.split(".")[1]) if "." in mant else 0
    decimals -= int(exp) if exp else 0
    try:
        value = sign * _rational(text)
    except ParseFail:
        return None
    tol = sp.Rational(1, 2) * sp.Rational(10) ** (-decimals)
    if len(kinds) == 2:
        value, tol = value / 100, tol / 100
    return value, tol


# ---------------------------------------------------------------------------------------------
# chains


@dataclass
class Chain:
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


def chains(text: str) -> list[Chain]:
    """Every equality chain of the text (already masked: no code)."""
    out: list[Chain] = []
    toks = tokenize(text)
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
        out.extend(_chains_of(parts, rels, text))
    return out


def _chains_of(parts: list[list[Tok]], rels: list[str], text: str) -> Iterator[Chain]:
    n = len(parts)
    sides: list[Side | None] = []
    for i, toks in enumerate(parts):
        side = None
        if toks:
            if i == 0:
                side = _best(toks, text, from_end=True)
                if side is not None and _glued_before(text, side.start):
                    side = None
            elif i == n - 1:
                side = _best(toks, text, from_end=False)
                if side is not None and _glued_after(text, side.end):
                    side = None
            else:
                side = _try(toks, text)
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


def _try(toks: Sequence[Tok], text: str) -> Side | None:
    if not toks or len(toks) > MAX_SIDE_TOKENS:
        return None
    try:
        return parse_side(toks, text)
    except (ParseFail, TypeError, ValueError, ZeroDivisionError, RecursionError):
        return None


def _best(toks: list[Tok], text: str, from_end: bool) -> Side | None:
    """The longest suffix (left side) / prefix (right side) that parses; what is cut off may
    only be unmatched parentheses, else the side is not a claim."""
    n = len(toks)
    for k in range(min(n, MAX_SIDE_TOKENS), 0, -1):
        part = toks[n - k:] if from_end else toks[:k]
        rest = toks[:n - k] if from_end else toks[k:]
        if rest and not all(t.kind in ("LP", "RP") for t in rest):
            continue
        side = _try(part, text)
        if side is not None:
            return side
    return None


# ---------------------------------------------------------------------------------------------
# comparing


def _num(v: Any) -> Any:
    return sp.N(v, 40)


def agrees(computed: Side, claimed: Side) -> bool:
    """Does the step `computed = claimed` hold (at the precision written)? A `log` without a
    base holds if it holds for base e, 2 or 10 (texts differ on which `log` means)."""
    if _agrees(computed, claimed):
        return True
    for base in (2, 10):
        if any(_has_log(s) for s in (computed, claimed)) and _agrees(
                _rebased(computed, base), _rebased(claimed, base)):
            return True
    return False


def _has_log(s: Side) -> bool:
    return any(t.kind == "FUNC" and t.text.lstrip("\\").lower() == "log" for t in s.toks)


def _rebased(s: Side, base: int) -> Side:
    if not _has_log(s):
        return s
    expr = s.expr.replace(sp.log, lambda *args: sp.log(args[0], base))
    return Side(expr, s.toks, s.text, s.start, s.end, s.literal, s.dims, s.rel)


def _agrees(computed: Side, claimed: Side) -> bool:
    a, b = computed.expr, claimed.expr
    try:
        diff = abs(_num(a - b))
    except (TypeError, ValueError):
        return True
    if diff == 0 or diff < sp.Float("1e-30"):
        return True
    for s, other in ((claimed, computed), (computed, claimed)):
        if s.dims is not None and other.numeric and all(abs(_num(d - other.expr)) < 1e-30
                                                        for d in s.dims):
            return True  # `10 x 10` for an output size of 10
    if computed.dims is not None and claimed.dims is not None and computed.dims == claimed.dims:
        return True
    tols = [s.literal[1] for s in (claimed, computed) if s.literal is not None]
    if tols:
        if diff <= max(tols) * (1 + sp.Rational(1, 10**9)):
            return True
        # a whole number written for a fraction: rounded, or floored / ceiled (batch counts)
        lit = claimed if claimed.literal is not None else computed
        other = computed if lit is claimed else claimed
        return bool(lit.literal[1] == sp.Rational(1, 2) and lit.expr.is_Integer
                    and other.expr.is_Rational and diff < 1)
    return _approx(computed, claimed, a, b, diff)


def _approx(computed: Side, claimed: Side, a: Any, b: Any, diff: Any) -> bool:
    if "≈" in (claimed.rel, computed.rel):
        k = _power_of_ten(claimed)
        if k is not None and a.is_positive:  # `≈ 10^{-6}`: an order of magnitude
            return bool(abs(sp.N(sp.log(a, 10)) - k) <= sp.Rational(1, 2))
        scale = max(abs(_num(a)), abs(_num(b)))
        return bool(diff <= scale / 100)
    return False


def _power_of_ten(s: Side) -> int | None:
    kinds = [t.kind for t in s.toks]
    if kinds[:2] == ["NUM", "POW"] and s.toks[0].text == "10" and s.expr.is_Rational:
        k = sp.log(s.expr, 10)
        return int(k) if k.is_Integer else None
    return None


def fmt(v: Any, like: Side | None = None) -> str:
    """A value as an author would write it: exact integers as integers, else rounded to the
    precision of `like` (a written number), else 6 significant digits."""
    v = sp.nsimplify(v) if isinstance(v, sp.Float) else v
    if getattr(v, "is_Integer", False):
        return str(int(v))
    if like is not None and like.toks and _scientific(like.toks) is not None:
        nums = [t for t in like.toks if t.kind == "NUM"]
        exp = int(nums[2].text) * (-1 if any(t.kind == "MINUS" for t in like.toks[3:]) else 1)
        d = len(nums[0].text.split(".")[1]) if "." in nums[0].text else 0
        mant = f"{abs(float(v)) / 10 ** exp:.{d}f}"
        first = nums[0]
        off = first.start - like.start
        return like.text[:off] + mant + like.text[off + len(first.text):]
    if like is not None and like.literal is not None:
        tol = like.literal[1]
        d = max(0, -math.floor(math.log10(float(tol * 2)) + 1e-9))
        pct = like.toks and like.toks[-1].kind == "PCT"
        if pct:
            return f"{float(v) * 100:.{max(0, d - 2)}f}%"
        return f"{float(v):.{d}f}"
    return _dec(v, 6)


def _dec(v: Any, sig: int) -> str:
    f = float(sp.N(v, 30))
    if f == int(f) and abs(f) < 1e15:
        return str(int(f))
    return f"{f:.{sig}g}"


# ---------------------------------------------------------------------------------------------
# masks


_PROSE_LANGS = {"", "text", "plain", "plaintext", "txt", "none"}


def mask_code(text: str, keep_text_fences: bool = False) -> str:
    """Blank out fences (except text fences with `keep_text_fences`) and `code spans`,
    keeping offsets. Unlike `qbank.core.fences.mask_fences`, code spans become a break character
    (so that `x` in "`x` = 3" cannot join the arithmetic around it) and may span lines."""
    chars = list(text)
    for f in fences_in(text, ()):
        if keep_text_fences and f.lang in _PROSE_LANGS:
            continue
        end = f.body_start + len(f.body)
        nl = text.find("\n", end)
        stop = len(text) if (nl < 0 or not f.closed) else nl
        for i in range(f.start, stop):
            if chars[i] != "\n":
                chars[i] = " "
    if not keep_text_fences:
        for m in re.finditer(r"(`+)(?:(?!\n[ \t]*\n)[^`])+?\1", "".join(chars)):
            for i in range(m.start(), m.end()):
                if chars[i] != "\n":
                    chars[i] = "\x00"
    return "".join(chars)


# ---------------------------------------------------------------------------------------------
# the checks


def _issue(code: str, offset: int, message: str, hint: str, step: str, expected: str) -> Issue:
    return Issue(code, offset, message, hint, step, expected)


def chain_issues(text: str, found: list[Chain]) -> Iterator[Issue]:
    """MATH001: a step of a chain that does not hold."""
    for ch in found:
        for a, b in zip(ch.sides, ch.sides[1:], strict=False):
            if a.numeric and b.numeric:
                if not agrees(a, b):
                    step = f"{a.text} {b.rel} {b.text}"
                    # the written number is the claim; the computation says what it should be
                    calc, claim = (b, a) if a.literal and not b.literal else (a, b)
                    want = fmt(calc.expr, claim)
                    yield _issue("MATH001", claim.start,
                                 f"`{step}` does not hold: {calc.text} is {want}, not "
                                 f"{claim.text}", f"write {want} (or fix the step before it)",
                                 step, want)
            elif a.undef is not None and b.undef is not None and \
                    str(a.undef.func).lower() == str(b.undef.func).lower():
                (x,), (y,) = a.undef.args, b.undef.args
                if x.is_number and y.is_number:
                    ax, by = _side_like(a, x), _side_like(b, y)
                    if not agrees(ax, by):
                        step = f"{a.text} {b.rel} {b.text}"
                        want = fmt(x, by)
                        yield _issue("MATH001", b.start,
                                     f"`{step}` does not hold: the argument is {want}, not "
                                     f"{_arg_text(b)}", f"write {b.text.split('(')[0]}({want})",
                                     step, want)


def _arg_text(s: Side) -> str:
    t = s.text
    return t[t.find("(") + 1:t.rfind(")")].strip()


def _side_like(s: Side, value: Any) -> Side:
    inner = [t for t in s.toks[2:-1]] if len(s.toks) > 3 else []
    out = Side(value, inner, s.text, s.start, s.end, rel=s.rel)
    out.literal = _literal(inner) if inner else None
    return out


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
            claim = parse_side(tokenize(w), w)
        except (ParseFail, IndexError):
            return
        if not agrees(Side(true, [], "", 0, 0), claim):
            given = ", ".join(f"{k} = {fmt(v)}" for k, v in values.items())
            want = fmt(true, claim)
            yield _issue("MATH002", off,
                         f"{name} = {_expr_text(dch)} with {given} is {want}, but the text "
                         f"says {raw}", f"write {want}, or fix the values substituted", raw,
                         want)
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
                yield _issue("MATH002", claim.start,
                             f"with {given} (given earlier), {side.text} is {want}, not "
                             f"{claim.text}", f"write {want}, or fix the values substituted",
                             f"{side.text} = {claim.text}", want)


def _expr_text(ch: Chain) -> str:
    return ch.sides[1].text


@cache
def _result_res() -> tuple[re.Pattern[str], ...]:
    return tuple(_num_pattern(p) for p in patterns()["result_phrases"])


def _values_before(events: list[tuple[int, str, Any]], pos: int, syms: dict[str, Any],
                   exclude: str) -> dict[str, Any] | None:
    got: dict[str, Any] = {}
    for off, n, v in events:
        if off < pos and n in syms and n != exclude:
            got[n] = v
    if set(got) != set(syms):
        return None
    return got


# named computations ------------------------------------------------------------------------


_LIST = re.compile(r"\[([^\[\]\n]{1,300})\]")


def _numbers(s: str) -> list[tuple[Any, Any, int]] | None:
    """[(value, tolerance, offset)] of a list body `1, 2, 3` / `1 2 3`, or None."""
    out = []
    for m in re.finditer(r"[^,\s]+", s):
        w = m.group(0)
        if not re.fullmatch(r"[-−+]?\d*\.?\d+(?:[eE][-+]?\d+)?", w):
            return None
        lit = _literal(tokenize(w.replace("−", "-")))
        if lit is None:
            return None
        out.append((lit[0], lit[1], m.start()))
    return out or None


def softmax_issues(text: str) -> Iterator[Issue]:
    cfg = patterns()["softmax"]
    kw = re.compile(cfg["keyword"], re.I)
    gap = int(cfg["max_gap"])
    lists = [(m, _numbers(m.group(1))) for m in _LIST.finditer(text)]
    # what may stand between the parts: "[..], the softmax of that is [..]",
    # "[..] (which sums to 1.6) the softmax would be [..]", "softmax([..]) = [..]"
    lead = re.compile(r"^[^\[\]]*$")
    link = re.compile(r"^\s*(?:of\s+(?:that|this|it|these|them|the\s+\w+)\s*)?\)?\s*(?:"
                      + cfg["verb"] + r")\s*(?:approximately|about|roughly|around)?\s*:?\s*$",
                      re.I)
    for k in kw.finditer(text):
        before = [(m, v) for m, v in lists if m.end() <= k.start() and k.start() - m.end() <= gap]
        after = [(m, v) for m, v in lists if m.start() >= k.end() and m.start() - k.end() <= gap]
        if not after:
            continue
        inp = out = None
        head = text[k.end():after[0][0].start()]
        if len(after) >= 2 and re.fullmatch(r"\s*(?:of\s+|\(\s*)?", head):
            inp, out = after[0], after[1]
            between = text[inp[0].end():out[0].start()]
        elif before:
            inp, out = before[-1], after[0]
            gap_text = text[inp[0].end():k.start()]
            if not lead.match(gap_text) or re.search(r"[.;:?!](?:\s|$)", gap_text):
                continue
            between = text[k.end():out[0].start()]
        if inp is None or out is None or inp[1] is None or out[1] is None:
            continue
        if not link.match(between):
            continue
        xs = [float(v) for v, _, _ in inp[1]]
        ys = out[1]
        if len(xs) != len(ys):
            continue
        mx = max(xs)
        exps = [math.exp(x - mx) for x in xs]
        tot = sum(exps)
        true = [e / tot for e in exps]
        for (w, tol, off), t in zip(ys, true, strict=True):
            if abs(t - float(w)) > float(tol) * (1 + 1e-9) + 1e-15:
                written = inp[0].group(0)
                got = "[" + ", ".join(_round_like(tv, tl) for tv, (_, tl, _) in
                                      zip(true, ys, strict=True)) + "]"
                at = out[0].start(1) + off
                yield _issue("MATH002", at,
                             f"the softmax of {written} is {got}, not {out[0].group(0)}",
                             f"write {got}", f"softmax of {written} is {out[0].group(0)}", got)
                break


def _round_like(v: Any, tol: Any) -> str:
    d = max(0, -math.floor(math.log10(float(tol * 2)) + 1e-9))
    return f"{float(v):.{d}f}"


def sums_to_issues(text: str) -> Iterator[Issue]:
    rx = _num_pattern(patterns()["sums_to"])
    for m in rx.finditer(text):
        xs = _numbers(m.group("list")[1:-1])
        if xs is None:
            continue
        lit = _literal(tokenize(m.group("value")))
        if lit is None:
            continue
        total = sum((v for v, _, _ in xs), sp.Integer(0))
        if abs(total - lit[0]) > lit[1]:
            want = _round_like(total, lit[1]) if lit[1] < sp.Rational(1, 2) else fmt(total)
            yield _issue("MATH001", m.start("value"),
                         f"{m.group('list')} sums to {want}, not {m.group('value')}",
                         f"write {want}", m.group(0), want)


_ROW = re.compile(r"^[ \t]*\|?[ \t]*\[?[ \t]*(-?\d+(?:\.\d+)?(?:[ \t]*[|,]?[ \t]*-?\d+(?:\.\d+)?)+)"
                  r"[ \t]*[|,\]]*[ \t]*,?[ \t]*$")


def _matrices(text: str, start: int, end: int) -> list[tuple[list[list[Any]], list[int]]]:
    """Matrices written as consecutive rows of numbers (blank lines between rows allowed)."""
    out: list[tuple[list[list[Any]], list[int]]] = []
    rows: list[list[Any]] = []
    offs: list[int] = []
    pos = start
    for line in text[start:end].splitlines(keepends=True):
        m = _ROW.match(line.rstrip("\n"))
        nums: list[Any] = []
        if m:
            try:
                nums = [_rational(x) for x in re.findall(r"-?\d+(?:\.\d+)?", m.group(1))]
            except ParseFail:
                m = None
        if m:
            if rows and len(nums) != len(rows[0]):
                out.append((rows, offs))
                rows, offs = [], []
            rows.append(nums)
            offs.append(pos)
        elif line.strip() and not re.fullmatch(r"\s*(```|~~~)\w*\s*", line):
            if rows:
                out.append((rows, offs))
            rows, offs = [], []
        pos += len(line)
    if rows:
        out.append((rows, offs))
    return [(r, o) for r, o in out if len(r) >= 2 or len(r[0]) >= 2]


def max_pooling_issues(text: str) -> Iterator[Issue]:
    cfg = patterns()["max_pooling"]
    rx = re.compile(cfg["phrase"], re.I)
    for m in rx.finditer(text):
        k1, k2, s = int(m.group("k1")), int(m.group("k2")), int(m.group("s"))
        if s <= 0:
            continue
        mats = _matrices(text, m.end(), min(len(text), m.end() + int(cfg["window"])))
        if len(mats) < 2:
            continue
        (inp, _), (out, offs) = mats[0], mats[1]
        h, w = len(inp), len(inp[0])
        if any(len(r) != w for r in inp) or h < k1 or w < k2:
            continue
        oh, ow = (h - k1) // s + 1, (w - k2) // s + 1
        true = [[max(inp[i * s + a][j * s + b] for a in range(k1) for b in range(k2))
                 for j in range(ow)] for i in range(oh)]
        got = " / ".join(" ".join(fmt(v) for v in r) for r in true)
        if len(out) != oh or any(len(r) != ow for r in out):
            yield _issue("MATH002", offs[0],
                         f"max pooling {k1}x{k2} with stride {s} of the {h}x{w} input gives a "
                         f"{oh}x{ow} output ({got}), not {len(out)}x{len(out[0])}",
                         f"write the {oh}x{ow} result: {got}", "", got)
            continue
        for i, (row, want) in enumerate(zip(out, true, strict=True)):
            if row != want:
                yield _issue("MATH002", offs[i],
                             f"max pooling {k1}x{k2} with stride {s}: row {i + 1} of the output "
                             f"is {' '.join(fmt(v) for v in want)}, not "
                             f"{' '.join(fmt(v) for v in row)}",
                             f"the whole result is {got}", " ".join(fmt(v) for v in row),
                             " ".join(fmt(v) for v in want))
                break


_GATE = re.compile(r"\b(AND|OR|NAND|NOR|XOR)\b[- ]gate", re.I)
_GATE_ARG = re.compile(rf"^\s*(?P<b>{NUM_RE})\s*\*\s*1\s*\+\s*(?P<w1>{NUM_RE})\s*\*\s*(?P<x1>[01])"
                       rf"\s*\+\s*(?P<w2>{NUM_RE})\s*\*\s*(?P<x2>[01])\s*$")
_GATES: dict[str, Callable[[int, int], int]] = {
    "AND": lambda a, b: a & b, "OR": lambda a, b: a | b, "NAND": lambda a, b: 1 - (a & b),
          "NOR": lambda a, b: 1 - (a | b), "XOR": lambda a, b: a ^ b}


_BIAS = re.compile(rf"\bbias\b\s*(?:b\s*)?=\s*(?P<b>{NUM_RE})\s*,?\s*(?:and\s*)?"
                   rf"w_?\{{?1\}}?\s*=\s*(?P<w1>{NUM_RE})\s*,?\s*(?:and\s*)?"
                   rf"w_?\{{?2\}}?\s*=\s*(?P<w2>{NUM_RE})", re.I)


def _step(z: Any) -> int | None:
    return None if z == 0 else (1 if z > 0 else 0)


def gate_issues(text: str) -> Iterator[Issue]:
    """`Bias = -1.5, w1 = 1, w2 = 1` for an AND gate: the neuron's truth table must be AND."""
    gate = _GATE.search(text)
    if gate is None:
        return
    g = gate.group(1).upper()
    for m in _BIAS.finditer(text):
        try:
            b, w1, w2 = (_rational(m.group(k)) for k in ("b", "w1", "w2"))
        except ParseFail:
            continue
        table = [_step(b + w1 * x1 + w2 * x2) for x1 in (0, 1) for x2 in (0, 1)]
        if None in table:
            continue
        want = [_GATES[g](x1, x2) for x1 in (0, 1) for x2 in (0, 1)]
        if table != want:
            is_ = [n for n, f in _GATES.items()
                   if [f(x1, x2) for x1 in (0, 1) for x2 in (0, 1)] == table]
            what = f"computes {is_[0]}" if is_ else f"outputs {table} for (0,0) (0,1) (1,0) (1,1)"
            yield _issue("MATH002", m.start("b"),
                         f"with bias {m.group('b')} and weights {m.group('w1')}, {m.group('w2')} "
                         f"a step neuron {what}, not {g}",
                         f"choose a bias and weights whose truth table is {g}: "
                         f"{want} for (0,0) (0,1) (1,0) (1,1)", m.group(0), str(want))


def step_issues(text: str, found: list[Chain]) -> Iterator[Issue]:
    """Perceptron truth tables: `F(arg) = ... = y`, y in {0, 1}: a step function of arg."""
    if not re.search(patterns()["step_keywords"], text, re.I):
        return
    gate = _GATE.search(text)
    for ch in found:
        first, last = ch.sides[0], ch.sides[-1]
        if first.undef is None or not last.numeric or last.expr not in (0, 1):
            continue
        (arg,) = first.undef.args
        if not arg.is_number or arg == 0:
            continue
        want = 1 if arg > 0 else 0
        if last.expr != want:
            yield _issue("MATH002", last.start,
                         f"`{first.text} = ... = {last.text}`: a step function of "
                         f"{fmt(arg)} is {want}, not {last.text}",
                         f"write {want} (the step is 1 for a positive sum, 0 for a negative one)",
                         f"{first.text} = {last.text}", str(want))
            continue
        if gate is not None:
            m = _GATE_ARG.match(_arg_text(first))
            if m:
                x1, x2 = int(m.group("x1")), int(m.group("x2"))
                g = gate.group(1).upper()
                truth = _GATES[g](x1, x2)
                if truth != last.expr:
                    yield _issue("MATH002", last.start,
                                 f"`{first.text} = ... = {last.text}` for inputs ({x1}, {x2}): "
                                 f"{g}({x1}, {x2}) is {truth}, so these weights do not "
                                 f"implement {g}", "choose a bias and weights for which "
                                 "every row of the truth table holds", first.text, str(truth))


# ---------------------------------------------------------------------------------------------
# entry points


# every claim this module checks needs one of these: a text without any is skipped quickly
_TRIGGER = re.compile(r"[=≈≃]|\\approx|softmax|sums? to|adds up to|max[- ]?pool|\bbias\b",
                      re.I)


def _text_issues(raw: str) -> list[Issue]:
    if not _TRIGGER.search(raw):
        return []
    prose = _mask_non_claims(mask_code(raw))
    found = chains(prose)
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


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def check_text(text: str) -> list[Issue]:
    """Every miscalculation in a plain text (a seed file, a Markdown answer), with its line.

    >>> [str(i) for i in check_text("so 3 (8 + 15 + 24) = 3 * 47 = 142.")]
    ['1:31: MATH001 `3 * 47 = 142` does not hold: 3 * 47 is 141, not 142']
    """
    out = []
    for i in _text_issues(text):
        line, col = _line_col(text, i.offset)
        out.append(Issue(i.code, i.offset, i.message, i.hint, i.step, i.expected, line, col))
    return out


def check_file(path: str | Path) -> list[Issue]:
    """`check_text` of a file (a seed, say): every miscalculation with its line."""
    return check_text(Path(path).read_text(encoding="utf-8"))


SEP = "\n\n\x00\n\n"


def check_segments(segments: Sequence[str]) -> list[Issue]:
    """Issues of several texts read as one (question, then answer, ...): `segment` and
    `offset` say where each issue is in its own text."""
    joined = SEP.join(segments)
    starts = []
    pos = 0
    for s in segments:
        starts.append(pos)
        pos += len(s) + len(SEP)
    out = []
    for i in _text_issues(joined):
        seg = max(k for k, st in enumerate(starts) if st <= i.offset)
        local = i.offset - starts[seg]
        line, col = _line_col(segments[seg], local)
        out.append(Issue(i.code, local, i.message, i.hint, i.step, i.expected, line, col, seg))
    return out


def record_issues(rec: Any) -> list[Located]:
    """Issues of a record (question + answer read together; each choice's `why` alone)."""
    texts = record_texts(rec)
    main = [(p, t) for p, t in texts if p[0] in ("question", "answer")]
    out = [Located(i, main[i.segment][0]) for i in check_segments([t for _, t in main])] \
        if main else []
    for p, t in texts:
        if p[0] == "choices":
            out.extend(Located(i, p) for i in check_text(t))
    return out


def final_number(answer: str) -> tuple[Side, int] | None:
    """The number an answer arrives at: its last **bold** number, else the last side of its
    last equality chain. (side, offset in the answer)"""
    prose = _mask_non_claims(mask_code(answer))
    bold = list(re.finditer(rf"\*\*\s*(?P<v>{NUM_RE}%?)\s*\*\*", answer))
    for m in reversed(bold):
        if prose[m.start("v"):m.end("v")] != m.group("v"):
            continue
        try:
            side = parse_side(tokenize(m.group("v")), m.group("v"))
        except ParseFail:
            continue
        return side, m.start("v")
    found = [c for c in chains(prose) if c.sides[-1].numeric]
    if found:
        last = found[-1].sides[-1]
        return last, last.start
    return None


def literal_side(value: Any) -> Side:
    return Side(sp.nsimplify(value, rational=True), [], str(value), 0, 0)
