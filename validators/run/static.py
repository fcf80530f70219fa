"""Static checks of a python fence (also fragments): parse, resolve `tf.`/`keras.` names
against the pinned API, bind keyword arguments to real signatures, flag TensorFlow 1 APIs.
Each finding is a `qbank.core.issues.Issue` whose `facts` hold what its rule module words."""

from __future__ import annotations

import ast
import difflib
import json
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from qbank.core.fences import TYPOGRAPHIC
from qbank.core.issues import Issue
from qbank.core.loader import load_data
from validators.run.api import ApiIndex
from validators.run.logits import logits_issues

HERE = Path(__file__).resolve().parent
MODEL_METHODS = {"compile", "fit", "evaluate", "predict", "train_on_batch", "test_on_batch",
                 "predict_on_batch", "fit_generator", "evaluate_generator",
                 "predict_generator"}
REMOVED_METHODS = {"fit_generator": "`fit` (it accepts generators and datasets)",
                   "evaluate_generator": "`evaluate`", "predict_generator": "`predict`",
                   "predict_classes": "`np.argmax(model.predict(x), axis=-1)`",
                   "predict_proba": "`model.predict(x)`"}
SAVE_EXTENSIONS = (".keras", ".h5", ".hdf5")


CATALOGS = ("tf1.yaml", "keywords.yaml", "keras_backend.yaml", "saving.yaml", "removed.yaml",
            "logits.yaml")
_KERAS_BACKEND_REMOVED = "a Keras 2 backend function, removed from `keras.backend` in Keras 3"
_KERAS_BACKEND_LEGACY = ("a legacy Keras 2 backend function (Keras 3 keeps it only in "
                         "`tf.keras.backend`)")


@cache
def tf1_catalog() -> dict[str, dict[str, str]]:
    """tf1.yaml, with an entry for each Keras 2 backend function of keras_backend.yaml under
    `keras.backend` (removed) and `tf.keras.backend` (legacy)."""
    cat: dict[str, dict[str, str]] = dict(
        load_data((HERE / "tf1.yaml").read_text(encoding="utf-8")))
    for name, use in keras_backend_catalog().items():
        cat.setdefault(f"keras.backend.{name}", {"what": _KERAS_BACKEND_REMOVED, "use": use})
        cat.setdefault(f"tf.keras.backend.{name}", {"what": _KERAS_BACKEND_LEGACY, "use": use,
                                                    "severity": "warning"})
    return cat


@cache
def keras_backend_catalog() -> dict[str, str]:
    return load_data((HERE / "keras_backend.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def saving_catalog() -> dict[str, dict[str, Any]]:
    return load_data((HERE / "saving.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def removed_catalog() -> dict[str, dict[str, str]]:
    return load_data((HERE / "removed.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def removed_entry(dotted: str) -> tuple[str, dict[str, str]] | None:
    """The name and removed.yaml entry covering a third-party name: the name itself, a module
    above it, or a `prefix*` key (its `use` may then name `{rest}`: what the `*` matched)."""
    cat = removed_catalog()
    parts = dotted.split(".")
    for i in range(len(parts), 1, -1):
        head = ".".join(parts[:i])
        if head in cat:
            return head, cat[head]
        for key, entry in cat.items():
            rest = head[len(key) - 1:]
            if key.endswith("*") and head.startswith(key[:-1]) and rest and "." not in rest:
                return head, {**entry, "use": entry["use"].replace("{rest}", rest)}
    return None


def removed_roots() -> set[str]:
    """The top-level packages that removed.yaml has entries for."""
    return {key.split(".")[0] for key in removed_catalog()}


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
        self.third: dict[str, str] = {}  # name -> module, for removed.yaml's libraries
        self.made: dict[str, str] = {}  # variable -> the tf./keras. API whose call made it
        self.issues: list[Issue] = []
        self.reported: set[tuple[int, str, str, str | None]] = set()

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
        key = (issue.line, issue.code, json.dumps(issue.facts, sort_keys=True), issue.severity)
        if key not in self.reported:
            self.reported.add(key)
            self.issues.append(issue)

    def check_name(self, dotted: str, node: ast.AST) -> str:
        """'ok' | 'reported' | 'opaque'"""
        entry = tf1_entry(dotted)
        line, col = getattr(node, "lineno", 1), getattr(node, "col_offset", 0)
        if entry is not None:
            _, info = entry
            self.add(Issue("RUN010", line, col, severity=info.get("severity"), facts={
                "name": dotted, "what": info.get("what"), "use": info["use"]}))
            return "reported"
        if not self.api.available:
            return "opaque"
        state, detail = self.api.lookup(dotted)
        if state == "unknown":
            self.add(Issue("RUN002", line, col, facts={
                "kind": "unknown", "name": detail, "near": self._near(detail),
                **self._versions()}))
            return "reported"
        return "ok" if state == "known" else "opaque"

    def check_removed(self, dotted: str, node: ast.AST) -> None:
        """RUN002 for a third-party name that its library removed (removed.yaml)."""
        entry = removed_entry(dotted)
        if entry is not None:
            name, info = entry
            self.add(Issue("RUN002", getattr(node, "lineno", 1), getattr(node, "col_offset", 0),
                           facts={"kind": "removed", "name": name, "removed": info["removed"],
                                  "use": info["use"]}))

    def _versions(self) -> dict[str, str]:
        v = self.api.versions
        return {"tensorflow": v.get("tensorflow", "?"), "keras": v.get("keras", "?")}

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
                self.check_removed(a.name, node)
                if a.name.split(".")[0] in removed_roots():
                    self.third[bound] = a.name if a.asname else bound
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
                if node.module and not node.level and a.name != "*":
                    self.check_removed(f"{node.module}.{a.name}", node)
                continue
            full = f"{api}.{a.name}"
            self.check_name(full, node)
            self.aliases[bound] = full

    # ---- assignments: what kind of object a variable holds
    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        kind = self._value_kind(node.value)
        made = self.resolve(node.value.func) if isinstance(node.value, ast.Call) else None
        for t in node.targets:
            for name in _names(t):
                self.aliases.pop(name, None)
                self.third.pop(name, None)
                if made:
                    self.made[name] = made
                else:
                    self.made.pop(name, None)
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
        if self.third and isinstance(node.ctx, ast.Load):
            parts: list[str] = []
            base: ast.AST = node
            while isinstance(base, ast.Attribute):
                parts.append(base.attr)
                base = base.value
            if isinstance(base, ast.Name) and base.id in self.third:
                self.check_removed(".".join([self.third[base.id], *reversed(parts)]), node)
                return
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        dotted = self.resolve(node.func)
        if dotted is not None:
            if self.check_name(dotted, node.func) == "ok":
                state, sig = self.api.lookup(dotted)
                if state == "known" and isinstance(sig, dict):
                    self._keywords(node, dotted, sig)
            api_name = "keras." + dotted[len("tf.keras."):] if dotted.startswith("tf.keras.") \
                else dotted
            if api_name in saving_catalog():
                self._save(node, api_name, dotted.rsplit(".", 1)[-1])
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
            self.add(Issue("RUN002", node.lineno, node.col_offset, facts={
                "kind": "method", "method": name, "use": REMOVED_METHODS[name]}))
            return
        if name in MODEL_METHODS and self.api.available:
            state, sig = self.api.lookup(f"keras.Model.{name}")
            if state == "known" and isinstance(sig, dict):
                self._keywords(node, f"Model.{name}", sig)
        made = self.made.get(recv.id)
        if f"Model.{name}" in saving_catalog() and (
                re.match(r"(tf\.)?keras\.", made) if made  # not a `tf.train.Checkpoint`
                else "model" in recv.id.lower()):
            self._save(node, f"Model.{name}", f"{recv.id}.{name}")

    def _save(self, node: ast.Call, key: str, shown: str) -> None:
        """RUN012: a model saved to a path Keras 3 refuses, or in the legacy HDF5 format;
        weights saved to a path that is not `.weights.h5` (saving.yaml)."""
        spec = saving_catalog()[key]
        pos, kw = spec["path"]
        arg: ast.expr | None = node.args[pos] if len(node.args) > pos else next(
            (k.value for k in node.keywords if k.arg == kw), None)
        path = _literal_tail(arg)
        if path is None or path.startswith(("hf://", "gs://", "s3://")) or any(
                k.arg is None or k.arg in spec.get("unless", []) for k in node.keywords):
            return
        assert arg is not None
        flag = spec.get("weights", False)
        weights = flag is True or (isinstance(flag, str) and any(
            k.arg == flag and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in node.keywords))
        literal = isinstance(arg, ast.Constant)
        # the call as the finding shows it: the path only when it is a literal
        facts: dict[str, Any] = {"call": shown, "after_args": bool(
            pos and node.args[pos:pos + 1] == [arg]), "path": path if literal else None}
        low = path.lower()
        line, col = arg.lineno, arg.col_offset
        if weights:
            if not low.endswith(".weights.h5"):
                self.add(Issue("RUN012", line, col, facts={**facts, "kind": "weights"}))
            return
        accepts = tuple(spec.get("accepts", SAVE_EXTENSIONS))
        if low.endswith((".h5", ".hdf5")) and low.endswith(accepts):
            self.add(Issue("RUN012", line, col, severity="warning", facts={
                **facts, "kind": "legacy", "weights_option": isinstance(flag, str)}))
        elif not low.endswith(accepts):
            self.add(Issue("RUN012", line, col, facts={
                **facts, "kind": "refused", "accepts": list(accepts),
                "owner": shown.rsplit(".", 1)[0] if key.startswith("Model.") else "model",
                "export": literal and "save" in key}))

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
                               severity="warning", facts={
                                   "keyword": kw.arg, "callee": dotted,
                                   "advice": entry["hint"]}))
                continue
            if sig.get("open") or kw.arg in params:
                continue
            near = difflib.get_close_matches(kw.arg, sorted(params), n=1, cutoff=0.7)
            self.add(Issue("RUN009", kw.value.lineno, max(0, kw.value.col_offset - len(kw.arg)
                                                         - 1), facts={
                "callee": dotted, "keyword": kw.arg,
                "renamed": cat.get("renamed", {}).get(kw.arg),
                "near": near[0] if near else None, "params": sorted(params),
                **self._versions()}))

    # ---- scopes: names bound locally shadow the conventional aliases
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        saved = dict(self.aliases), dict(self.kind), dict(self.made), dict(self.third)
        args = node.args
        for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if a is not None:
                self.aliases.pop(a.arg, None)  # a parameter shadows a module alias
                self.kind.pop(a.arg, None)
                self.made.pop(a.arg, None)
                self.third.pop(a.arg, None)
        self.generic_visit(node)
        self.aliases, self.kind, self.made, self.third = saved

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]


def _literal_tail(node: ast.expr | None) -> str | None:
    """A string literal's value; for an f-string, its literal end (what the extension is)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        last = node.values[-1]
        if isinstance(last, ast.Constant) and isinstance(last.value, str) and "." in last.value:
            return last.value
    return None


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
        issues = [Issue("RUN001", line, max(0, (exc.offset or 1) - 1), facts={
            "error": exc.msg, "kind": "shell" if _MAGIC.match(text) else "syntax"})]
        # Code pasted from a web page often fails to parse only because of what the page did
        # to it (TXT002, TXT003 report that): read it repaired, so that the API checks and the
        # undefined names still see a removed argument, a TF1 call or a `model` behind it.
        repaired = _repaired(code)
        if repaired is None:
            return issues
        read, read_tree = repaired
        extra = _visit(read_tree, api, runs, setup)
        if runs:
            extra += _undefined_names(read.code, setup)
        extra = [replace(i, column=read.column(i.line, i.column)) for i in extra]
        return issues + sorted(extra, key=lambda i: (i.line, i.column, i.code))
    except (ValueError, RecursionError, MemoryError) as exc:
        return [Issue("RUN001", 1, 0, facts={"error": str(exc), "kind": "unreadable"})]
    return _visit(tree, api, runs, setup)


class _Text:
    """Code being repaired for a static read, each character keeping the column it had in the
    original (lines are never added or removed, so line numbers stay right)."""

    def __init__(self, code: str) -> None:
        self.lines = code.split("\n")
        self.cols = [list(range(len(ln) + 1)) for ln in self.lines]  # + the end of the line

    @property
    def code(self) -> str:
        return "\n".join(self.lines)

    def copy(self) -> _Text:
        out = _Text("")
        out.lines, out.cols = list(self.lines), [list(c) for c in self.cols]
        return out

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> None:
        for i, line in enumerate(self.lines):
            if not pattern.search(line):
                continue
            text: list[str] = []
            cols: list[int] = []
            last = 0
            for m in pattern.finditer(line):
                text.append(line[last:m.start()])
                cols += self.cols[i][last:m.start()]
                new = repl(m)
                text.append(new)
                cols += [self.cols[i][m.start()]] * len(new)
                last = m.end()
            text.append(line[last:])
            cols += self.cols[i][last:]
            self.lines[i] = "".join(text)
            self.cols[i] = cols

    def indent(self, i: int, width: int) -> None:
        self.lines[i] = " " * width + self.lines[i]
        self.cols[i] = [0] * width + self.cols[i]

    def column(self, line: int, col: int) -> int:
        """The original column of a (1-based line, 0-based column) of the repaired code."""
        if not 1 <= line <= len(self.cols):
            return col
        cols = self.cols[line - 1]
        return cols[min(max(col, 0), len(cols) - 1)]


_TYPOGRAPHIC_RE = re.compile("[" + "".join(TYPOGRAPHIC) + "]")
# "…" standing for arguments left out: `f(a=1, …)` is no call once it is `...` (a positional
# argument after a keyword one); read without it
_ELLIPSIS_ARG = re.compile(r"\s*,\s*\u2026|\u2026\s*,?")
_BLOCK_OPENER = re.compile(r"^(def|class|if|elif|else|for|while|with|try|except|finally|"
                           r"async\s+def|async\s+with|async\s+for)\b.*:\s*(#.*)?$")
_CONTINUES = {"elif": ("if", "elif"), "else": ("if", "elif", "for", "while", "try", "except"),
              "except": ("try", "except"), "finally": ("try", "except", "else")}


def _repaired(code: str) -> tuple[_Text, ast.AST] | None:
    """The code read as its author meant it, when it does not parse only because of what a
    web page or a PDF did to it: typographic quotes, dashes and ellipses straightened (TXT002),
    a `…` left for omitted arguments dropped, and flattened indentation (TXT003) rebuilt.
    None when no such repair makes it parse."""
    straight = _Text(code)
    straight.sub(_TYPOGRAPHIC_RE, lambda m: TYPOGRAPHIC[m.group(0)])
    no_ellipsis = _Text(code)
    no_ellipsis.sub(_ELLIPSIS_ARG, lambda m: "")
    no_ellipsis.sub(_TYPOGRAPHIC_RE, lambda m: TYPOGRAPHIC[m.group(0)])
    candidates = [straight, no_ellipsis]
    candidates += [r for r in (_reindented(c) for c in candidates) if r is not None]
    tried = {code}
    for text in candidates:
        if text.code in tried:
            continue
        tried.add(text.code)
        try:
            return text, ast.parse(text.code)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
    return None


def _reindented(text: _Text) -> _Text | None:
    """Flattened code (no line indented, and a block opener followed by a line at its level)
    with its blocks rebuilt: every line after a line opening a block goes into that block, so
    a later line can only be nested deeper than it was; `else`/`elif`/`except`/`finally`
    close the blocks back to their `if`/`for`/`try`. Good enough to find the names used and
    the APIs called, not to run."""
    lines = text.lines
    code_lines = [i for i, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")]
    if not code_lines or any(lines[i][:1] in (" ", "\t") for i in code_lines):
        return None
    if not any(_BLOCK_OPENER.match(lines[i].rstrip()) for i in code_lines[:-1]):
        return None
    out = text.copy()
    depth = 0
    openers: list[tuple[str, int]] = []  # (keyword, depth of the line)
    for i in code_lines:
        line = lines[i].rstrip()
        word = re.split(r"[\s:(]", line, maxsplit=1)[0]
        if word in _CONTINUES:
            for j in range(len(openers) - 1, -1, -1):
                if openers[j][0] in _CONTINUES[word]:
                    depth = openers[j][1]
                    del openers[j:]
                    break
        out.indent(i, 4 * depth)
        if _BLOCK_OPENER.match(line):
            openers.append((word, depth))
            depth += 1
    return out


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
        out.append(Issue("RUN015", msg.lineno - offset, msg.col, facts={"name": name}))
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
    issues = an.issues + logits_issues(tree, setup)
    return sorted(issues, key=lambda i: (i.line, i.column, i.code))
