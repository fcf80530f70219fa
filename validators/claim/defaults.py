"""CLAIM002's defaults grammar: "<Keras object>'s <parameter> defaults to <value>".

A sentence states a default when it names a Keras object (a layer of computable.yaml's
`namespace`, an optimizer, callback, loss, metric or regularizer of `defaults.objects`, or an
activation function in code, `keras.activations.elu`; where it names several, a parameter
belongs to the nearest one before it in its clause), one of its
constructor parameters (as in code, `learning_rate`, in words, "learning rate", or by an alias,
"penalty factor"), a value for it, and says it speaks of the default ("by default", "unless told
otherwise", "created without arguments"). The child (`tfeval.py`) reads the real default of the
pinned Keras with `inspect.signature`; a parameter the class does not have settles nothing.

```python
from validators.claim.computable import find_statements
[st.claim for st in find_statements("Keras's Adam uses a learning rate of 0.01 by default.")]
# [{'params': ['learning_rate'], 'value': 0.01}]
```
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_VALUE = (r"(?P<v>10\^\{?-?\d+\}?(?![\w.])|[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[-+]?\d+)?"
          r"(?![\w%×]|\.\d|\s*[\^/·x×*⁻]|\s*(?:times|x) ?10)"
          r"|'[\w-]+'|\"[\w-]+\"|`[\w-]+`|\b(?:true|false|none|same|valid|causal|tanh|sigmoid"
          r"|relu|linear|softmax|auto|min|max|zeros|ones|orthogonal|glorot_uniform|glorot_normal"
          r"|he_normal|he_uniform|lecun_normal|lecun_uniform|hard_sigmoid|selu|elu|gelu|swish"
          r"|silu)\b)")
# the words between a parameter and its value: "momentum of 0.9", "epsilon=1e-8",
# "padding defaults to 'same'", "a learning rate set at 0.001"
_LINK = (r"\s*(?:(?:by default|defaults?|default value|is|are|was|set|equals?|equal|of|to|at"
         r"|=|:|value|fixed)\s*){0,4}")
_INSTRUCTION = re.compile(r"\b(?:set|sets|setting|pass|passing|need|needs|must|should|requires?"
                          r"|want|change|override)\s+(?:\w+\s+){0,2}$"
                          r"|\b(?:only|unless|if|when|once)\s+(?:with\s+|you\s+\w+\s+)?$", re.I)
# a value the sentence offers as a choice, not as the default: "SGD with momentum 0.9 usually
# beats plain SGD", "a typical momentum of 0.9", "a learning rate of 0.1 is too high for Adam"
# ("trains with a learning rate of 0.01" states what the object does, not a choice)
_CHOICE = re.compile(r"(?<!trains )(?<!runs )(?<!starts )(?<!comes )(?<!ships )(?<!created )"
                     r"(?<!built )\b(?:with|use|using|try|trying|typical|typically|common|"
                     r"commonly|usual|usually|often|popular|recommended|instead of|than|"
                     r"suggests?|suggested|tuned|tuning|works? best|chose|choose)"
                     r"\s+(?:\w+\s+){0,2}$", re.I)
_BY_DEFAULT = re.compile(r"\s*,?\s*by default\b", re.I)
# "MaxPooling2D() with no arguments slides with stride 1": every value in it is a default
_BARE = re.compile(r"\b(?:with no|without(?: any)?|no) arguments?\b", re.I)
# beside another object, one named as the value of an activation ("Dense applies a ReLU
# activation") is not the object the sentence speaks of
_KERAS = re.compile(r"\bkeras\b", re.I)
# "<parameter> of <object> is <value>": the words between the parameter and the object
_OF_OBJECT = re.compile(r"\s+(?:argument\s+|parameter\s+|arg\s+|setting\s+|value\s+)?"
                        r"(?:of|for|in)\s+(?:the\s+|a\s+|an\s+)?(?:(?:tf\.)?keras(?:'s)?\s+)?",
                        re.I)
_NOUN = re.compile(r"(?:\(\))?(?:\s+(?:optimi[sz]er|layer|callback|loss|class|regulari[sz]er|metric"
                   r"|object))?", re.I)
# "if you don't pass a learning rate, Adam uses 0.01": the value follows the object
_CONDITIONAL = re.compile(r"\bif\s+(?:you\s+)?(?:do\s+not|don't|never)\s+(?:pass|set|specify|give)"
                          r"\s+(?:an?\s+|the\s+|any\s+)?$", re.I)
_USES = re.compile(r"(?:\(\))?\s+(?:uses|defaults\s+to|falls\s+back\s+to|will\s+use|picks|takes)"
                   r"\s+(?:a\s+value\s+of\s+|the\s+value\s+)?" + _VALUE, re.I)


def _after_object(s: str, end: int) -> int:
    m = _NOUN.match(s, end)
    return m.end() if m else end
_AS_VALUE = re.compile(r"\s*(?:activations?|function)\b", re.I)
_JUDGED = re.compile(r"\s+(?:is|are|was|seems?)\s+(?:(?:far|much|way|a bit|often|usually)\s+)?"
                     r"(?:too|better|worse|typical|common|popular|recommended|fine|enough)\b", re.I)
_BEFORE = re.compile(r"(?P<v>'[\w-]+'|\"[\w-]+\"|`[\w-]+`|\b(?:same|valid|causal|linear|tanh"
                     r"|sigmoid|relu|softmax)\b)\s+$", re.I)


@dataclass(frozen=True)
class Defaults:
    objects: list[tuple[str, re.Pattern[str]]]  # "keras.optimizers.Adam", its prose pattern
    params: list[tuple[str, re.Pattern[str]]]  # parameter name, its prose pattern (longest first)
    cue: re.Pattern[str]
    foreign: re.Pattern[str]  # another framework, a paper, an older Keras: not the pinned one
    after: re.Pattern[str]
    # phrasings that carry a parameter and its value at once: "halves the learning rate"
    # (factor 0.5), "the area under the precision-recall curve" (curve 'PR'); a group holds
    # the value, else `value`
    phrases: list[tuple[re.Pattern[str], str, Any]]


def load_defaults(data: dict[str, Any], layer_pattern: Callable[[str], str],
                  layers: list[tuple[str, re.Pattern[str]]]) -> Defaults | None:
    """`layers`: the namespace's layers and their compiled prose patterns (computable.py)."""
    d = data.get("defaults")
    if not d:
        return None
    aliases: dict[str, str] = d.get("aliases") or {}
    objects = [(path, re.compile(rx, re.I)) for path, rx in aliases.items()]
    for module, names in d["objects"].items():
        for name in sorted(names, key=len, reverse=True):
            path = f"keras.{module}.{name}"
            if module == "activations":  # functions, named in code only: "activations.elu"
                mod = r"(?:(?:tf\.)?keras\.activations\.|activations\.)"
                mod += "?" if "_" in name else ""  # "leaky_relu" alone is code, "relu" a word
                objects.append((path, re.compile(rf"(?<![\w.])(?-i:{mod}{name})(?![\w])")))
                continue
            code = rf"(?<![\w.])(?-i:(?:(?:tf\.)?keras\.{module}\.|{module}\.)?{name})(?![\w])"
            objects.append((path, re.compile(code + "|" + layer_pattern(name), re.I)))
    objects += [(f"keras.layers.{name}", rx) for name, rx in layers]
    p_alias: dict[str, str] = d.get("param_aliases") or {}
    params = []
    for name in sorted(d["params"], key=len, reverse=True):
        words = r"\b" + re.escape(name).replace("_", "[ _]") + r"\b"
        rx = f"{p_alias[name]}|{words}" if name in p_alias else words
        params.append((name, re.compile(rx, re.I)))
    phrases = [(re.compile(p["rx"], re.I), p["param"], p.get("value"))
               for p in d.get("phrases") or []]
    return Defaults(objects=objects, params=params, cue=re.compile(d["cue"], re.I),
                    foreign=re.compile(d["foreign"], re.I),
                    after=re.compile(_LINK + _VALUE, re.I), phrases=phrases)


def _value(raw: str) -> Any:
    raw = raw.strip("'\"`")
    low = raw.lower()
    if low in ("true", "false"):
        return low == "true"
    if low == "none":
        return None
    if m := re.fullmatch(r"10\^\{?(-?\d+)\}?", raw):
        return 10.0 ** int(m.group(1))
    try:
        return float(raw)
    except ValueError:
        return low


def default_statements(s: str, d: Defaults, negation: re.Pattern[str],
                       clause: re.Pattern[str]) -> list[tuple[str, dict[str, Any], str, int]]:
    """The default claims of one (normalised) sentence: (object path, claim, text, start).
    The cue, the parameter and its value must lie in one clause (`clause` splits them)."""
    plain = re.sub(r",\s+not\s+[\w.']+", " ", d.cue.sub(" ", s))  # "..., not logits"
    for rx, _, _ in d.phrases:
        plain = rx.sub(" ", plain)  # "after 5 epochs without improvement" negates nothing
    if not d.cue.search(s) or negation.search(plain):
        return []
    named: dict[str, tuple[int, int]] = {}
    as_value: set[str] = set()
    for path, rx in d.objects:
        m = next((m for m in rx.finditer(s) if not _AS_VALUE.match(s, m.end())), None)
        if m is None and (m := rx.search(s)) is not None:
            as_value.add(path)
        if m and not any(a <= m.start() < b for a, b in named.values()):
            named.setdefault(path, m.span())
    if len(named) > 1:
        named = {k: v for k, v in named.items() if k not in as_value}
    if not named:
        return []
    objects = sorted((span, path) for path, span in named.items())
    out: list[tuple[str, dict[str, Any], str, int]] = []
    found = [(name, m) for name, rx in d.params for m in rx.finditer(s)]
    # the longest reading of each place first: "penalty factor" (l1, l2) before "factor"
    at: dict[tuple[int, int], list[str]] = {}
    for name, m in sorted(found, key=lambda f: (f[1].start() - f[1].end(), f[1].start())):
        if m.span() in at:
            at[m.span()].append(name)  # another parameter read at one place: the child
            continue                    # takes the first one the class has
        if any(a <= m.start() < b or a < m.end() <= b for a, b in [*named.values(), *at]):
            continue
        at[m.span()] = [name]
    cuts = [0] + [m.start() for m in clause.finditer(s)] + [len(s)]
    said = [(m.span(), p, next((g for g in m.groups() if g is not None), v))
            for rx, p, v in d.phrases for m in rx.finditer(s)]
    said = [(span, p, v) for span, p, v in said
            if not any(x <= span[0] < y for x, y in named.values())]
    for a, b in [span for span in at if any(x < span[1] and span[0] < y for (x, y), _, _ in said)]:
        del at[(a, b)]  # "halves the learning rate": the phrase's parameter, not learning_rate
    seen: set[tuple[str, str]] = set()
    for (a, b), names in sorted([*at.items(), *((span, [p]) for span, p, _ in said)]):
        lo = max(c for c in cuts if c <= a)
        hi = min(c for c in cuts if c >= b)
        if len(objects) == 1:
            obj, path = objects[0]
        else:  # several objects: the parameter's is the nearest one before it, in its clause
            owner = [(span, p) for span, p in objects if lo <= span[0] and span[1] <= a]
            if not owner:
                continue
            obj, path = owner[-1]
        if (path, names[0]) in seen or not d.cue.search(s[lo:hi]):
            continue  # the first mention of a parameter, in a clause that speaks of defaults
        seen.add((path, names[0]))
        head = s[:a]
        choice = _CHOICE.search(head)
        conditional = _CONDITIONAL.search(s[lo:a])
        if (_INSTRUCTION.search(head) and not conditional) or head.count("(") > head.count(")"):
            continue  # what to pass ("set ..."), a call's argument
        v = d.after.match(s, b)
        if choice and "default" not in choice.group(0).lower() and not (
                v and _BY_DEFAULT.match(s, v.end())) and not _BARE.search(s[lo:a]):
            continue  # a choice ("with momentum 0.9"), unless "with rho = 0.9 by default"
        if (v is None or v.end() > hi) and obj[0] >= b and _OF_OBJECT.fullmatch(s[b:obj[0]]):
            v = d.after.match(s, _after_object(s, obj[1]))  # "the momentum of BatchNorm is 0.9"
        elif v is None and obj[0] > b and conditional:
            v = _USES.match(s, obj[1])  # "if you don't pass a learning rate, Adam uses 0.01"
        before = _BEFORE.search(head)
        phrase = next((v for span, _, v in said if span == (a, b)), None)
        if phrase is not None:
            raw, end = str(phrase), b
        elif v is not None and v.end() <= hi:
            raw, end = v.group("v"), v.end()
        elif before is not None and before.start() >= lo:
            raw, end = before.group("v"), b
        else:
            continue
        if d.foreign.search(s[lo:end]) or (d.foreign.search(s) and not _KERAS.search(s[:end])):
            continue  # PyTorch's, a paper's, Keras 2's default (after the claim: unless Keras is
        value = _value(raw)  # named before it)
        if (isinstance(value, float) and not math.isfinite(value)) or _JUDGED.match(s, end):
            continue  # "a learning rate of 0.1 is too high for Adam": a value judged, not stated
        start = min(obj[0], a)
        out.append((path, {"params": names, "value": value}, s[start:max(end, obj[1])], start))
    return out


def judge_default(subject: str, claimed: Any, fact: dict[str, Any],
                  fmt: Any = str) -> tuple[bool | None, str]:
    """Whether the claimed default is the real one (None: they do not compare), in words."""
    actual, param = fact["default"], fact["param"]
    if param.endswith("activation"):  # no activation: a(x) = x
        actual = "linear" if actual is None else actual
        claimed = "linear" if claimed is None else claimed
    words = f"{subject}: {param} defaults to {_show(actual)}"
    ok: bool | None = None  # types that do not compare (a number for a None default) settle nothing
    if claimed is None:
        ok = actual is None
    elif isinstance(claimed, bool) and isinstance(actual, bool):
        ok = claimed is actual
    elif isinstance(claimed, float) and isinstance(actual, int | float) \
            and not isinstance(actual, bool):
        ok = abs(claimed - actual) <= 1e-9 * max(1.0, abs(actual))
        words = f"{subject}: {param} defaults to {fmt(actual)}"
    elif isinstance(claimed, str) and isinstance(actual, str):
        ok = claimed.lower() == actual.lower()
    return ok, words


def _show(v: Any) -> str:
    return repr(v) if isinstance(v, str) else str(v)
