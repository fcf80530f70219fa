"""Read the examples out of a rule's docstring: `Example:` and `Instead:` blocks of YAML files."""

from __future__ import annotations

import re

_BLOCK = re.compile(r"^(Example|Instead):\s*\n~~~yaml\n(.*?)\n~~~\s*$", re.S | re.M)
_FILE = re.compile(r"^# file: (\S+)\s*$", re.M)


def examples(doc: str) -> dict[str, dict[str, str]]:
    """{'Example': {path: text}, 'Instead': {path: text}}; paths are relative to the repo."""
    out: dict[str, dict[str, str]] = {}
    for kind, body in _BLOCK.findall(doc):
        files: dict[str, str] = {}
        parts = _FILE.split(body)
        # parts = [before, path1, text1, path2, text2, ...]
        for path, text in zip(parts[1::2], parts[2::2], strict=True):
            files[path] = text.lstrip("\n").rstrip() + "\n"
        out[kind] = files
    return out
