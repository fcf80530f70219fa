"""Named computations stated in prose: "the softmax of [..] is [..]" (MATH002), a list "which
sums to N" (MATH001), and a max pooling "of size 3 X 3 with a stride of 2" followed by its input
and output matrices (MATH002). The issues carry facts (`kind`, what is written, its true value
as `expected`); the rule modules word them."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

import sympy as sp

from qbank.core import numbers
from qbank.core.issues import Issue
from qbank.services.prose.compare import fmt
from qbank.services.prose.parser import ParseFail, literal_of, rational
from qbank.services.prose.tokens import tokenize
from validators.math.patterns import grammar, num_pattern, patterns

_LIST = re.compile(r"\[([^\[\]\n]{1,300})\]")


def _numbers(s: str) -> list[tuple[Any, Any, int]] | None:
    """[(value, tolerance, offset)] of a list body `1, 2, 3` / `1 2 3`, or None."""
    out = []
    for m in re.finditer(r"[^,\s]+", s):
        w = m.group(0)
        if not re.fullmatch(r"[-−+]?\d*\.?\d+(?:[eE][-+]?\d+)?", w):
            return None
        lit = literal_of(tokenize(w.replace("−", "-"), grammar()))
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
            if not numbers.within(abs(t - float(w)), float(tol), rel_slack=1e-9,
                                  abs_slack=1e-15):
                written = inp[0].group(0)
                got = "[" + ", ".join(numbers.round_like(tv, tl) for tv, (_, tl, _) in
                                      zip(true, ys, strict=True)) + "]"
                at = out[0].start(1) + off
                yield Issue("MATH002", offset=at, facts={
                    "kind": "softmax", "step": f"softmax of {written} is {out[0].group(0)}",
                    "expected": got, "input": written, "written": out[0].group(0)})
                break


def sums_to_issues(text: str) -> Iterator[Issue]:
    rx = num_pattern(patterns()["sums_to"])
    for m in rx.finditer(text):
        xs = _numbers(m.group("list")[1:-1])
        if xs is None:
            continue
        lit = literal_of(tokenize(m.group("value"), grammar()))
        if lit is None:
            continue
        total = sum((v for v, _, _ in xs), sp.Integer(0))
        if not numbers.within(abs(total - lit[0]), lit[1]):
            want = numbers.round_like(total, lit[1]) if lit[1] < sp.Rational(1, 2) else fmt(total)
            yield Issue("MATH001", offset=m.start("value"), facts={
                "kind": "sum", "step": m.group(0), "expected": want, "list": m.group("list"),
                "written": m.group("value")})


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
                nums = [rational(x) for x in re.findall(r"-?\d+(?:\.\d+)?", m.group(1))]
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
            yield Issue("MATH002", offset=offs[0], facts={
                "kind": "pooling-shape", "step": "", "expected": got, "pool": f"{k1}x{k2}",
                "stride": s, "input": f"{h}x{w}", "shape": f"{oh}x{ow}",
                "written": f"{len(out)}x{len(out[0])}"})
            continue
        for i, (row, want) in enumerate(zip(out, true, strict=True)):
            if row != want:
                yield Issue("MATH002", offset=offs[i], facts={
                    "kind": "pooling-row", "step": " ".join(fmt(v) for v in row),
                    "expected": " ".join(fmt(v) for v in want), "pool": f"{k1}x{k2}",
                    "stride": s, "row": i + 1, "result": got})
                break
