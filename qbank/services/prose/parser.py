"""Tokens -> exact values (sympy rationals): one side of an equality chain, and the written
numbers in it, whose precision (`qbank.core.numbers`) says how close the true value must be."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from qbank.core import numbers
from qbank.services.prose.grammar import Grammar
from qbank.services.prose.tokens import Tok, tokenize


class ParseFail(Exception):
    """These tokens are not (completely) arithmetic: not a claim."""


@dataclass
class Side:
    """One side of an equality chain: its exact value and how it is written."""

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


def argument_text(s: Side) -> str:
    """What is written between the parentheses of `F(...)`."""
    t = s.text
    return t[t.find("(") + 1:t.rfind(")")].strip()


def _ident_name(t: str) -> str:
    return t.replace("{", "").replace("}", "")


_MAX_EXP = 400
_OPERAND = {"NUM", "LP", "FUNC", "SQRT", "FRAC", "LFLOOR", "LCEIL", "IDENT", "MINUS"}


class Parser:
    """Recursive descent over the tokens of one side: `+ -`, `* / x ×` and implicit products,
    unary signs, `^`, `%`, groups, `\\frac`, `\\sqrt`, floor/ceiling and functions."""

    def __init__(self, toks: Sequence[Tok], grammar: Grammar):
        self.grammar = grammar
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
            return rational(tok.text)
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
                alias = self.grammar.alias(name)
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


def parse_side(toks: Sequence[Tok], text: str, grammar: Grammar) -> Side:
    """The side these tokens of `text` write: its exact value, and what is written."""
    p = Parser(toks, grammar)
    expr = p.parse()
    start, end = toks[0].start, toks[-1].end
    side = Side(expr, list(toks), text[start:end], start, end)
    side.literal = literal_of(toks)
    if p.x_ops and not p.other_ops and all(t.kind in ("NUM", "TIMES", "X") for t in toks):
        side.dims = tuple(rational(t.text) for t in toks if t.kind == "NUM")
    return side


def parse_expression(s: str, grammar: Grammar) -> Any:
    """The exact value (sympy) of an arithmetic string, e.g. `3 (8 + 15 + 24)` -> 141."""
    toks = tokenize(s, grammar)
    if not toks:
        raise ParseFail("empty")
    return Parser(toks, grammar).parse()


def rational(text: str) -> Any:
    """The exact value (sympy) of a written number; absurd sizes (1e5869) are not claims."""
    try:
        value = numbers.exact(text)
    except numbers.NumberTooLarge:
        raise ParseFail("number too large") from None
    except ValueError:  # not a number at all: what sympy's Rational raises for it
        raise TypeError(f"invalid input: {text}") from None
    return _exact(value)


def _exact(f: Fraction) -> Any:
    return sp.Rational(f.numerator, f.denominator)


def scientific(toks: Sequence[Tok]) -> tuple[Any, Any] | None:
    """`9.5 \\times 10^{-7}`: a written number in scientific notation, with its precision."""
    kinds = "".join(_SCI_CODE.get(t.kind, "?") for t in toks)
    m = re.fullmatch(r"(-?)N[*x]N\^(\(-?N\)|-?N)", kinds)
    if m is None or toks[len(m.group(1)) + 2].text != "10":
        return None
    nums = [t for t in toks if t.kind == "NUM"]
    mant, exp = nums[0].text, int(nums[2].text) * (-1 if "-" in m.group(2) else 1)
    if "." in nums[2].text or abs(exp) > numbers.MAX_EXPONENT:
        return None
    decimals = (len(mant.split(".")[1]) if "." in mant else 0) - exp
    value = rational(mant) * sp.Rational(10) ** exp * (-1 if m.group(1) else 1)
    return value, _exact(numbers.half_unit_at(-decimals))


_SCI_CODE = {"NUM": "N", "TIMES": "x", "X": "x", "MUL": "*", "POW": "^", "LP": "(", "RP": ")",
             "MINUS": "-"}


def literal_of(toks: Sequence[Tok]) -> tuple[Any, Any] | None:
    """A side that is just a written number: (value, half a unit of its last written digit)."""
    kinds = [t.kind for t in toks]
    sci = scientific(toks)
    if sci is not None:
        return sci
    sign = 1
    if kinds and kinds[0] in ("PLUS", "MINUS"):
        sign = -1 if kinds[0] == "MINUS" else 1
        toks, kinds = toks[1:], kinds[1:]
    if not kinds or kinds[0] != "NUM" or kinds[1:] not in ([], ["PCT"]):
        return None
    text = toks[0].text
    try:
        value = sign * rational(text)
    except ParseFail:
        return None
    tol = _exact(numbers.half_unit(text))
    if len(kinds) == 2:
        value, tol = value / 100, tol / 100
    return value, tol
