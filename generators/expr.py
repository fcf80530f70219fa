"""Template expressions: sympy, parsed safely (a token whitelist before sympy sees the text,
never a bare `eval`), then compiled once with `lambdify` so a thousand seeds cost little."""

from __future__ import annotations

import io
import math
import operator
import tokenize
from collections.abc import Callable, Iterable
from typing import Any

FUNCTIONS = ("floor", "ceiling", "exp", "log", "sqrt", "Max", "Min", "Abs", "Mod", "Eq", "Ne",
             "And", "Or", "Not", "tanh", "sin", "cos", "Rational",
             "Piecewise", "sign")
CONSTANTS = ("pi", "E", "True", "False")
LIGHT = ("Max", "Min", "Abs", "sign")
OPS = {"+", "-", "*", "/", "**", "//", "%", "(", ")", ",", "<", ">", "<=", ">=", "==", "!=",
       "&", "|", "~"}


PYTHON_WORDS = {"and": "write `&` (or `And(a, b)`)", "or": "write `|` (or `Or(a, b)`)",
                "not": "write `~` (or `Not(a)`)", "min": "write `Min(...)`",
                "max": "write `Max(...)`", "abs": "write `Abs(...)`",
                "round": "round with `decimals` (of the key or a derived value)"}


class ExprError(ValueError):
    """An expression that is not allowed or does not parse: the message says which part."""


def names_in(text: str) -> set[str]:
    try:
        return {t.string for t in tokenize.generate_tokens(io.StringIO(text).readline)
                if t.type == tokenize.NAME}
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return set()


def _check_tokens(text: str, allowed: set[str]) -> None:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        raise ExprError(f"`{text}` does not parse: are its parentheses balanced?") from None
    for t in tokens:
        if t.type in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.NUMBER):
            continue
        if t.type == tokenize.NAME:
            if t.string in PYTHON_WORDS:
                raise ExprError(f"`{t.string}` in `{text}`: {PYTHON_WORDS[t.string]}")
            if t.string not in allowed and t.string not in FUNCTIONS + CONSTANTS:
                raise ExprError(f"`{t.string}` in `{text}` is not a parameter, a derived value or "
                                f"an allowed function ({', '.join(FUNCTIONS[:8])}, ...)")
        elif t.type == tokenize.OP:
            if t.string == "=":
                raise ExprError(f"`=` in `{text}`: write `==` for an equation")
            if t.string not in OPS:
                raise ExprError(f"`{t.string}` is not allowed in an expression (`{text}`)")
        else:
            raise ExprError(f"`{t.string}` is not allowed in an expression (`{text}`)")


def _sympy_env(names: Iterable[str]) -> dict[str, Any]:
    import sympy

    env: dict[str, Any] = {f: getattr(sympy, f) for f in FUNCTIONS}
    # sympy's own Max/Min/Abs/sign simplify as they are built (seconds for a few arguments):
    # plain function symbols, computed by Python's max/min/abs at run time, cost nothing
    env.update({f: sympy.Function(f) for f in LIGHT})
    env.update(pi=sympy.pi, E=sympy.E)
    env.update({n: sympy.Symbol(n, real=True) for n in names})
    return env


def parse(text: str, names: Iterable[str]) -> Any:
    """The sympy expression of `text`, whose free names must be among `names`."""
    import sympy
    from sympy.parsing.sympy_parser import parse_expr, standard_transformations

    allowed = set(names)
    _check_tokens(text, allowed)
    glob = {"Integer": sympy.Integer, "Float": sympy.Float, "Rational": sympy.Rational,
            "Symbol": sympy.Symbol, "Add": sympy.Add, "Mul": sympy.Mul, "Pow": sympy.Pow,
            "Eq": sympy.Eq, "Ne": sympy.Ne, "Lt": sympy.Lt, "Le": sympy.Le, "Gt": sympy.Gt,
            "Ge": sympy.Ge, "__builtins__": {}}
    try:
        return parse_expr(text, local_dict=_sympy_env(allowed), global_dict=glob,
                          transformations=standard_transformations, evaluate=False)
    except Exception as exc:  # sympy raises many kinds on bad input
        raise ExprError(f"`{text}` does not parse: {type(exc).__name__}: {exc}") from None


_RUNTIME = {"floor": math.floor, "ceiling": math.ceil, "Mod": operator.mod, "Max": max,
            "Min": min, "Abs": abs, "sign": lambda x: (x > 0) - (x < 0)}


def is_condition(expr: Any) -> bool:
    """A relation or a logical combination of relations (what a `where` entry must be)."""
    import sympy
    from sympy.logic.boolalg import Boolean

    return isinstance(expr, (sympy.core.relational.Relational, Boolean)) or expr in (True, False)


def compile_expr(expr: Any, names: list[str]) -> Callable[..., Any]:
    """A fast function of `names` (keyword arguments) computing `expr`."""
    import sympy

    names = [n for n in names if sympy.Symbol(n, real=True) in getattr(expr, "free_symbols", ())]
    fn = sympy.lambdify(names, expr, modules=[_RUNTIME, "math"])

    def call(**values: Any) -> Any:
        return fn(*(values[n] for n in names))

    return call
