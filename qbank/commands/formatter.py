"""`qbank fmt`: normalize a record in place, keeping its comments.

- keys in the canonical order (id, title, topic, type, ... allow); unknown keys keep their place
  at the end, so nothing is ever dropped;
- multi-line strings as literal blocks (`|`), trailing whitespace stripped;
- the schema modeline as the first line;
- two-space indentation, lists indented under their key.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

from qbank.core.atomic import atomic_write_text
from qbank.core.model import KEY_ORDER
from qbank.core.schema import MODELINE


class FormatError(Exception):
    pass


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never fold long strings: a fold inside quotes is hard to read
    y.indent(mapping=2, sequence=4, offset=2)
    y.allow_duplicate_keys = False
    return y


def format_text(text: str) -> str:
    body = text
    lines = body.split("\n")
    if lines and lines[0].startswith("# yaml-language-server:"):
        body = "\n".join(lines[1:])
    y = _yaml()
    data = y.load(body)
    if not isinstance(data, CommentedMap):
        raise FormatError("not a mapping of fields")
    data = _reorder(data)
    _normalize(data)
    buf = io.StringIO()
    y.dump(data, buf)
    out = "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
    return MODELINE + "\n" + out.rstrip("\n") + "\n"


def format_file(path: Path, write: bool = True) -> bool:
    """Format one file; True if it changed (or would change)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"{path}: cannot read: {exc}") from exc
    try:
        new = format_text(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise FormatError(f"{path}{where}: not formatted, the YAML does not parse "
                          f"(see `qbank validate {path}`)") from exc
    except FormatError as exc:
        raise FormatError(f"{path}: not formatted: {exc}") from exc
    if new == text:
        return False
    if write:
        atomic_write_text(path, new)
    return True


def _reorder(data: CommentedMap) -> CommentedMap:
    order = [k for k in KEY_ORDER if k in data] + [k for k in data if k not in KEY_ORDER]
    if list(data.keys()) == order:
        return data
    out = CommentedMap()
    for key in order:
        out[key] = data[key]
        if key in data.ca.items:
            out.ca.items[key] = data.ca.items[key]
    out.ca.comment = data.ca.comment
    if data.ca.end:
        out.ca.end = data.ca.end
    return out


def _normalize(node: Any) -> None:
    if isinstance(node, CommentedMap):
        for key in list(node.keys()):
            node[key] = _scalar(node[key])
            _normalize(node[key])
    elif isinstance(node, CommentedSeq):
        for i, item in enumerate(node):
            node[i] = _scalar(item)
            _normalize(node[i])


def _scalar(value: Any) -> Any:
    if isinstance(value, str) and "\n" in value.rstrip("\n"):
        text = "\n".join(line.rstrip() for line in value.split("\n"))
        return LiteralScalarString(text)
    return value
