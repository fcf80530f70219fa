"""Static checks of a python fence (also fragments): parse, resolve `tf.`/`keras.` names
against the pinned API, bind keyword arguments to real signatures, flag TensorFlow 1 APIs."""

from __future__ import annotations

import ast
import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from qbank.fences import TYPOGRAPHIC
from qbank.loader import load_data
from validators.run.api import ApiIndex

HERE = Path(__file__).resolve().parent
MODEL_METHODS = {"compile", "fit", "evaluate", "predict", "train_on_batch", "test_on_batch",
                 "predict_on_batch", "fit_generator", "evaluate_generator",
                 "predict_generator"}
REMOVED_METHODS = {"fit_generator": "`fit` (it accepts generators and datasets)",
                   "evaluate_generator": "`evaluate`", "predict_generator": "`predict`",
                   "predict_classes": "`np.argmax(model.predict(x), axis=-1)`",
                   "predict_proba": "`model.predict(x)`"}
SAVE_EXTENSIONS = (".keras", ".h5", ".hdf5")


@dataclass(frozen=True)
class Issue:
    code: str  # RUN001, RUN002, RUN008, RUN009, RUN010, RUN012
    line: int  # 1-based, inside the fence body
    col: int  # 0-based
    message: str
    hint: str
    severity: str | None = None


@cache
def tf1_catalog() -> dict[str, dict[str, str]]:
    return load_data((HERE / "tf1.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def keyword_catalog() -> dict[str, dict[str, Any]]:
    return load_data((HERE / "keywords.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def tf1_entry(name: str) -> tuple[str, dict[str, str]] | None:
    cat = tf1_catalog()
    parts = name.split(".")
    for i in range(len(parts), 1, -1):
        head = ".".join(parts[:i])
        if head in cat:
            return head, cat[head]
    return None


def _module_to_api(mod: str) -> str | None:
    if mod == "tensorflow":
        return "tf"
    if mod.startswith("tensorflow."):
        return "tf." + mod[len("tensorflow."):]
    if mod == "keras" or mod.startswith("keras."):
        return mod
    if mod == "tf_keras" or mod.startswith("tf_keras."):
        return "tf.keras" + mod[len("tf_keras"):]
    return None


def prepare(body: str, lang: str = "python") -> str:
    """A `pycon`/doctest body as plain code: the `>>>`/`...` lines without prompts."""
    lines = body.splitlines()
    if lang == "pycon" or (lines and lines[0].lstrip().startswith(">>>")):
        out = []
        for ln in lines:
            s = ln.lstrip()
            if s.startswith((">>> ", "... ")) or s in (">>>", "..."):
                out.append(s[4:])
            else:
                out.append("")  # output line: keep numbering
        return "\n".join(out) + "\n"
    return body


class _Analyzer(ast.NodeVisitor):
    def __init__(self, api: ApiIndex, runs: bool, defaults: bool) -> None:
        self.api = api
        self.runs = runs
        self.aliases: dict[str, str] = {"tf": "tf", "keras": "keras"} if defaults else {}
        self.kind: dict[str, str] = {}  # variable -> "keras" | "other"
        self.local: set[str] = set()
        self.issues: list[Issue] = []
        self.reported: set[tuple[int, str]] = set()

    # ---- name resolution
    def resolve(self, node: ast.AST) -> str | None:
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Name) and node.id in self.aliases:
            return ".".join([self.aliases[node.id], *reversed(parts)])
        return None

    def add(self, issue: Issue) -> None:
        key = (issue.line, issue.code + issue.message)
        if key not in self.reported:
            self.reported.add(key)
            self.issues.append(issue)

    def check_name(self, dotted: str, node: ast.AST) -> str:
        """'ok' | 'reported' | 'opaque'"""
        entry = tf1_entry(dotted)
        line, col = getattr(node, "lineno", 1), getattr(node, "col_offset", 0)
        if entry is not None:
            _, info = entry
            what = info.get("what") or ("a TensorFlow 1 API" + (
                " (removed in TensorFlow 2)" if info.get("severity") != "warning"
                else " (kept only under `tf.compat.v1`)"))
            self.add(Issue("RUN010", line, col, f"`{dotted}` is {what}",
                           f"use {info['use']}", info.get("severity")))
            return "reported"
        if not self.api.available:
            return "opaque"
        state, detail = self.api.lookup(dotted)
        if state == "unknown":
            parent = detail.rsplit(".", 1)[0]
            near = self._near(detail)
            self.add(Issue("RUN002", line, col,
                           f"`{detail}` does not exist in the pinned TensorFlow/Keras "
                           f"({self._versions()})",
                           f"did you mean `{near}`?" if near else
                           f"see what `{parent}` offers in the pinned version's API docs"))
            return "reported"
        return "ok" if state == "known" else "opaque"

    def _versions(self) -> str:
        v = self.api.versions
        return f"TensorFlow {v.get('tensorflow', '?')}, Keras {v.get('keras', '?')}"

    def _near(self, dotted: str) -> str | None:
        parent, _, leaf = dotted.rpartition(".")
        siblings = self.api.children(self.api.canonical(parent))
        near = difflib.get_close_matches(leaf, siblings, n=1, cutoff=0.75)
        return f"{parent}.{near[0]}" if near else None

    # ---- imports
    def visit_Import(self, node: ast.Import) -> None:
        for a in node.names:
            api = _module_to_api(a.name)
            if api is None:
                bound = (a.asname or a.name).split(".")[0]
                self.aliases.pop(bound, None)
                self.local.add(bound)
                continue
            if self.check_name(api, node) != "reported" and a.asname:
                self.aliases[a.asname] = api
            elif a.asname is None:
                top = a.name.split(".")[0]
                self.aliases[top] = _module_to_api(top) or top
            else:
                self.aliases[a.asname] = api

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        api = _module_to_api(node.module or "") if not node.level else None
        for a in node.names:
            bound = a.asname or a.name
            if api is None or a.name == "*":
                self.aliases.pop(bound, None)
                self.local.add(bound)
                continue
            full = f"{api}.{a.name}"
            self.check_name(full, node)
            self.aliases[bound] = full

    # ---- assignments: what kind of object a variable holds
    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        kind = self._value_kind(node.value)
        for t in node.targets:
            for name in _names(t):
                self.aliases.pop(name, None)
                if kind:
                    self.kind[name] = kind
                else:
                    self.kind.pop(name, None)
        for t in node.targets:
            self.visit(t)

    def _value_kind(self, value: ast.AST) -> str | None:
        if isinstance(value, ast.Call):
            dotted = self.resolve(value.func)
            if dotted is not None:
                return "keras"
            if isinstance(value.func, ast.Name) and value.func.id in self.local:
                return "other"  # an instance of something imported from another library
            if isinstance(value.func, ast.Attribute):
                base = value.func
                while isinstance(base, ast.Attribute):
                    base = base.value  # type: ignore[assignment]
                if isinstance(base, ast.Name) and base.id in self.local:
                    return "other"
        return None

    # ---- attribute chains and calls
    def visit_Attribute(self, node: ast.Attribute) -> None:
        dotted = self.resolve(node)
        if dotted is not None and isinstance(node.ctx, ast.Load):
            self.check_name(dotted, node)
            return  # the chain is checked as a whole
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        dotted = self.resolve(node.func)
        if dotted is not None:
            if self.check_name(dotted, node.func) == "ok":
                state, sig = self.api.lookup(dotted)
                if state == "known" and isinstance(sig, dict):
                    self._keywords(node, dotted, sig)
        elif isinstance(node.func, ast.Attribute):
            self._method(node)
            self.visit(node.func.value)
        else:
            self.visit(node.func)
        for a in node.args:
            self.visit(a)
        for k in node.keywords:
            self.visit(k.value)

    def _method(self, node: ast.Call) -> None:
        func = node.func
        assert isinstance(func, ast.Attribute)
        recv = func.value
        if not isinstance(recv, ast.Name) or recv.id in self.aliases:
            return
        if self.kind.get(recv.id) == "other" or recv.id in self.local:
            return
        name = func.attr
        if name in REMOVED_METHODS and (self.kind.get(recv.id) == "keras"
                                        or "model" in recv.id.lower()):
            self.add(Issue("RUN002", node.lineno, node.col_offset,
                           f"`Model.{name}` does not exist in Keras 3",
                           f"use {REMOVED_METHODS[name]}"))
            return
        if name in MODEL_METHODS and self.api.available:
            state, sig = self.api.lookup(f"keras.Model.{name}")
            if state == "known" and isinstance(sig, dict):
                self._keywords(node, f"Model.{name}", sig)
        if name == "save" and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str) \
                and ("model" in recv.id.lower() or self.kind.get(recv.id) == "keras") \
                and not node.args[0].value.lower().endswith(SAVE_EXTENSIONS):
            path = node.args[0].value
            self.add(Issue("RUN012", node.args[0].lineno, node.args[0].col_offset,
                           f"`{recv.id}.save({path!r})`: Keras 3 saves only to a `.keras` "
                           "(or legacy `.h5`) file and raises on any other path",
                           f"save to `{path.rstrip('/')}.keras`, or use "
                           f"`{recv.id}.export({path!r})` for a TensorFlow SavedModel"))

    def _keywords(self, node: ast.Call, dotted: str, sig: dict[str, Any]) -> None:
        params = set(sig.get("params", []))
        cat = keyword_catalog()
        for kw in node.keywords:
            if kw.arg is None:
                continue
            raw: Any = cat.get("deprecated", {}).get(kw.arg)
            entry: dict[str, Any] | None = {"hint": raw} if isinstance(raw, str) else raw
            if entry and sig.get("kind") == "class" \
                    and kw.arg in {"input_length"} | params \
                    and not dotted.endswith(("Input", "InputLayer",
                                             *entry.get("not_for", []))):
                # reported even in runnable fences: the run may stop before this line (a
                # NameError above it); the real warning on the same line is then dropped
                self.add(Issue("RUN008", kw.value.lineno, kw.value.col_offset,
                               f"Keras warns about `{kw.arg}=` in `{dotted}(...)`",
                               entry["hint"], "warning"))
                continue
            if sig.get("open") or kw.arg in params:
                continue
            renamed = cat.get("renamed", {}).get(kw.arg)
            near = difflib.get_close_matches(kw.arg, sorted(params), n=1, cutoff=0.7)
            hint = ((f"use {renamed}" if renamed.startswith("`") else renamed) if renamed else
                    f"did you mean `{near[0]}=`?" if near else
                    f"`{dotted.rsplit('.', 1)[-1]}` accepts: "
                    + ", ".join(f"`{p}`" for p in sorted(params))[:300] if params else
                    f"`{dotted.rsplit('.', 1)[-1]}` takes no keyword arguments")
            self.add(Issue("RUN009", kw.value.lineno, max(0, kw.value.col_offset - len(kw.arg)
                                                         - 1),
                           f"`{dotted}` has no keyword argument `{kw.arg}` in the pinned "
                           f"version ({self._versions()})", hint))

    # ---- scopes: names bound locally shadow the conventional aliases
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        saved = dict(self.aliases), dict(self.kind)
        args = node.args
        for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if a is not None:
                self.aliases.pop(a.arg, None)  # a parameter shadows a module alias
                self.kind.pop(a.arg, None)
        self.generic_visit(node)
        self.aliases, self.kind = saved

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]


def _names(target: ast.AST) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for e in target.elts for n in _names(e)]
    return []


_MAGIC = re.compile(r"^\s*[!%]")


def analyze(body: str, api: ApiIndex, *, runs: bool, setup: str = "",
            lang: str = "python") -> list[Issue]:
    """Every static issue of one fence; lines are 1-based within the body."""
    code = prepare(body, lang)
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        line = exc.lineno or 1
        text = (code.splitlines() or [""])[min(line, max(1, len(code.splitlines()))) - 1]
        hint = ("shell and IPython commands (`!pip`, `%matplotlib`) are not Python: put them in "
                "a ```bash fence" if _MAGIC.match(text) else
                "fix the code; if it is deliberately incomplete pseudo-code, use a ```text fence")
        issues = [Issue("RUN001", line, max(0, (exc.offset or 1) - 1),
                        f"the code does not parse: {exc.msg}", hint)]
        # Code pasted from a web page often fails to parse only because of its typographic
        # quotes (TXT002 reports those): read it with them straightened, so that the API
        # checks still see a removed argument or a TF1 call behind them.
        straight = code.translate(_STRAIGHTEN)
        if straight != code:
            try:
                tree = ast.parse(straight)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                return issues
            extra = _visit(tree, api, runs, setup)
            if runs:
                extra += _undefined_names(straight, setup)
            return issues + sorted(extra, key=lambda i: (i.line, i.col, i.code))
        return issues
    except (ValueError, RecursionError, MemoryError) as exc:
        return [Issue("RUN001", 1, 0, f"the code does not parse: {exc}", "fix the code")]
    return _visit(tree, api, runs, setup)


# one character for one character, so that columns stay right
_STRAIGHTEN = str.maketrans({k: v for k, v in TYPOGRAPHIC.items() if len(v) == 1})


def _undefined_names(code: str, setup: str) -> list[Issue]:
    """RUN015: the names a fence uses and neither it nor the record's `setup` defines (pyflakes).
    Only asked for a runnable fence that does not parse: it is never run, so the NameError it
    would raise next is reported now, not one fix later."""
    from pyflakes import checker, messages

    head = setup.rstrip("\n") + "\n" if setup.strip() else ""
    try:
        tree = ast.parse(head + code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        head = ""
        tree = ast.parse(code)
    offset = head.count("\n")
    seen: set[str] = set()
    out: list[Issue] = []
    for msg in checker.Checker(tree, filename="<fence>").messages:
        if not isinstance(msg, messages.UndefinedName) or msg.lineno <= offset:
            continue
        name = str(msg.message_args[0])
        if name in seen:
            continue
        seen.add(name)
        out.append(Issue("RUN015", msg.lineno - offset, msg.col,
                         f"`{name}` is used but never defined: once the code parses, it will "
                         "raise NameError",
                         "define or import it in the fence, put shared code in the record's "
                         "`setup`, or mark the fence `python fragment`"))
    return out


def _visit(tree: ast.AST, api: ApiIndex, runs: bool, setup: str) -> list[Issue]:
    an = _Analyzer(api, runs, defaults=True)
    if setup:
        try:
            pre = _Analyzer(api, runs, defaults=True)
            pre.visit(ast.parse(setup))
            an.aliases.update(pre.aliases)
            an.kind.update(pre.kind)
            an.local |= pre.local
        except (SyntaxError, ValueError, RecursionError):
            pass
    an.visit(tree)
    return sorted(an.issues, key=lambda i: (i.line, i.col, i.code))
