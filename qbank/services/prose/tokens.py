"""Tokens of arithmetic written in prose: plain text (`3 (8 + 15) = 69`, `2*4`, `12 x 12`, `×`,
`·`, `^`, `%`) and LaTeX (`\\cdot`, `\\times`, `\\frac`, `\\lfloor`, `\\approx`). Words, `\\text{}`
and paragraph breaks become `BRK` tokens, which no claim crosses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qbank.services.prose.grammar import Grammar

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


def tokenize(text: str, grammar: Grammar) -> list[Tok]:
    """Tokens of arithmetic (whitespace dropped; `glued` remembers adjacency)."""
    out: list[Tok] = []
    prev_end = -1
    funcs = grammar.functions
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
