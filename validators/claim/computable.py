"""CLAIM002's engine: recognise statements TensorFlow can settle (computable.yaml) and settle them.

`find_statements(sentence)` is pure Python (regexes from the YAML). `Settler.settle(statements)`
gathers the facts they need (a function's output range, a layer's trainable parameter count, a
function's shift/scale invariance), reads them from the cache or computes the missing ones in
ONE child process (`tfeval.py`, which imports TensorFlow), and returns a verdict per statement.
"""

from __future__ import annotations

import ast
import hashlib
import json
import math
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from qbank.core.cache import CacheTable, source_fingerprint
from qbank.core.loader import load_data
from validators.claim.catalog import _NEG, normalize
from validators.claim.defaults import Defaults, default_statements, judge_default, load_defaults
from validators.claim.losses import Losses, judge_loss, load_losses, loss_request, loss_statements
from validators.claim.metric_arrays import (
    judge_metric_array,
    metric_array_request,
    metric_array_statements,
)
from validators.claim.metrics import judge_metric, metric_request, metric_statements
from validators.claim.penalties import judge_penalty, penalty_request, penalty_statements
from validators.claim.rounding import decimals, tolerance
from validators.claim.schedules import judge_schedule, schedule_request, schedule_statements
from validators.claim.updates import judge_update, update_request, update_statements

DATA_FILE = Path(__file__).with_name("computable.yaml")
EVAL_SCRIPT = Path(__file__).with_name("tfeval.py")
NUM = r"[-+−]?\s*\d+(?:\.\d+)?"


@dataclass(frozen=True, slots=True)
class Statement:
    kind: str  # range bound derivative params invariance value vector sign point count
              # shape default loss metric penalty steps update schedule metric_arrays
    subject: str  # function or layer key; a Keras class path for default and loss
    claim: dict[str, Any]  # what the sentence states of it, per kind (see find_statements)
    text: str  # the part of the sentence that states it
    start: int  # offset in the sentence

    def key(self) -> str:
        return json.dumps([self.kind, self.subject, self.claim], sort_keys=True)


@dataclass(frozen=True, slots=True)
class Verdict:
    statement: Statement
    true: bool | None  # None: could not be settled
    actual: str  # the computed fact, in words


@dataclass(frozen=True)
class Spec:
    functions: dict[str, dict[str, Any]]
    layers: dict[str, dict[str, Any]]
    fn_rx: re.Pattern[str]
    layer_rx: re.Pattern[str]
    num_rx: str
    numbers: list[tuple[str, re.Pattern[str]]]
    link: re.Pattern[str]
    blocker: re.Pattern[str]
    range_rx: list[re.Pattern[str]]
    bound_rx: list[re.Pattern[str]]
    steps_rx: dict[str, re.Pattern[str]]
    deriv_rx: list[re.Pattern[str]]
    params_rx: list[re.Pattern[str]]
    inv_rx: list[re.Pattern[str]]
    digest: str
    v2: V2 | None = None
    defaults: Defaults | None = None
    losses: Losses | None = None


@dataclass(frozen=True)
class V2:
    """The general part of the grammar: any Keras activation or layer (computable.yaml v2)."""

    fns: dict[str, dict[str, Any]]  # key -> {pattern, tf}
    fn_rx: re.Pattern[str]
    fn_one: list[tuple[str, re.Pattern[str]]]
    layer_rx: LayerFinder
    layer_one: list[tuple[str, re.Pattern[str]]]  # class name, its prose pattern
    layer_names: frozenset[str]
    no_value: frozenset[str]
    axis_fns: frozenset[str]
    args: dict[str, list[re.Pattern[str]]]
    inputs: list[re.Pattern[str]]
    outputs: list[re.Pattern[str]]
    shape_rx: re.Pattern[str]
    value_rx: list[re.Pattern[str]]
    vector_rx: list[re.Pattern[str]]
    sign_rx: list[re.Pattern[str]]
    point_rx: list[re.Pattern[str]]
    count_rx: list[re.Pattern[str]]
    signs: list[tuple[str, re.Pattern[str]]]
    domains: list[tuple[str, re.Pattern[str]]]


def _camel_words(name: str) -> list[str]:
    return re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+[A-Za-z]?", name)


class LayerFinder:
    """The layer mentions in a text: what one alternation of every layer's pattern would
    find (leftmost match; at one position, the first pattern in order), but only the patterns
    whose required word occurs in the text are tried, so a clause naming no layer costs a few
    substring tests instead of 23 kB of alternation at every position."""

    def __init__(self, entries: list[tuple[re.Pattern[str], str | None]]) -> None:
        self._entries = entries  # (pattern, a lowercase literal every match contains, or None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        low = text.lower()
        rxs = [rx for rx, need in self._entries if need is None or need in low]
        pos = 0
        while rxs:
            found = [(m.start(), i, m) for i, rx in enumerate(rxs)
                     if (m := rx.search(text, pos)) is not None]
            if not found:
                return
            m = min(found, key=lambda f: (f[0], f[1]))[2]  # leftmost, then first in order
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1


def _layer_pattern(name: str) -> str:
    """How a Keras layer class is named in prose: as code (case-sensitive), spelled out in
    words ("global average pooling 2d"), or, for a one-word name that is also an English word
    ("Dense"), capitalised or before "layer"."""
    code = rf"(?<![\w.])(?-i:(?:(?:tf\.)?keras\.layers\.|layers\.)?{name})(?![\w])"
    words = _camel_words(name)
    alts = [code]
    if len(words) >= 2 and sum(w.isalpha() for w in words) >= 1:
        alts.append(r"\b" + r"[ _-]?".join(re.escape(w.lower()) for w in words)
                    + r"(?: layers?)?\b")
    if re.search(r"\d|[A-Z].*[A-Z]", name):
        alts.append(rf"\b{name.lower()}(?: layers?)?\b")
    else:
        alts.append(rf"\b{name.lower()}(?: layers?)\b")
    return "|".join(alts)


def _required_word(name: str) -> str | None:
    """A literal that every match of `_layer_pattern(name)` contains, lowercased: the
    name's first word (the code form holds the name, the prose forms start with the word)."""
    words = _camel_words(name)
    return words[0].lower() if words else None


def _load_v2(data: dict[str, Any], fns: dict[str, dict[str, Any]],
             layers: dict[str, dict[str, Any]],
             sub: Callable[[str], str]) -> V2 | None:
    ns = data.get("namespace")
    if not ns:
        return None
    skip = set(data.get("skip_names") or ())
    table = fns  # the declared functions and every Keras activation (`_function_table`)
    one: list[tuple[str, str]] = list((data.get("layer_aliases") or {}).items())
    n_aliases = len(one)  # free patterns; the rest are `_layer_pattern`s
    for name in sorted(ns["layers"], key=len, reverse=True):
        if name not in skip:
            one.append((name, _layer_pattern(name)))
    fn_one = [(k, re.compile(v["pattern"], re.I)) for k, v in table.items()]
    layer_one = [(k, re.compile(p, re.I)) for k, p in one]
    st = data["grammar"]
    signs = [(k, re.compile(v, re.I)) for k, v in data["signs"].items()]
    domains = [(k, re.compile(v, re.I)) for k, v in data["domains"].items()]
    shape = data["shape"]

    def sub2(rx: str) -> str:
        return (sub(rx).replace("{SIGN}", "(?:" + "|".join(v for v in data["signs"].values())
                                + ")")
                .replace("{DOMAIN}", "(?:" + "|".join(data["domains"].values()) + ")")
                .replace("{REL}", data.get("relation", "(?!)"))
                .replace("{SHAPE}", f"(?:{shape})")
                .replace("{FN2}", "(?:" + "|".join(f"(?:{v['pattern']})"
                                                   for v in table.values()) + ")"))

    return V2(
        fns=table, fn_rx=re.compile("|".join(f"(?:{v['pattern']})" for v in table.values()),
                                    re.I),
        fn_one=fn_one,
        layer_rx=LayerFinder([(rx, None if i < n_aliases else _required_word(k))
                              for i, (k, rx) in enumerate(layer_one)]), layer_one=layer_one,
        layer_names=frozenset(ns["layers"]), no_value=frozenset(data.get("not_elementwise") or ())
        | {"leaky_relu"}, axis_fns=frozenset(data.get("not_elementwise") or ()),
        args={k: [re.compile(r, re.I) for r in v] for k, v in data["args"].items()},
        inputs=[re.compile(sub2(r), re.I) for r in data["inputs"]],
        outputs=[re.compile(sub2(r), re.I) for r in data["outputs"]],
        shape_rx=re.compile(shape, re.I),
        value_rx=[re.compile(sub2(r.replace("{FN}", "{FN2}")), re.I) for r in st["value"]],
        sign_rx=[re.compile(sub2(r.replace("{FN}", "{FN2}")), re.I) for r in st["sign"]],
        vector_rx=[re.compile(sub2(r.replace("{FN}", "{FN2}")), re.I)
                   for r in st.get("vector") or ()],
        point_rx=[re.compile(sub(sub2(r.replace("{FN}", "{FN2}"))), re.I)
                  for r in st.get("point") or ()],
        count_rx=[re.compile(sub2(r), re.I) for r in st["count"]],
        signs=signs, domains=domains)


def _alternation(table: dict[str, dict[str, Any]]) -> str:
    return "|".join(f"(?:{v['pattern']})" for v in table.values())


@cache
def load_spec(path: Path = DATA_FILE) -> Spec:
    text = path.read_text(encoding="utf-8")
    data = load_data(text)
    fns, layers = _function_table(data), data["layers"]
    numbers = [(k, re.compile(v, re.I)) for k, v in data["numbers"].items()]
    num_rx = "(?:" + "|".join(v.pattern for _, v in numbers) + "|" + NUM + ")"

    def sub(rx: str, group: str = "") -> str:
        return (rx.replace("{NUM}", num_rx).replace("{FN}", f"(?:{_alternation(fns)})")
                .replace("{LAYER}", f"(?:{_alternation(layers)})"))

    st = data["statements"]
    v2 = _load_v2(data, fns, layers, sub)
    digest = hashlib.sha256((text + source_fingerprint(EVAL_SCRIPT)).encode()).hexdigest()[:16]
    return Spec(
        functions=fns, layers=layers, fn_rx=re.compile(_alternation(fns), re.I),
        layer_rx=re.compile(_alternation(layers), re.I), num_rx=num_rx, numbers=numbers,
        link=re.compile(data["range_link"], re.I), blocker=re.compile(data["range_blocker"], re.I),
        range_rx=[re.compile(sub(r, "range"), re.I) for r in st["range"]],
        bound_rx=[re.compile(sub(r), re.I) for r in st.get("bound") or []],
        steps_rx={k: re.compile(r, re.I) for k, r in (st.get("steps") or {}).items()},
        deriv_rx=[re.compile(sub(r).replace("{DOMAIN}", "(?:" + "|".join(data["domains"].values())
                                             + ")"), re.I) for r in st.get("derivative") or []],
        params_rx=[re.compile(sub(r, "params"), re.I) for r in st["params"]],
        inv_rx=[re.compile(sub(r, "inv"), re.I) for r in st["invariance"]],
        digest=digest, v2=v2,
        defaults=load_defaults(data, _layer_pattern, _declared_layers(data, v2)),
        losses=load_losses(data))


def _declared_layers(data: dict[str, Any], v2: V2 | None) -> list[tuple[str, re.Pattern[str]]]:
    """The namespace's layers with their compiled prose patterns (not the aliases), as the
    general grammar compiled them: the defaults grammar names the same objects."""
    if v2 is None:
        return []
    return v2.layer_one[len(data.get("layer_aliases") or {}):]


def _function_table(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The declared functions, then every built-in Keras activation of the `namespace` (each
    read in prose with spaces, hyphens or underscores: "hard tanh", "log_sigmoid")."""
    table: dict[str, dict[str, Any]] = dict(data["functions"])
    ns = data.get("namespace") or {}
    skip = set(data.get("skip_names") or ())
    for name in sorted(ns.get("activations") or (), key=len, reverse=True):
        if name in skip or name in table:
            continue
        table[name] = {"pattern": r"\b" + re.escape(name).replace("_", "[ _-]?") + r"\b",
                       "tf": f"keras.activations.{name}(x)"}
    return table


def _which(table: dict[str, dict[str, Any]], name: str) -> str | None:
    for key, v in table.items():
        if re.fullmatch(v["pattern"], name.strip(), re.I):
            return key
    for key, v in table.items():
        if re.search(v["pattern"], name, re.I):
            return key
    return None


def _number(spec: Spec, raw: str) -> float:
    raw = raw.replace("−", "-").strip()
    for value, rx in spec.numbers:
        if rx.fullmatch(raw):
            return float(value)
    if m := re.fullmatch(r"(\d+)\s*/\s*(\d+)", raw):  # "1/3" (in lists of values)
        if int(m.group(2)) == 0:
            raise ValueError(raw)
        return int(m.group(1)) / int(m.group(2))
    return float(raw.replace(" ", ""))


# an interval followed by a restriction of the inputs is not the output range
_RESTRICTED = re.compile(r"\s*,?\s*(?:for|when|if|on|given)\s+(?:the\s+|its\s+|an?\s+)?"
                         r"(?:inputs?|x|arguments?|values? of x)\b", re.I)


# words that hedge or stress a claim without changing it ("relu(-3) is still -3", "is simply
# [..]", "outputs exactly zero"): the grammar also reads the sentence without them
_FILLER = re.compile(r"\b(?:still|simply|really|actually|basically|essentially|precisely|merely"
                     r"|indeed|clearly|obviously|certainly|definitely|exactly|in fact|of course)"
                     r"\b,?\s*", re.I)

# counts in words ("waits ten epochs"), read as digits too ("one" is too often a pronoun)
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "_ _ two three four five six seven eight nine ten eleven twelve".split()) if i > 1}
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.I)


def find_statements(sentence: str, spec: Spec | None = None) -> list[Statement]:
    """Statements in one sentence that TensorFlow can settle."""
    spec = spec or load_spec()
    s = normalize(sentence)
    out = _statements(s, spec)
    plain = _NUMBER_WORD.sub(lambda m: _NUMBER_WORDS[m.group(0).lower()], _FILLER.sub("", s))
    for variant in dict.fromkeys((plain, _resolve_pronouns(plain, spec))):
        if variant != s:
            seen = {st.key() for st in out}
            out += [st for st in _statements(variant, spec) if st.key() not in seen]
    return out


# "Softplus is a smooth ReLU, so at an input of 0 it outputs 0": a pronoun, or an input with no
# function named, after a function that opens the sentence speaks of that function
_OPENING = re.compile(r"(?:the |an? )?(?:(?:tf\.)?keras\.activations\.|tf\.nn\.)?", re.I)
_PRONOUN_RULES = [
    (re.compile(r"\bits (?=derivative|gradient|slope|outputs?|range|values?)", re.I), "{fn}'s "),
    (re.compile(r"\bit (?=(?:outputs|returns|gives|yields|produces|equals|saturates|reaches"
                r"|maps|sends|never|always|is)\b)", re.I), "{fn} "),
    (re.compile(rf"\b(feed|feeding|pass|passing|give|giving)\s+it\s+(?:an? input of\s+)?"
                rf"(?P<x>{NUM})(?=[\s,])", re.I), "{verb} {x} into {fn}"),
    (re.compile(rf"\ban input of (?P<x>{NUM})\s+(?=(?:gives|yields|returns|produces|comes out)"
                rf"\b)", re.I), "{fn} of {x} "),
]


def _resolve_pronouns(s: str, spec: Spec) -> str:
    opening = _OPENING.match(s)
    first = spec.fn_rx.match(s, opening.end() if opening else 0)
    if first is None:
        return s
    fn = first.group(0)
    head, tail = s[:first.end()], s[first.end():]
    for rx, template in _PRONOUN_RULES:
        def fill(m: re.Match[str], t: str = template) -> str:
            return t.format(fn=fn, verb=m.group(1) if m.lastindex else "",
                            x=m.groupdict().get("x") or "")
        tail = rx.sub(fill, tail)
    return head + tail


def _statements(s: str, spec: Spec) -> list[Statement]:
    out: list[Statement] = []
    # ranges: an interval, owned by the nearest function named before it
    mentions = list(spec.fn_rx.finditer(s))
    for rx in spec.range_rx if mentions else ():  # a range needs a function named before it
        for m in rx.finditer(s):
            before = [f for f in mentions if f.end() <= m.start()]
            if not before:
                continue
            f = before[-1]
            gap = s[f.end():m.start()]
            pre = s[max(0, f.start() - 25):f.start()]
            if len(gap) > 70 or spec.blocker.search(gap) or spec.blocker.search(pre):
                continue
            if _RESTRICTED.match(s[m.end():]):
                continue  # "... between 0 and 1 for inputs between 0 and 1": a part of the range
            if spec.link.sub("", gap).strip(" ,;:()") and not re.search(
                    r"\b(outputs?|range|values?|spans?|maps?|squash\w*|returns?|produces?|gives?|lies|"
                    r"bounded)\b", gap, re.I):
                continue
            key = _which(spec.functions, f.group(0))
            if key is None or key == "layer_norm":
                continue
            try:
                lo, hi = _number(spec, m.group("lo")), _number(spec, m.group("hi"))
            except ValueError:
                continue
            if lo >= hi:
                continue  # "the softmax of [1, 1] is [0.5, 0.5]": a vector, not an interval
            negated = bool(_NEG.search(gap))
            out.append(Statement("range", key, {"lo": lo, "hi": hi, "negated": negated},
                                 s[f.start():m.end()], f.start()))
    out += _bound_statements(s, spec) + _derivative_statements(s, spec) if mentions else []
    out += _steps_statements(s, spec)
    for rx in spec.params_rx if spec.layer_rx.search(s) else ():  # the subject is a layer
        for m in rx.finditer(s):
            key = _which(spec.layers, m.group("subject"))
            if key is None:
                continue
            neg_words = re.search(r"\bnot\b|n't|never", m.group(0), re.I)
            has = not (m.groupdict().get("neg") or neg_words)
            out.append(Statement("params", key, {"has": has}, m.group(0), m.start()))
    for rx in spec.inv_rx if mentions else ():  # the subject is a function
        for m in rx.finditer(s):
            key = _which(spec.functions, m.group("subject"))
            if key is None:
                continue
            kind = m.group("kind").lower()
            op = "shift" if re.match(r"shift|translat|add", kind) else "scale"
            if "change" in m.group(0).lower():  # "does not change when ..." = invariant
                holds = bool(m.groupdict().get("neg"))
            else:
                holds = not m.groupdict().get("neg")
            out.append(Statement("invariance", key, {"op": op, "holds": holds}, m.group(0),
                                 m.start()))
    if spec.v2 is not None:
        out.extend(_v2_statements(s, spec, spec.v2))
    if spec.defaults is not None:
        out.extend(Statement("default", *found) for found in
                   default_statements(s, spec.defaults, _NEG, _CLAUSE))
    if spec.losses is not None:
        out.extend(Statement("loss", *found) for found in loss_statements(s, spec.losses))
    out.extend(Statement("metric", *found) for found in metric_statements(s))
    out.extend(Statement("penalty", *found) for found in penalty_statements(s))
    out.extend(Statement("update", *found) for found in update_statements(s))
    out.extend(Statement("schedule", *found) for found in schedule_statements(s))
    out.extend(Statement("metric_arrays", *found) for found in metric_array_statements(s))
    out = [st for st in out if st.kind not in ("count", "shape") or _buildable(st.claim["layer"])]
    vectors = [(st.start, st.start + len(st.text)) for st in out if st.kind == "vector"]
    out = [st for st in out if st.kind != "range" or not any(a <= st.start + len(st.text) - 1 < b
                                                               for a, b in vectors)]
    seen: set[str] = set()  # a range read inside "f([1, 2]) = [0.27, 0.73]" is the vector's
    uniq = []
    for st in sorted(out, key=lambda x: x.start):
        if st.key() not in seen:
            seen.add(st.key())
            uniq.append(st)
    return uniq


def _bound_statements(s: str, spec: Spec) -> list[Statement]:
    """One side of a function's range: "sigmoid never exceeds 1", "ELU can go below -1" (mode
    `cross`), "ReLU is unbounded above", "swish is bounded below by 0" (`side`), "GELU's
    smallest output is -0.17" (`extreme`)."""
    out: list[Statement] = []
    for rx in spec.bound_rx:
        for m in rx.finditer(s):
            g = m.groupdict()
            key = _which(spec.functions, g["subject"])
            gap = g.get("gap") or ""
            if key is None or key == "layer_norm" or spec.blocker.search(gap) \
                    or spec.fn_rx.search(gap) or _NEG.search(gap) \
                    or spec.blocker.search(s[max(0, m.start() - 25):m.start()]):
                continue  # "the derivative of sigmoid never exceeds 0.25": not the output
            try:
                v = _number(spec, g["v"]) if g.get("v") else None
            except ValueError:
                continue
            claim: dict[str, Any] = {"holds": not g.get("neg")}
            if g.get("op"):
                op = g["op"].lower()
                claim.update(mode="cross", v=v, incl=bool(re.search(r"as (?:low|high)", op)),
                             above=not re.search(r"below|under|smaller|lower|less|low as", op))
            elif g.get("side"):
                if v is None and not g.get("unb"):
                    continue  # "bounded below" by nothing stated
                claim.update(mode="side", v=v, above="above" in g["side"].lower(),
                             unbounded=bool(g.get("unb")))
            else:
                ext = g["ext"].lower()
                claim.update(mode="extreme", v=v, digits=decimals(g["v"]),
                             above=ext in ("largest", "highest", "maximum", "max"))
            out.append(Statement("bound", key, claim, s[m.start():m.end()], m.start()))
    return out


def _derivative_statements(s: str, spec: Spec) -> list[Statement]:
    """The derivative of a function: its largest value ("the derivative of sigmoid never
    exceeds 0.25", "tanh's gradient peaks at 1", "... is at most 0.25"), its value at one input
    ("the derivative of sigmoid at 0 is 0.25"), or its constant value for negative or positive
    inputs ("for positive inputs, ReLU has a slope of 1")."""
    out: list[Statement] = []
    domains = spec.v2.domains if spec.v2 is not None else []
    for rx in spec.deriv_rx:
        for m in rx.finditer(s):
            g = m.groupdict()
            key = _which(spec.functions,
                         g["subject"] or g.get("subject2") or g.get("subject3") or "")
            if key is None or key in ("layer_norm", "softmax", "log_softmax", "leaky_relu"):
                continue  # (leaky ReLU: its slope depends on which API is meant)
            try:
                v = _number(spec, m.group("v"))
                at = (0.0 if g.get("at") and "origin" in g["at"].lower()
                      else _number(spec, g["at"]) if g.get("at") else None)
            except ValueError:
                continue
            op = (g.get("op") or "").lower()
            if re.match(r"larger|bigger|greater|higher|more", op) and not g.get("neg"):
                continue  # "is larger than 0.25" says nothing of every input
            claim: dict[str, Any] = {"v": v, "holds": not g.get("neg"),
                                     "digits": decimals(m.group("v"))}
            if at is not None:
                claim.update(mode="at", at=at)
            elif g.get("domain"):
                dom = next((k for k, r in domains if r.fullmatch(g["domain"].strip())), None)
                if dom not in ("neg", "pos"):
                    continue
                claim.update(mode="domain", domain=dom)
            else:
                claim["mode"] = "max" if g.get("max") else "most" if g.get("most") else "exceeds"
            out.append(Statement("derivative", key, claim, m.group(0), m.start()))
    return out


_LEFTOVER = re.compile(r"\b(?:left ?over|remaining|remainder|last|partial)\b", re.I)
_VALIDATION = re.compile(r"\bvalidation\b|\bheld[- ]out\b|\bhold(?:s|ing)? out\b", re.I)
_SPLIT = re.compile(r"\bvalidation_split\s*=\s*(?P<v>0?\.\d+)\b|\bvalidation split of "
                    r"(?:(?P<v2>0?\.\d+)|(?P<p>\d+) ?%)|\b(?P<p2>\d+) ?% (?:held out |kept )?"
                    r"(?:for|as) validation\b", re.I)


def _steps_statements(s: str, spec: Spec) -> list[Statement]:
    """The steps of one epoch: "with 10,000 examples and a batch size of 32, an epoch is 313
    steps" (each of the three numbers stated once, and no count of epochs or devices)."""
    rx = spec.steps_rx
    if not rx or not re.search(r"\bepoch\b", s, re.I) or rx["blocker"].search(s):
        return []
    found = {k: list(rx[k].finditer(s)) for k in ("n", "b", "k")}
    if len(found["n"]) > 1:  # "1,000 samples ... throws away the 8 samples left over"
        found["n"] = [m for m in found["n"] if not _LEFTOVER.search(s[max(0, m.start() - 16):
                                                                         m.end() + 16])]
    split = _SPLIT.search(s)
    if any(len(v) != 1 for v in found.values()) or (split is None and _VALIDATION.search(s)):
        return []  # a validation set of unknown size
    (n,), (b,), (k,) = found["n"], found["b"], found["k"]
    batch = int(next(g for g in b.groups() if g))
    if batch == 0 or re.search(r"\b(?:about|approximately|roughly|around|~|over|under|nearly)"
                               r"\s*$", s[:k.start()], re.I):
        return []
    claim: dict[str, Any] = {"n": int(n.group("n").replace(",", "")), "b": batch,
             "k": int(k.group("k").replace(",", "")),
             "full": bool(re.search(r"\bfull\b|\bcomplete\b|drop_remainder", s, re.I))}
    if split is not None:
        frac = split.group("v") or split.group("v2")
        claim["split"] = float(frac) if frac else int(split.group("p") or split.group("p2")) / 100
    start = min(n.start(), b.start(), k.start())
    return [Statement("steps", "model.fit", claim, s[start:max(n.end(), b.end(), k.end())],
                      start)]


def _buildable(layer: dict[str, Any], most: int = 100_000) -> bool:
    """A layer small enough to build in the child: "a 99999999999x99999999999 convolution"
    would exhaust its memory and lose every other fact of the run."""
    nums: list[float] = []

    def walk(v: Any) -> None:
        if isinstance(v, bool):
            return
        if isinstance(v, int | float):
            nums.append(abs(v))
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list | tuple):
            for x in v:
                walk(x)

    walk([layer.get("args"), layer.get("kwargs"), layer.get("input")])
    return all(n <= most for n in nums)


_BLOCK_FN = re.compile(r"\b(derivatives?|gradients?|slopes?|integral|inverse)\b(?: of)?"
                       r"(?: the| an?| its)?\W*$", re.I)
_SIGN_NEGATED = {"negative": "non-negative", "positive": "non-positive", "zero": "nonzero",
                 "nonzero": "zero"}


def _key_of(table: list[tuple[str, re.Pattern[str]]], name: str) -> str | None:
    for key, rx in table:
        m = rx.fullmatch(name.strip())
        if m:
            return key
    for key, rx in table:
        if rx.search(name):
            return key
    return None


def _dims(raw: str) -> list[int | None]:
    nums = re.findall(r"\d+|None", raw)
    return [None if n == "None" else int(n) for n in nums]


def _literal(node: ast.expr) -> Any:
    value = ast.literal_eval(node)
    if isinstance(value, (int, float, str, bool, tuple, list)) or value is None:
        return list(value) if isinstance(value, tuple) else value
    raise ValueError


def _call_args(s: str, at: int) -> tuple[list[Any], dict[str, Any], tuple[int, int]] | None:
    """`Dense(10, activation="relu")` written at offset `at` (the class name): its literal
    arguments (others dropped) and the span of the call."""
    open_at = s.find("(", at)
    if open_at < 0 or not re.fullmatch(r"[\w.]*\s*", s[at:open_at]) or open_at - at > 60:
        return None
    depth = 0
    for j in range(open_at, len(s)):
        depth += {"(": 1, ")": -1}.get(s[j], 0)
        if depth == 0:
            break
    else:
        return None
    try:
        call = ast.parse("f" + s[open_at:j + 1], mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(call, ast.Call):
        return None
    args, kwargs = [], {}
    for a in call.args:
        try:
            args.append(_literal(a))
        except ValueError:
            return None  # a positional argument we cannot read: the call is not understood
    for kw in call.keywords:
        if kw.arg is None:
            return None
        try:
            kwargs[kw.arg] = _literal(kw.value)
        except ValueError:
            continue  # activation=tf.nn.relu: irrelevant to counts and shapes
    return args, kwargs, (at, j + 1)


def _layer_config(s: str, v2: V2, cls: str, mention: re.Match[str],
                  taken: list[tuple[int, int]]) -> dict[str, Any]:
    """The constructor arguments and input shape a sentence states for its one layer."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    call = _call_args(s, mention.start()) if "(" in s[mention.end():mention.end() + 2] else None
    if call is None and re.match(r"\s*\(", s[mention.end():]):
        call = _call_args(s, mention.start())
    if call is not None:
        args, kwargs, span = call
        taken.append(span)
    for name, rxs in v2.args.items():
        if name in kwargs or (call is not None and not (
                name == "use_bias" or (name in ("padding", "strides") and len(args) <= 2))):
            continue  # a call in code is read as written; what it leaves unset may be said in
            # words: "with use_bias=False, Dense(10)", "with 'same' padding, Conv2D(8, 5)"
        for rx in rxs:
            m = rx.search(s)
            if m is None or any(a <= m.start() < b for a, b in taken) \
                    or _OUTPUT_VERB.search(s[:m.start()]):
                continue
            g = m.groupdict()
            if name == "use_bias":
                kwargs[name] = False
            elif g.get("a"):
                kwargs[name] = [int(x) for x in (g["a"], g.get("b"), g.get("c")) if x]
                if len(kwargs[name]) == 1:
                    kwargs[name] = kwargs[name][0]
            elif g.get("v"):
                raw = g["v"].replace(",", "")
                raw = "valid" if name == "padding" and raw.lower() == "no" else raw
                raw = {"single": "1", "a single": "1", "one": "1"}.get(raw.lower(), raw)
                kwargs[name] = (float(raw) if "." in raw else int(raw)) if raw[0].isdigit() \
                    or raw[0] == "." else raw.lower()
            else:
                continue
            spans = [m.span(k) for k, v in g.items() if v]
            taken.append((min(a for a, _ in spans), max(b for _, b in spans)) if spans
                         else m.span())
            break
    kernel = re.search(r"(\d+) ?[x×] ?(\d+) conv", mention.group(0))
    if kernel and call is None and "kernel_size" not in kwargs:  # "a separable 5x5 convolution"
        kwargs["kernel_size"] = [int(kernel.group(1)), int(kernel.group(2))]
    inp = ({"shape": kwargs.pop("input_shape")} if "input_shape" in kwargs
           else _input(s, v2, taken))
    return {"cls": cls, "args": args, "kwargs": kwargs, "input": inp}


_OUTPUT_VERB = re.compile(r"\b(?:gives|outputs?|returns?|produces?|yields?|into)\s+(?:an?\s+)?$"
                          r"|\b(?:keeps|leaves)\s+(?:the\s+)?(?:output|output size|feature size)"
                          r"\s+at\s+$|\boutput\s+(?:has|keeps|contains|carries)\s+$", re.I)


def _input(s: str, v2: V2, taken: list[tuple[int, int]]) -> dict[str, Any]:
    inp: dict[str, Any] = {}
    for rx in v2.inputs:
        for m in rx.finditer(s):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken) \
                    or _OUTPUT_VERB.search(s[:m.start()]):
                continue  # "... gives a 400-dimensional vector" is the output
            g = {k: v for k, v in m.groupdict().items() if v}
            if "flat" in g and "last" not in inp:  # "a flattened 64x64x3 image"
                inp["last"] = math.prod(d or 0 for d in _dims(g["flat"]))
                taken.append(m.span())
            elif "shape" in g and "shape" not in inp:
                dims = _dims(g["shape"])
                inp["shape"] = dims[1:] if dims and dims[0] is None else dims
                taken.append(m.span("shape"))
            elif "last" in g and "last" not in inp:
                inp["last"] = int(g["last"])
                taken.append(m.span())
            elif "steps" in g and "steps" not in inp:
                inp["steps"] = int(g["steps"])
                taken.append(m.span())
            elif "rgb" in g:
                inp.setdefault("channels", 3)
            elif "gray" in g:
                inp.setdefault("channels", 1)
    return inp


# a layer claim is read within one clause: "a conv layer has 896 parameters, while a dense
# layer ..." holds two claims about two layers
_CLAUSE = re.compile(r";|:\s|\s(?:while|whereas|but|compared (?:to|with)|unlike|than)\s"
                     r"|,\s(?:because|since|as)\s"
                     r"|,\s(?:just |exactly )?(?:like|the same as|as many as)\s"
                     r"|,\s(?:and|so|which)\s(?!all\b|every\b|each\b|none\b)", re.I)


# the layer before is the input: "BatchNormalization after a 64-unit Dense layer" reads as on
# 64 features (the Dense layer is not a second subject)
_AFTER_LAYER = re.compile(r"\b(?:after|following|on top of|behind) (?:an? |the )?(\d+)-"
                          r"(?:unit|neuron) (?:dense|fully[- ]connected|hidden) layer\b", re.I)


def _v2_statements(s: str, spec: Spec, v2: V2) -> list[Statement]:
    out: list[Statement] = []
    s = _AFTER_LAYER.sub(r"on \1 features", s)
    fn_hits = list(v2.fn_rx.finditer(s))
    if fn_hits:
        out += _function_statements(s, spec, v2)
    s = s.replace("{,}", ",")
    cuts = [m.start() for m in _CLAUSE.finditer(s)] + [len(s)]
    clauses: list[str] = []
    begin = 0
    for end in cuts:
        part = s[begin:end]
        if clauses and re.match(r",\s+so\s", part) and next(v2.layer_rx.finditer(part), None) \
                is None:
            clauses[-1] += part  # "an LSTM with 64 units ..., so 20-step inputs give (20, 64)"
        else:
            clauses.append(part)
        begin = end
    for clause in clauses:
        layer_hits = list(v2.layer_rx.finditer(clause))
        head = clause[:layer_hits[0].end()] if layer_hits else clause
        if _REPEATED.search(head) or re.search(r"\b(?:twice|thrice|repeatedly)\b", clause, re.I):
            continue  # "two rounds of 2x2 max pooling reduce 28x28 to 7x7": not one layer's
        if _BIDI.search(clause):  # "Bidirectional(LSTM(32))", "a bidirectional GRU with 64 units"
            out += _bidirectional(clause, v2, layer_hits)
            continue
        first = _key_of(v2.layer_one, layer_hits[0].group(0)) if layer_hits else None
        other = next((m for m in layer_hits if _key_of(v2.layer_one, m.group(0)) != first), None)
        if first is not None and other is not None:
            clause = clause[:other.start()]  # "GRU(32) ... has 4,704 parameters, three quarters
            layer_hits = layer_hits[:layer_hits.index(other)]  # of an LSTM": the first layer's
        classes = {_key_of(v2.layer_one, m.group(0)) for m in layer_hits}
        plain = re.sub(r"without (?:a )?bias(?:es)?|no (?:bias(?:es)?|(?:zero-)?padding)"
                       r"|\b(?:no|not) (?:fewer|more|less|smaller|larger|bigger)\b", "",
                       clause, flags=re.I)  # "..., no fewer than a standard convolution"
        if len(classes) == 1 and None not in classes and not _NEG.search(plain):
            cls = next(iter(classes))
            assert cls is not None
            out += _layer_statements(clause, v2, cls, layer_hits[0])
    return out


_REPEATED = re.compile(r"\b(?:two|three|four|five|six|several|multiple|\d+)\s+(?:rounds?|times|"
                       r"(?:\w+\s+){0,2}layers|stages|blocks|successive|consecutive|stacked)\b"
                       r"|\btwice\b|\bthrice\b|\brepeated(?:ly)?\b|\bstack(?:ed|ing)?\b", re.I)
_BIDI = re.compile(r"\bbi-?directional\b|\bbi-?(?:lstm|gru|rnn)s?\b", re.I)
_RECURRENT = ("LSTM", "GRU", "SimpleRNN")
_MERGE = re.compile(r"\bmerge_mode ?= ?['\"](?P<v>\w+)['\"]")


def _bidirectional(clause: str, v2: V2, layer_hits: list[re.Match[str]]) -> list[Statement]:
    """A clause about a Bidirectional wrapper: the claims of its one recurrent layer, built
    wrapped (with the `merge_mode` the clause passes in code)."""
    inner = [m for m in layer_hits if _key_of(v2.layer_one, m.group(0)) in _RECURRENT]
    kinds = {_key_of(v2.layer_one, m.group(0)) for m in inner}
    if len(kinds) != 1 or _NEG.search(clause):
        return []
    cls = next(iter(kinds))
    assert cls is not None
    merge = _MERGE.search(clause)
    out = []
    for st in _layer_statements(clause, v2, cls, inner[0]):
        layer = st.claim["layer"]
        wrapped = {"cls": "Bidirectional", "args": [],
                   "kwargs": {"merge_mode": merge.group("v")} if merge else {},
                   "input": layer["input"],
                   "inner": {k: layer[k] for k in ("cls", "args", "kwargs")}}
        out.append(Statement(st.kind, "Bidirectional", {**st.claim, "layer": wrapped}, st.text,
                             st.start))
    return out


_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10}


def _items(raw: str) -> list[str]:
    """The numbers of a list: "1, 2", "1, 2 and 3", "0.27 and 0.73"."""
    return [t for t in re.split(r",|\band\b", raw) if t.strip()]


def _fn_subject(s: str, m: re.Match[str], v2: V2, skip: frozenset[str]) -> str | None:
    """The function a match's `subject` names, unless it is in `skip` or is the object of "the
    derivative of ..." (the value, vector, sign and point grammars)."""
    key = _key_of(v2.fn_one, m.group("subject"))
    if key is None or key in skip or _BLOCK_FN.search(s[:m.start("subject")]):
        return None
    return key


def _point_statements(s: str, spec: Spec, v2: V2) -> list[Statement]:
    """The value at one input against a number: "tanh(-1) is above zero", "softplus of -1 is
    negative" (relation "<", ">", "<=" or ">=" with `y`)."""
    out: list[Statement] = []
    for rx in v2.point_rx:
        for m in rx.finditer(s):
            key = _fn_subject(s, m, v2, v2.no_value)
            if key is None:
                continue
            rel = re.sub(r"\s+", " ", m.group("rel").lower())
            try:
                x = _number(spec, m.group("x"))
                y = _number(spec, m.group("y")) if m.group("y") else 0.0
            except ValueError:
                continue
            op = ("<=" if rel.startswith("non-positive") or rel.startswith("nonpositive") else
                  ">=" if rel.startswith("non") else
                  "<" if re.search(r"negative|below|less|smaller|under", rel) else ">")
            out.append(Statement("point", key, {"x": x, "op": op, "y": y,
                                                "holds": not m.group("neg")},
                                 m.group(0), m.start()))
    return out


def _function_statements(s: str, spec: Spec, v2: V2) -> list[Statement]:
    out: list[Statement] = []
    for rx in v2.value_rx:
        for m in rx.finditer(s):
            key = _fn_subject(s, m, v2, v2.no_value)
            if key is None:
                continue
            try:
                x, y = _number(spec, m.group("x")), _number(spec, m.group("y"))
            except ValueError:
                continue
            raw_y = m.group("y").strip()
            out.append(Statement("value", key, {"x": x, "y": y, "digits": decimals(raw_y)},
                                 m.group(0), m.start()))
    for rx in v2.vector_rx:
        for m in rx.finditer(s):
            key = _fn_subject(s, m, v2, frozenset({"leaky_relu"}))
            if key is None:
                continue
            try:
                if "count" in rx.groupindex:  # "the softmax of four equal logits"
                    n = _COUNT_WORDS.get(m.group("count").lower()) or int(m.group("count"))
                    xs = [_number(spec, m.group("xv") or "0")] * n
                else:
                    xs = [_number(spec, t) for t in _items(m.group("x"))]
                raw_ys = (_items(m.group("y")) if "y" in rx.groupindex
                          else [m.group("each")] * len(xs))  # "gives 0.25 for each entry"
                ys = [_number(spec, t) for t in raw_ys]
            except ValueError:
                continue
            if len(xs) != len(ys):
                continue
            if len(xs) > 64:
                continue
            digits = max(decimals(t) for t in raw_ys)
            out.append(Statement("vector", key, {"x": xs, "y": ys, "digits": digits},
                                 m.group(0), m.start()))
    out += _point_statements(s, spec, v2)
    for rx in v2.sign_rx:
        for m in rx.finditer(s):
            key = _fn_subject(s, m, v2, v2.axis_fns)
            if key is None:
                continue
            sign = next((k for k, r in v2.signs if r.fullmatch(m.group("sign").strip())), None)
            dom = next((k for k, r in v2.domains if r.fullmatch(m.group("domain").strip())),
                       None)
            if sign is None or dom is None:
                continue
            negated = bool(m.groupdict().get("neg")) or m.group("domain").lower() == "never"
            if negated:
                if sign not in _SIGN_NEGATED:
                    continue
                sign = _SIGN_NEGATED[sign]
            rest = s[m.end():m.end() + 25]
            if re.match(r"\s*(?:and|or)\s+(?:\w+\s+)?(?:positive|negative|zero|small|large)",
                        rest, re.I):
                continue  # "... zero or positive values": the sign is not the whole claim
            out.append(Statement("sign", key, {"domain": dom, "sign": sign}, m.group(0),
                                 m.start()))
    return out


_ALL_TRAINABLE = re.compile(r"\s*(?:,|and|-|—)?\s*(?:and\s+)?(?:all|every one|each one|each)"
                            r"(?: of them| of which)?\s+(?:are\s+|is\s+|being\s+)?trainable\b",
                            re.I)


def _layer_statements(s: str, v2: V2, cls: str, mention: re.Match[str]) -> list[Statement]:
    out: list[Statement] = []
    taken: list[tuple[int, int]] = []
    counts: list[re.Match[str]] = [m for rx in v2.count_rx for m in rx.finditer(s)]
    outputs: list[re.Match[str]] = [m for rx in v2.outputs for m in rx.finditer(s)]
    if not counts and not outputs:
        return out
    taken.append(mention.span())
    config = _layer_config(s, v2, cls, mention, taken)
    for m in counts:
        after = s[m.end():m.end() + 20]
        if m.start() < mention.start() or re.search(r"(?:\\times|\\cdot|[*×·+/-])\s*$",
                                                     s[:m.start()]):
            continue  # the layer is named first; "5 x 10 weights" is a factor, not the count
        if s[:m.start()].count("(") > s[:m.start()].count(")"):
            continue  # "320 parameters (288 weights plus 32 biases)": a breakdown, not the count
        if any(a <= m.start() < b for a, b in taken) or re.match(
                r"\s*(?:per|each|for each|million|thousand|billion|k\b|m\b)", after, re.I) \
                or re.search(r"\b(about|approximately|roughly|around|over|under|more than|"
                             r"less than|fewer than|at least|at most|~)\s*$", s[:m.start()],
                             re.I):
            continue
        q = (m.groupdict().get("q") or "").strip().lower().replace("learnable", "trainable")
        q = "non_trainable" if q.startswith("non") else q or "any"
        if q == "any" and _ALL_TRAINABLE.match(s[m.end():]):
            q = "all_trainable"  # "128 parameters, all of them trainable"
        n = int(m.group("n").replace(",", ""))
        out.append(Statement("count", cls, {"n": n, "q": q, "layer": config}, s, mention.start()))
    for m in outputs:
        if m.start() < mention.start() or any(a <= m.start("shape") < b for a, b in taken):
            continue
        raw_shape = m.group("shape")
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw_shape):
            raw_shape = raw_shape.replace(",", "")  # "a vector of 25,088 values"
        dims = _dims(raw_shape)
        if dims and dims[0] is None:
            dims = dims[1:]
        if not dims or None in dims:
            continue
        claim: dict[str, Any] = {"shape": dims, "layer": config}
        if re.fullmatch(r"\d+", raw_shape.strip()):
            claim["bare"] = True  # "32 features": the size of the last axis
        out.append(Statement("shape", cls, claim, s, mention.start()))
        break
    return out


def _fmt(v: Any) -> str:
    if v in ("-inf", "+inf"):
        return "-∞" if v == "-inf" else "+∞"
    return f"{v:g}" if abs(v) >= 1e-3 or v == 0 else f"{v:.2e}"


def _close(claimed: float, actual: Any) -> bool:
    if actual in ("-inf", "+inf"):
        return bool(math.isinf(claimed) and (claimed > 0) == (actual == "+inf"))
    if math.isinf(claimed):
        return False
    return bool(abs(claimed - actual) <= 0.02 + 0.01 * abs(actual))


def _call_text(layer: dict[str, Any]) -> str:
    parts = [repr(a) for a in layer["args"]] + [f"{k}={v!r}" for k, v in layer["kwargs"].items()]
    if "inner" in layer:
        parts.insert(0, _call_text(layer["inner"]))
    return f"keras.layers.{layer['cls']}({', '.join(parts)})"


_SIGN_WORDS = {"zero": "exactly 0", "negative": "negative", "positive": "positive",
               "non-negative": ">= 0", "non-positive": "<= 0", "unchanged": "the input itself",
               "nonzero": "non-zero"}
_DOMAIN_WORDS = {"neg": "negative inputs", "pos": "positive inputs", "all": "all inputs"}


def _sign_holds(sign: str, d: dict[str, Any]) -> bool:
    return bool({"zero": d["maxabs"] <= 1e-6, "negative": d["max"] < 0, "positive": d["min"] > 0,
            "non-negative": d["min"] >= -1e-7, "non-positive": d["max"] <= 1e-7,
            "unchanged": bool(d["identity"]), "nonzero": d["minabs"] > 0}[sign])


def _sign_words(d: dict[str, Any]) -> str:
    if d["identity"]:
        return "the input itself"
    if d["maxabs"] <= 1e-6:
        return "exactly 0"
    return f"values in [{_fmt(d['min'])}, {_fmt(d['max'])}]"


def _judge_v2(st: Statement, fact: dict[str, Any]) -> Verdict:
    c = st.claim
    if st.kind == "value":
        y = fact["y"]
        return Verdict(st, abs(c["y"] - y) <= tolerance(c["digits"], y),
                       f"{st.subject}({_fmt(c['x'])}) = {y:.4g}")
    if st.kind == "point":
        y, op, v = fact["y"], c["op"], c["y"]
        goes = {">": y > v + 1e-9, "<": y < v - 1e-9, ">=": y >= v - 1e-9,
                "<=": y <= v + 1e-9}[op]
        return Verdict(st, goes == c["holds"], f"{st.subject}({_fmt(c['x'])}) = {y:.4g}")
    if st.kind == "vector":
        ys = fact["y"]
        ok = all(abs(a - b) <= tolerance(c["digits"], b, floor=0.005)
                 for a, b in zip(c["y"], ys, strict=True))
        xs = ", ".join(_fmt(x) for x in c["x"])
        return Verdict(st, ok, f"{st.subject}([{xs}]) = [{', '.join(f'{y:.4g}' for y in ys)}]")
    if st.kind == "sign":
        doms = ["neg", "pos"] if c["domain"] == "all" else [c["domain"]]
        ok = all(_sign_holds(c["sign"], fact[d]) for d in doms)
        actual = "; ".join(f"for {_DOMAIN_WORDS[d]} it returns {_sign_words(fact[d])}"
                           for d in doms)
        return Verdict(st, ok, actual)
    a, b = fact["a"], fact["b"]
    call = _call_text(c["layer"])
    if st.kind == "count":
        q = c["q"]
        names = {"trainable": ["trainable"], "non_trainable": ["non_trainable"],
                 "total": ["total"], "any": ["trainable", "total"],
                 "all_trainable": ["total", "non_trainable"]}[q]
        if any(a[n] != b[n] for n in names):
            return Verdict(st, None, "the sentence does not fix the count (input shape or "
                                     "arguments missing)")
        if q == "all_trainable":
            ok = a["total"] == c["n"] and a["non_trainable"] == 0
        else:
            ok = any(a[n] == c["n"] for n in names)
        where = f" on inputs of shape {tuple(a['input'])}" if a.get("input") else ""
        return Verdict(st, ok, f"{call}{where} has {a['trainable']} trainable and "
                               f"{a['non_trainable']} non-trainable parameters")
    out_a, out_b, claimed = a["output"], b["output"], list(c["shape"])
    what, x = "shape", tuple(a["input"])
    if out_a is not None and out_b is not None and len(out_a) >= 3 \
            and len(claimed) == len(out_a) - 1:  # "keeps a 32x32 input at 32x32"
        out_a, out_b, what, x = out_a[:-1], out_b[:-1], "spatial size", x[:-1]
    elif out_a is not None and out_b is not None and c.get("bare") and len(out_a) >= 2:
        out_a, out_b = out_a[-1:], out_b[-1:]  # "returns 64 features" of a sequence
        return Verdict(st, None if out_a != out_b else claimed == out_a,
                       f"{call} on inputs of shape {x} outputs shape {tuple(a['output'])}, "
                       f"{out_a[0]} features")
    if out_a is None or out_a != out_b:
        return Verdict(st, None, "the sentence does not fix the output shape")
    return Verdict(st, claimed == out_a,
                   f"{call} on inputs of {what} {x} outputs {what} {tuple(out_a)}")


def _judge_derivative(st: Statement, fact: dict[str, Any]) -> Verdict:
    c = st.claim
    if c["mode"] == "at":
        y = fact["y"]
        return Verdict(st, abs(y - c["v"]) <= tolerance(c["digits"], y),
                       f"its derivative at {_fmt(c['at'])} is {y:.4g}")
    if c["mode"] == "domain":
        lo, hi = fact[c["domain"]]["lo"], fact[c["domain"]]["hi"]
        tol = tolerance(c["digits"], c["v"])
        return Verdict(st, abs(lo - c["v"]) <= tol and abs(hi - c["v"]) <= tol,
                       f"for {_DOMAIN_WORDS[c['domain']]} its derivative spans "
                       f"[{_fmt(lo)}, {_fmt(hi)}]")
    hi = fact["hi"]
    if c["mode"] == "max":
        ok = abs(hi - c["v"]) <= tolerance(c["digits"], hi)
    elif c["mode"] == "exceeds":
        ok = (hi > c["v"] + 1e-3) == c["holds"]
    else:
        ok = hi <= c["v"] + 1e-3
    return Verdict(st, ok, f"its derivative spans [{_fmt(fact['lo'])}, {_fmt(hi)}]")


def _judge_bound(st: Statement, fact: dict[str, Any]) -> Verdict:
    c = st.claim
    end, v = (fact["hi"] if c["above"] else fact["lo"]), c["v"]
    infinite = end in ("-inf", "+inf")
    actual = f"its outputs span [{_fmt(fact['lo'])}, {_fmt(fact['hi'])}]"
    if c.get("mode") == "extreme":  # "the smallest output of GELU is -0.17"
        return Verdict(st, not infinite and abs(end - v) <= tolerance(c["digits"], end), actual)
    if c.get("mode") == "side":
        if c["unbounded"]:  # "ReLU is unbounded above"
            return Verdict(st, infinite == c["holds"], actual)
        within = not infinite and (end <= v + 1e-6 if c["above"] else end >= v - 1e-6)
        return Verdict(st, within == c["holds"], actual)  # "bounded below by 0"
    if infinite:  # "can exceed 1", "goes as low as -2"
        goes = True
    elif c.get("incl"):
        goes = end >= v - 1e-6 if c["above"] else end <= v + 1e-6
    else:
        goes = end > v + 1e-6 if c["above"] else end < v - 1e-6
    return Verdict(st, goes == c["holds"], actual)


def source(kind: str) -> str:
    """Who settles a statement of this kind, for the finding: plain arithmetic (the steps of an
    epoch) or the pinned TensorFlow/Keras."""
    return "arithmetic" if kind == "steps" else "TensorFlow"


def judge(st: Statement, fact: dict[str, Any]) -> Verdict:
    if "error" in fact:
        return Verdict(st, None, fact["error"])
    if st.kind == "steps":  # arithmetic of model.fit: the last batch is partial
        c = st.claim
        n = math.floor(c["n"] * (1 - c["split"])) if "split" in c else c["n"]
        steps, rest = -(-n // c["b"]), n % c["b"]
        ok = c["k"] == steps or (c["full"] and c["k"] == n // c["b"])
        tail = f" ({n // c['b']} full batches and one of {rest})" if rest else ""
        split = (f" and validation_split={c['split']:g} (it trains on the first {n})"
                 if "split" in c else "")
        return Verdict(st, ok, f"model.fit on {c['n']} examples with batch_size={c['b']}{split} "
                               f"runs {steps} steps per epoch{tail}")
    if st.kind in ("value", "vector", "sign", "point", "count", "shape"):
        return _judge_v2(st, fact)
    if st.kind == "default":
        return Verdict(st, *judge_default(st.subject, st.claim["value"], fact, _fmt))
    if st.kind == "loss":
        return Verdict(st, *judge_loss(st.subject, st.claim, fact))
    if st.kind == "metric":
        return Verdict(st, *judge_metric(st.subject, st.claim, fact))
    if st.kind == "penalty":
        return Verdict(st, *judge_penalty(st.subject, st.claim, fact))
    if st.kind == "update":
        return Verdict(st, *judge_update(st.claim, fact))
    if st.kind == "schedule":
        return Verdict(st, *judge_schedule(st.subject, st.claim, fact))
    if st.kind == "metric_arrays":
        return Verdict(st, *judge_metric_array(st.subject, st.claim, fact))
    if st.kind == "range":
        actual = f"[{_fmt(fact['lo'])}, {_fmt(fact['hi'])}]"
        ok = _close(st.claim["lo"], fact["lo"]) and _close(st.claim["hi"], fact["hi"])
        return Verdict(st, ok != st.claim["negated"], f"its outputs span {actual}")
    if st.kind == "derivative":
        return _judge_derivative(st, fact)
    if st.kind == "bound":
        return _judge_bound(st, fact)
    if st.kind == "params":
        n = fact["trainable"]
        words = f"{n} trainable parameters" + (
            f" ({fact['non_trainable']} non-trainable)" if fact["non_trainable"] else "")
        return Verdict(st, (n > 0) == st.claim["has"], f"a built layer has {words}")
    op = st.claim["op"]
    actual = fact[op]
    what = ("adding a constant to its input" if op == "shift"
            else "multiplying its input by a positive constant")
    return Verdict(st, actual == st.claim["holds"],
                   f"{what} {'leaves its output unchanged' if actual else 'changes its output'}")


def fact_request(spec: Spec, st: Statement) -> dict[str, Any]:
    if st.kind == "loss":
        return loss_request(st.subject, st.claim)
    if st.kind == "metric":
        return metric_request(st.subject, st.claim)
    if st.kind == "penalty":
        return penalty_request(st.subject, st.claim)
    if st.kind == "update":
        return update_request(st.claim)
    if st.kind == "schedule":
        return schedule_request(st.subject, st.claim)
    if st.kind == "metric_arrays":
        return metric_array_request(st.subject, st.claim)
    if st.kind == "default":
        return {"kind": "default", "path": st.subject, "params": st.claim["params"]}
    if st.kind in ("count", "shape"):
        return {"kind": "layer", **st.claim["layer"]}
    if st.kind in ("value", "vector", "sign", "point"):
        assert spec.v2 is not None
        req: dict[str, Any] = {"kind": "value" if st.kind == "point" else st.kind,
                               "name": st.subject, "tf": spec.v2.fns[st.subject]["tf"]}
        if st.kind in ("value", "vector", "point"):
            req["x"] = st.claim["x"]
        return req
    if st.kind == "params":
        layer = spec.layers[st.subject]
        req = {"kind": "params", "name": st.subject, "keras": layer["keras"],
               "input": layer["input"]}
        if "dtype" in layer:
            req["dtype"] = layer["dtype"]
        return req
    kind = {"bound": "range", "derivative": "drange"}.get(st.kind, st.kind)  # read off a range
    if st.kind == "derivative" and st.claim["mode"] == "at":
        return {"kind": "dvalue", "name": st.subject, "tf": spec.functions[st.subject]["tf"],
                "x": st.claim["at"]}
    return {"kind": kind, "name": st.subject, "tf": spec.functions[st.subject]["tf"]}


def _tf_version() -> str:
    for dist in ("tensorflow-cpu", "tensorflow"):
        try:
            return version(dist)
        except PackageNotFoundError:
            continue
    return "?"


class Settler:
    """Settle statements, computing the facts they need at most once (cache, then one child)."""

    def __init__(self, cache: CacheTable | None = None, timeout: float = 300.0):
        self.cache = cache or CacheTable(None)
        self.timeout = timeout
        self.spec = load_spec()
        self.ns = f"claim002:{self.spec.digest}:{_tf_version()}"
        self.runs = 0  # child processes started (for stats and tests)

    def facts(self, requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
        keys = [self.cache.key(self.ns, json.dumps(r, sort_keys=True)) for r in requests]
        out: list[Any] = [self.cache.get(k) for k in keys]
        missing = [i for i, v in enumerate(out) if v is KeyError]
        if missing:
            uniq: dict[str, dict[str, Any]] = {}
            for i in missing:
                uniq.setdefault(keys[i], requests[i])
            results = self._compute(list(uniq.values()))
            by_key = dict(zip(uniq, results, strict=True))
            for i in missing:
                out[i] = by_key[keys[i]]
            for k, v in by_key.items():
                if "error" not in v:
                    self.cache.put(k, v)
        return out

    def _compute(self, requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
        self.runs += 1
        try:
            proc = subprocess.run([sys.executable, str(EVAL_SCRIPT)],
                                  input=json.dumps({"facts": requests}), capture_output=True,
                                  text=True, timeout=self.timeout, check=False)
            results = json.loads(proc.stdout)["results"]
        except (subprocess.TimeoutExpired, ValueError, KeyError, OSError) as exc:
            failed = {"error": f"TensorFlow evaluation failed: {type(exc).__name__}"}
            return [failed] * len(requests)
        return list(results)

    def settle(self, statements: list[Statement]) -> list[Verdict]:
        if not statements:
            return []
        child = [st for st in statements if st.kind != "steps"]  # steps: plain arithmetic
        facts = iter(self.facts([fact_request(self.spec, st) for st in child]) if child else [])
        return [judge(st, {} if st.kind == "steps" else next(facts)) for st in statements]
