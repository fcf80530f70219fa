"""CLAIM002's engine: recognise statements TensorFlow can settle (computable.yaml) and settle them.

`find_statements(sentence)` is pure Python (regexes from the YAML). `Settler.settle(statements)`
gathers the facts they need (a function's output range, a layer's trainable parameter count, a
function's shift/scale invariance), reads them from the cache or computes the missing ones in
ONE child process (`tfeval.py`, which imports TensorFlow), and returns a verdict per statement.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from qbank.core.cache import CacheTable, source_fingerprint
from qbank.core.loader import load_data
from validators.claim.catalog import _NEG, normalize

DATA_FILE = Path(__file__).with_name("computable.yaml")
EVAL_SCRIPT = Path(__file__).with_name("tfeval.py")
NUM = r"[-+−]?\s*\d+(?:\.\d+)?"


@dataclass(frozen=True, slots=True)
class Statement:
    kind: str  # range | params | invariance
    subject: str  # function or layer key
    claim: dict[str, Any]  # range: lo, hi; params: has (bool); invariance: op, holds
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
    params_rx: list[re.Pattern[str]]
    inv_rx: list[re.Pattern[str]]
    digest: str


def _alternation(table: dict[str, dict[str, Any]]) -> str:
    return "|".join(f"(?:{v['pattern']})" for v in table.values())


@cache
def load_spec(path: Path = DATA_FILE) -> Spec:
    text = path.read_text(encoding="utf-8")
    data = load_data(text)
    fns, layers = data["functions"], data["layers"]
    numbers = [(k, re.compile(v, re.I)) for k, v in data["numbers"].items()]
    num_rx = "(?:" + "|".join(v.pattern for _, v in numbers) + "|" + NUM + ")"

    def sub(rx: str, group: str) -> str:
        return (rx.replace("{NUM}", num_rx).replace("{FN}", f"(?:{_alternation(fns)})")
                .replace("{LAYER}", f"(?:{_alternation(layers)})"))

    st = data["statements"]
    digest = hashlib.sha256((text + source_fingerprint(EVAL_SCRIPT)).encode()).hexdigest()[:16]
    return Spec(
        functions=fns, layers=layers, fn_rx=re.compile(_alternation(fns), re.I),
        layer_rx=re.compile(_alternation(layers), re.I), num_rx=num_rx, numbers=numbers,
        link=re.compile(data["range_link"], re.I), blocker=re.compile(data["range_blocker"], re.I),
        range_rx=[re.compile(sub(r, "range"), re.I) for r in st["range"]],
        params_rx=[re.compile(sub(r, "params"), re.I) for r in st["params"]],
        inv_rx=[re.compile(sub(r, "inv"), re.I) for r in st["invariance"]],
        digest=digest)


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
    return float(raw.replace(" ", ""))


def find_statements(sentence: str, spec: Spec | None = None) -> list[Statement]:
    """Statements in one sentence that TensorFlow can settle."""
    spec = spec or load_spec()
    s = normalize(sentence)
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
            if spec.link.sub("", gap).strip(" ,;:()") and not re.search(
                    r"\b(outputs?|range|values?|maps?|squash\w*|returns?|produces?|gives?|lies|"
                    r"bounded)\b", gap, re.I):
                continue
            key = _which(spec.functions, f.group(0))
            if key is None or key == "layer_norm":
                continue
            try:
                lo, hi = _number(spec, m.group("lo")), _number(spec, m.group("hi"))
            except ValueError:
                continue
            negated = bool(_NEG.search(gap))
            out.append(Statement("range", key, {"lo": lo, "hi": hi, "negated": negated},
                                 s[f.start():m.end()], f.start()))
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
    seen: set[str] = set()
    uniq = []
    for st in sorted(out, key=lambda x: x.start):
        if st.key() not in seen:
            seen.add(st.key())
            uniq.append(st)
    return uniq


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


def judge(st: Statement, fact: dict[str, Any]) -> Verdict:
    if "error" in fact:
        return Verdict(st, None, fact["error"])
    if st.kind == "range":
        actual = f"[{_fmt(fact['lo'])}, {_fmt(fact['hi'])}]"
        ok = _close(st.claim["lo"], fact["lo"]) and _close(st.claim["hi"], fact["hi"])
        return Verdict(st, ok != st.claim["negated"], f"its outputs span {actual}")
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
    if st.kind == "params":
        layer = spec.layers[st.subject]
        req = {"kind": "params", "name": st.subject, "keras": layer["keras"],
               "input": layer["input"]}
        if "dtype" in layer:
            req["dtype"] = layer["dtype"]
        return req
    return {"kind": st.kind, "name": st.subject, "tf": spec.functions[st.subject]["tf"]}


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
        facts = self.facts([fact_request(self.spec, st) for st in statements])
        return [judge(st, f) for st, f in zip(statements, facts, strict=True)]
