"""RUN016 logits-into-probability-loss, found statically: a Keras model whose output is logits
(its last layer has no activation, or it is a class known to output logits) compiled, in the
same fence, with a cross-entropy that reads its input as probabilities (`from_logits=False`,
the default). What outputs logits and which losses expect probabilities is data: logits.yaml.

The fence is followed statement by statement (the record's `setup` first): what each variable
holds (a `Sequential` and its last layer, a layer, a tensor a layer made, a functional `Model`,
a loss, a function returning a model). Whatever is not understood is not logits: a finding
needs the whole chain, from the last layer to the loss given to `compile`."""

from __future__ import annotations

import ast
import fnmatch
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from qbank.core.issues import Issue
from qbank.core.loader import load_data

HERE = Path(__file__).resolve().parent
KERAS_ROOTS = {"keras", "tensorflow", "tf_keras"}
CODE = "RUN016"


@cache
def logits_catalog() -> dict[str, Any]:
    return load_data((HERE / "logits.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def _losses() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]],
                       dict[str, dict[str, Any]]]:
    """The loss entries by string name, by class name and by function name."""
    strings: dict[str, dict[str, Any]] = {}
    classes: dict[str, dict[str, Any]] = {}
    functions: dict[str, dict[str, Any]] = {}
    for entry in logits_catalog()["losses"]:
        for s in entry["strings"]:
            strings[s] = entry
        classes[entry["class"]] = entry
        functions[entry["function"]] = entry
    return strings, classes, functions


@dataclass(frozen=True)
class Out:
    """An output known to be logits, and what makes it so."""

    shown: str  # the layer call (`Dense(10)`) or the class (`TFBertForSequenceClassification`)
    layer: bool  # a Keras layer without activation (else a class that outputs logits)


@dataclass(frozen=True)
class Loss:
    shown: str  # the loss as written: `'binary_crossentropy'`, `SparseCategoricalCrossentropy()`
    entry: dict[str, Any]
    default: bool  # from_logits left at its default (else written `from_logits=False`)


@dataclass(frozen=True)
class Val:
    """What a variable (or an expression) holds, as far as RUN016 needs to know."""

    kind: str  # "sequential" | "model" | "layer" | "tensor" | "loss" | "function"
    out: Out | None = None  # the logits a model/tensor ends in, or a layer makes
    through: bool = False  # a layer that passes its input on (Dropout, linear Activation)
    loss: Loss | None = None
    ret: Val | None = None  # a function: the model it returns


def _short(node: ast.AST, limit: int = 60) -> str:
    text = ast.unparse(node)
    if len(text) > limit and isinstance(node, ast.Call):
        return f"{_short(node.func, limit)}(...)"
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _chain(node: ast.AST) -> list[str] | None:
    """`keras.layers.Dense` as ["keras", "layers", "Dense"]; None for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    return None


def _arg(call: ast.Call, pos: int | None, name: str) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    if pos is not None and len(call.args) > pos and not any(
            isinstance(a, ast.Starred) for a in call.args[:pos + 1]):
        return call.args[pos]
    return None


def _opaque(call: ast.Call, pos: int | None) -> bool:
    """`**kwargs`, or `*args` up to `pos`: the argument may be there, unseen."""
    return any(kw.arg is None for kw in call.keywords) or (pos is not None and any(
        isinstance(a, ast.Starred) for a in call.args[:pos + 1]))


class _Flow:
    def __init__(self, report: bool) -> None:
        self.cat = logits_catalog()
        self.report = report
        self.state: dict[str, Val] = {}
        self.imports: dict[str, str] = {}  # name -> the dotted path it was imported as
        self.local: set[str] = set()  # names the code itself binds (def, class, assignment)
        self.issues: list[Issue] = []

    # ---- where a name comes from
    def _origin(self, chain: list[str]) -> str | None:
        """The dotted path a name chain comes from: through the imports, as written when its
        root is bound nowhere (a fragment's `layers.Dense`), None when the code binds it."""
        root = chain[0]
        if root in self.imports:
            return ".".join([self.imports[root], *chain[1:]])
        if root in self.local or root in self.state:
            return None
        return ".".join(["?", *chain])

    def _from(self, chain: list[str] | None, roots: set[str]) -> str | None:
        """The leaf name of a chain that comes from one of `roots` (or from nowhere)."""
        if not chain:
            return None
        origin = self._origin(chain)
        if origin is None:
            return None
        top = origin.split(".")[0]
        return chain[-1] if top == "?" or top in roots else None

    # ---- statements
    def run(self, stmts: list[ast.stmt]) -> None:
        for s in stmts:
            self.stmt(s)

    def stmt(self, s: ast.stmt) -> None:
        if isinstance(s, ast.Import):
            for a in s.names:
                bound = a.asname or a.name.split(".")[0]
                self.imports[bound] = a.name if a.asname else bound
                self.state.pop(bound, None)
                self.local.discard(bound)
        elif isinstance(s, ast.ImportFrom):
            for a in s.names:
                bound = a.asname or a.name
                self.imports[bound] = ("." if s.level else f"{s.module}.") + a.name
                self.state.pop(bound, None)
                self.local.discard(bound)
        elif isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self._function(s)
        elif isinstance(s, ast.ClassDef):
            saved = dict(self.state), dict(self.imports), set(self.local)
            self.run(s.body)
            self.state, self.imports, self.local = saved
            self._bind(ast.Name(s.name), None)
        elif isinstance(s, (ast.If, ast.For, ast.AsyncFor, ast.While, ast.Try)):
            if isinstance(s, (ast.For, ast.AsyncFor)):
                self._bind(s.target, None)
            branches = [s.body, s.orelse]
            if isinstance(s, ast.Try):
                branches += [h.body for h in s.handlers] + [s.finalbody]
            self._branches(branches)
        elif isinstance(s, ast.Match):
            self._branches([c.body for c in s.cases])
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            for item in s.items:
                self._effects(item.context_expr)
                if item.optional_vars is not None:
                    self._bind(item.optional_vars, None)
            self.run(s.body)  # runs once, in order: `with strategy.scope():`
        elif isinstance(s, ast.Assign):
            self._effects(s.value)
            val = self.eval(s.value)
            for t in s.targets:
                self._bind(t, val)
        elif isinstance(s, ast.AnnAssign):
            if s.value is not None:
                self._effects(s.value)
                self._bind(s.target, self.eval(s.value))
        elif isinstance(s, ast.AugAssign):
            self._effects(s.value)
            self._bind(s.target, None)
        elif isinstance(s, ast.Delete):
            for t in s.targets:
                self._bind(t, None)
        else:
            self._effects(s)

    def _function(self, s: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        saved = dict(self.state), dict(self.imports), set(self.local)
        args = s.args
        for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if a is not None:
                self._bind(ast.Name(a.arg), None)
        self.run(s.body)
        returns = [n for n in _own_nodes(s) if isinstance(n, ast.Return)]
        ret = None
        if len(returns) == 1 and s.body and returns[0] is s.body[-1] \
                and returns[0].value is not None:
            ret = self.eval(returns[0].value)
        self.state, self.imports, self.local = saved
        fn = Val("function", ret=ret) if ret is not None and ret.kind in (
            "sequential", "model") else None
        self._bind(ast.Name(s.name), fn)

    def _branches(self, branches: list[list[ast.stmt]]) -> None:
        """Blocks that may run or not, once or more: each sees the state before; what any of
        them changes is unknown after."""
        pre = dict(self.state)
        changed: set[str] = set()
        for body in branches:
            self.state = dict(pre)
            self.run(body)
            changed |= {k for k in set(pre) | set(self.state)
                        if pre.get(k) is not self.state.get(k)}
        self.state = {k: v for k, v in pre.items() if k not in changed}

    def _bind(self, target: ast.AST, val: Val | None) -> None:
        if isinstance(target, ast.Name):
            self.imports.pop(target.id, None)
            self.local.add(target.id)
            if val is None:
                self.state.pop(target.id, None)
            else:
                self.state[target.id] = val
        elif isinstance(target, (ast.Tuple, ast.List)):
            for e in target.elts:
                self._bind(e, None)
        elif isinstance(target, ast.Starred):
            self._bind(target.value, None)
        elif isinstance(target, (ast.Attribute, ast.Subscript)):
            base: ast.AST = target
            while isinstance(base, (ast.Attribute, ast.Subscript)):
                base = base.value
            if isinstance(base, ast.Name):
                self.state.pop(base.id, None)  # `model.layers[-1].activation = ...`

    def _effects(self, node: ast.AST) -> None:
        """Calls that change a model or compile it: `.add`, `.pop`, `.compile`."""
        calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)
                 and isinstance(n.func, ast.Attribute)
                 and n.func.attr in ("add", "pop", "compile")]
        for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
            assert isinstance(call.func, ast.Attribute)
            recv = call.func.value
            if call.func.attr == "compile":
                self._compile(call)
                continue
            if not isinstance(recv, ast.Name):
                continue
            held = self.state.get(recv.id)
            if held is None or held.kind != "sequential":
                continue
            if call.func.attr == "pop" or not call.args or call.keywords:
                out = None
            else:
                out = self._fold(held.out, call.args[0])
            self.state[recv.id] = Val("sequential", out=out)

    # ---- expressions
    def eval(self, node: ast.AST) -> Val | None:
        if isinstance(node, ast.Name) and node.id in self.state:
            return self.state[node.id]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            entry = _losses()[0].get(node.value)
            return Val("loss", loss=Loss(repr(node.value), entry, True)) if entry else None
        if isinstance(node, (ast.Name, ast.Attribute)):
            leaf = self._from(_chain(node), KERAS_ROOTS)
            entry = _losses()[2].get(leaf or "")
            return Val("loss", loss=Loss(_short(node), entry, True)) if entry else None
        if isinstance(node, ast.Call):
            return self._call(node)
        return None

    def _call(self, node: ast.Call) -> Val | None:
        func = node.func
        if isinstance(func, ast.Name) and func.id in self.state:
            return self._apply(self.state[func.id], node)
        if isinstance(func, ast.Call):
            inner = self._call(func)
            return self._apply(inner, node) if inner is not None else None
        chain = _chain(func)
        if chain is None:
            return None
        loaded = chain[-1] in ("from_pretrained", "from_config") and len(chain) > 1
        if loaded:
            chain = chain[:-1]  # a class's other constructor
        for lib, patterns in self.cat["logit_models"].items():
            leaf = self._from(chain, {lib})
            if leaf and any(fnmatch.fnmatchcase(leaf, p) for p in patterns):
                return Val("model", out=Out(leaf, layer=False))
        if loaded:
            return None
        leaf = self._from(chain, KERAS_ROOTS)
        if leaf is None:
            return None
        if leaf == "Sequential":
            arg = _arg(node, 0, "layers")
            if _opaque(node, 0) or not isinstance(arg, (ast.List, ast.Tuple)):
                return Val("sequential") if arg is None and not _opaque(node, 0) else None
            out: Out | None = None
            for elt in arg.elts:
                out = self._fold(out, elt)
            return Val("sequential", out=out)
        if leaf in ("Model", "Functional"):
            outputs = _arg(node, 1, "outputs")
            made = self.eval(outputs) if outputs is not None else None
            if made is not None and made.kind == "tensor" and made.out is not None:
                return Val("model", out=made.out)
            return None
        linear: dict[str, int] = self.cat["linear_layers"]
        if leaf in linear:
            pos = linear[leaf]
            if _opaque(node, pos):
                return Val("layer")
            act = _arg(node, pos, "activation")
            return Val("layer", out=Out(_short(node), layer=True)
                       if act is None or self._linear(act) else None)
        if leaf == "Activation":
            act = _arg(node, 0, "activation")
            return Val("layer", through=act is not None and self._linear(act)
                       and not _opaque(node, 0))
        if leaf in self.cat["pass_through"]:
            return Val("layer", through=True)
        classes = _losses()[1]
        if leaf in classes:
            return self._loss_object(node, classes[leaf])
        return None

    def _linear(self, act: ast.expr) -> bool:
        """`activation=None`, `"linear"` or `keras.activations.linear`: no activation."""
        if isinstance(act, ast.Constant):
            return act.value is None or act.value == "linear"
        return self._from(_chain(act), KERAS_ROOTS) == "linear"

    def _loss_object(self, node: ast.Call, entry: dict[str, Any]) -> Val | None:
        pos = int(entry["at"])
        if _opaque(node, pos):
            return None
        flag = _arg(node, pos, "from_logits")
        if flag is None:
            return Val("loss", loss=Loss(_short(node), entry, True))
        if isinstance(flag, ast.Constant) and flag.value is False:
            return Val("loss", loss=Loss(_short(node), entry, False))
        return None  # from_logits=True, or not known here

    def _apply(self, callee: Val, node: ast.Call) -> Val | None:
        """Calling a layer, a model or a function that returns a model."""
        if callee.kind == "function":
            return callee.ret
        if not node.args or isinstance(node.args[0], ast.Starred):
            return None
        if callee.kind == "layer":
            if callee.out is not None:
                return Val("tensor", out=callee.out)
            if callee.through:
                given = self.eval(node.args[0])
                return given if given is not None and given.kind == "tensor" else None
            return None
        if callee.kind in ("sequential", "model") and callee.out is not None:
            return Val("tensor", out=callee.out)
        return None

    def _fold(self, prev: Out | None, node: ast.expr) -> Out | None:
        """What a Sequential ends in after `node` is appended to it."""
        val = self.eval(node)
        if val is None:
            return None
        if val.kind == "layer":
            return val.out if val.out is not None else prev if val.through else None
        if val.kind in ("sequential", "model"):
            return val.out
        return None

    # ---- the finding
    def _compile(self, call: ast.Call) -> None:
        assert isinstance(call.func, ast.Attribute)
        model = self.eval(call.func.value)
        if model is None or model.kind not in ("sequential", "model") or model.out is None:
            return
        arg = _arg(call, 1, "loss")
        loss = self.eval(arg) if arg is not None and not _opaque(call, 1) else None
        if arg is None or loss is None or loss.loss is None or not self.report:
            return
        out, lo = model.out, loss.loss
        self.issues.append(Issue(CODE, arg.lineno, arg.col_offset, facts={
            "model": _short(call.func.value), "output": out.shown, "layer": out.layer,
            "loss": _short(arg), "loss_is": lo.shown if isinstance(arg, ast.Name) else None,
            "default": lo.default, "class": lo.entry["class"],
            "ends_with": lo.entry["ends_with"]}))


def _own_nodes(fn: ast.AST) -> list[ast.AST]:
    """The nodes of a function's body, without those of the functions and classes inside it."""
    out: list[ast.AST] = []
    todo = list(ast.iter_child_nodes(fn))
    while todo:
        node = todo.pop()
        out.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                 ast.Lambda)):
            todo.extend(ast.iter_child_nodes(node))
    return out


def logits_issues(tree: ast.AST, setup: str = "") -> list[Issue]:
    """RUN016 issues of one fence (its parsed code), after the record's `setup`."""
    flow = _Flow(report=False)
    if setup.strip():
        try:
            flow.run(ast.parse(setup).body)
        except (SyntaxError, ValueError, RecursionError):
            flow = _Flow(report=False)
    flow.report = True
    if isinstance(tree, ast.Module):
        try:
            flow.run(tree.body)
        except RecursionError:
            return []
    return flow.issues
