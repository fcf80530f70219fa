"""Load records and remember where every key and value sits in its file.

YAML is parsed with libyaml (PyYAML's C parser) into a node tree, which keeps line and column
of every node and every duplicated key; the tree is then constructed into plain data and
validated with the pydantic model. Nothing here raises on bad content: a record that does not
parse or validate is kept, with its problems, so the rest of the bank is still checked.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from qbank.core.model import Record

try:  # libyaml is in PyYAML's wheels; the pure-Python loader is a slow fallback
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment,unused-ignore]

KeyPath = tuple[str | int, ...]
TOPICS_FILE = "topics.yaml"


@dataclass(frozen=True, slots=True)
class Pos:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    path: KeyPath
    at: Pos
    first: Pos


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    message: str
    at: Pos


class _NodeInfo:
    """A key's node and its value's node; positions are computed only when asked for."""

    __slots__ = ("key_node", "node")

    def __init__(self, key_node: yaml.Node | None, node: yaml.Node) -> None:
        self.key_node, self.node = key_node, node

    @property
    def key(self) -> Pos | None:
        return _pos(self.key_node) if self.key_node is not None else None

    @property
    def value(self) -> Pos:
        return _pos(self.node)

    @property
    def style(self) -> str | None:
        return self.node.style if isinstance(self.node, yaml.ScalarNode) else None


@dataclass
class LoadedRecord:
    """A record file as read: its text, data, positions, and model (when it validates)."""

    path: str  # as displayed: relative to the working directory where possible
    file: Path
    text: str
    data: Any = None
    record: Record | None = None
    errors: list[ErrorDetails] = field(default_factory=list)
    syntax: SyntaxProblem | None = None
    duplicate_keys: list[DuplicateKey] = field(default_factory=list)
    _nodes: dict[KeyPath, _NodeInfo] = field(default_factory=dict, repr=False)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)  # per-record derived data
    # A template's default instance keeps the record as written here (placeholders and all):
    # see `generators.published_bank`. None for every other record.
    written: LoadedRecord | None = field(default=None, repr=False)

    @property
    def stem(self) -> str:
        return self.file.stem

    @property
    def id(self) -> str:
        """The record's id when it has a usable one, else the file's stem."""
        value = self.data.get("id") if isinstance(self.data, dict) else None
        return value if isinstance(value, str) and value else self.stem

    @property
    def mapping(self) -> dict[str, Any]:
        return self.data if isinstance(self.data, dict) else {}

    def field(self, name: str) -> Any:
        return self.mapping.get(name)

    def text_fields(self) -> list[tuple[KeyPath, str]]:
        """Every string in the record, with its key path (computed once per record)."""
        cached: list[tuple[KeyPath, str]] | None = self.memo.get("strings")
        if cached is None:
            cached = self.memo["strings"] = list(_strings(self.data, ()))
        return cached

    def has(self, *path: str | int) -> bool:
        return tuple(path) in self._nodes

    def pos(self, *path: str | int, key: bool = True) -> Pos:
        """Where `path` is: the key itself (default) or its value; for a path that is not in the
        file, the nearest enclosing key that is."""
        p: KeyPath = tuple(path)
        while p:
            info = self._nodes.get(p)
            if info is not None:
                return info.key if key and info.key is not None else info.value
            p = p[:-1]
        return Pos(1, 1)

    def value_pos(self, *path: str | int) -> Pos:
        return self.pos(*path, key=False)

    def text_pos(self, path: KeyPath, offset: int) -> Pos:
        """The file position of character `offset` inside the string at `path`."""
        info = self._nodes.get(path)
        if info is None:
            return self.pos(*path)
        value = self._value_at(path)
        if not isinstance(value, str):
            return info.value
        offset = max(0, min(offset, len(value)))
        line_no = value.count("\n", 0, offset)
        col = offset - (value.rfind("\n", 0, offset) + 1)
        if info.style in ("|", ">"):
            first = info.value.line + 1  # block content starts on the line after the indicator
            indent = _block_indent(self.text, first)
            if info.style == ">":  # folded: lines do not map one to one; best effort
                return Pos(first, indent + 1)
            return Pos(first + line_no, indent + col + 1)
        if line_no == 0:
            quote = 1 if info.style in ('"', "'") else 0
            return Pos(info.value.line, info.value.column + quote + col)
        return info.value

    def _value_at(self, path: KeyPath) -> Any:
        value: Any = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def error_pos(self, err: ErrorDetails) -> Pos:
        """Where a pydantic error belongs in the file."""
        loc: KeyPath = tuple(err.get("loc", ()))
        ctx = err.get("ctx") or {}
        if not loc and isinstance(ctx.get("field"), str):
            loc = tuple(int(p) if p.isdigit() else p for p in ctx["field"].split("."))
        if err.get("type") == "missing":
            return self.pos(*loc[:-1]) if len(loc) > 1 else Pos(1, 1)
        return self.pos(*loc)


@dataclass
class Topic:
    key: str
    title: str
    description: str = ""


@dataclass
class Bank:
    root: Path
    records: list[LoadedRecord]
    topics: dict[str, Topic]
    topics_file: LoadedRecord | None = None

    def by_id(self) -> dict[str, list[LoadedRecord]]:
        out: dict[str, list[LoadedRecord]] = {}
        for rec in self.records:
            out.setdefault(rec.id, []).append(rec)
        return out


class BankError(Exception):
    """The bank itself cannot be read: the run cannot proceed (exit status 2)."""


def display_path(file: Path, cwd: str | None = None) -> str:
    """The path as shown in findings: relative to the working directory when under it."""
    if not file.is_absolute():
        return os.path.normpath(file)
    rel = os.path.relpath(os.path.realpath(file), cwd or os.path.realpath(os.getcwd()))
    return str(file) if rel.startswith("..") else rel


def load_text(file: Path, text: str, shown: str | None = None) -> LoadedRecord:
    """Parse one record's text. Never raises on bad content."""
    rec = LoadedRecord(path=shown or display_path(file), file=file, text=text)
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                alias = _first_alias(node)
                if alias is not None:
                    rec.syntax = SyntaxProblem(
                        "YAML anchors and aliases (&name, *name) are not allowed in records",
                        alias)
                    return rec
                _index(node, (), None, rec)
                rec.data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = Pos(mark.line + 1, mark.column + 1) if mark else Pos(1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        rec.syntax = SyntaxProblem(f"YAML syntax error: {problem}", at)
        return rec
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        rec.syntax = SyntaxProblem(f"YAML error: {exc}", Pos(1, 1))
        return rec
    except (RecursionError, ValueError, TypeError) as exc:  # alias bombs, odd keys
        rec.syntax = SyntaxProblem(f"YAML could not be read: {exc.__class__.__name__}", Pos(1, 1))
        return rec
    if isinstance(rec.data, dict):
        try:
            rec.record = Record.model_validate(rec.data)
        except ValidationError as exc:
            rec.errors = exc.errors(include_url=False)
    return rec


def load_data(text: str) -> Any:
    """Plain YAML data (catalogs, configuration), parsed with libyaml."""
    return yaml.load(text, Loader=_Loader)


def load_record(file: Path, shown: str | None = None) -> LoadedRecord:
    shown = shown or display_path(file)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        rec = LoadedRecord(path=shown, file=file, text="")
        rec.syntax = SyntaxProblem(f"cannot read the file: {exc.strerror or exc}", Pos(1, 1))
        return rec
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        rec = LoadedRecord(path=shown, file=file, text="")
        rec.syntax = SyntaxProblem(f"the file is not UTF-8 (byte {exc.start})", Pos(line, 1))
        return rec
    if text.startswith("\ufeff"):
        text = text[1:]
    return load_text(file, text, shown)


def record_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.y*ml")
                  if p.is_file() and p.name != TOPICS_FILE and p.suffix in (".yaml", ".yml")
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


def load_topics(root: Path) -> tuple[dict[str, Topic], LoadedRecord | None]:
    file = root / TOPICS_FILE
    if not file.exists():
        return {}, None
    loaded = load_record(file)
    topics: dict[str, Topic] = {}
    if isinstance(loaded.data, dict):
        for key, value in loaded.data.items():
            if isinstance(value, dict):
                topics[str(key)] = Topic(str(key), str(value.get("title", key)),
                                         str(value.get("description", "")))
            elif isinstance(value, str) or value is None:
                topics[str(key)] = Topic(str(key), value or str(key))
    return topics, loaded


def load_bank(root: Path) -> Bank:
    if not root.exists():
        raise BankError(f"{root}: no such bank directory (give --bank DIR, or run from the "
                        "repository root)")
    if not root.is_dir():
        raise BankError(f"{root}: not a directory; --bank must name the folder of records")
    try:
        files = record_files(root)
    except OSError as exc:
        raise BankError(f"{root}: cannot list the bank: {exc.strerror or exc}") from exc
    topics, topics_file = load_topics(root)
    with no_gc():
        return _load_all(root, files, topics, topics_file)


def _load_all(root: Path, files: list[Path], topics: dict[str, Topic],
              topics_file: LoadedRecord | None) -> Bank:
    if root.is_absolute():
        cwd = os.path.realpath(os.getcwd())
        real_root = os.path.realpath(root)
        base = os.path.relpath(real_root, cwd)
        base = real_root if base.startswith("..") else base
        shown = [os.path.join(base, os.path.relpath(f, root)) for f in files]
    else:
        shown = [os.path.normpath(f) for f in files]
    return Bank(root=root, records=[load_record(f, s) for f, s in zip(files, shown, strict=True)],
                topics=topics, topics_file=topics_file)


@contextmanager
def no_gc() -> Iterator[None]:
    """Loading builds many small objects and no cycles worth collecting: the cyclic garbage
    collector would only rescan them again and again (a third of the load time at 10k)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _index(node: yaml.Node, path: KeyPath, key_node: yaml.Node | None, rec: LoadedRecord) -> None:
    rec._nodes[path] = _NodeInfo(key_node, node)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, yaml.Node] = {}
        for k, v in node.value:
            name: Any = k.value if isinstance(k, yaml.ScalarNode) else repr(k.value)
            if name in seen:
                rec.duplicate_keys.append(DuplicateKey((*path, name), _pos(k), _pos(seen[name])))
                continue
            seen[name] = k
            _index(v, (*path, name), k, rec)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*path, i), None, rec)


def _first_alias(root: yaml.Node) -> Pos | None:
    """Where a node is reached a second time (an alias), if anywhere. Iterative, and each node
    is entered once, so an alias bomb costs no more than its text."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return _pos(node)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.extend((k, v))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def _pos(node: yaml.Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


def _block_indent(text: str, line: int) -> int:
    lines = text.splitlines()
    for raw in lines[line - 1:]:
        if raw.strip():
            return len(raw) - len(raw.lstrip(" "))
    return 0


def _strings(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))
