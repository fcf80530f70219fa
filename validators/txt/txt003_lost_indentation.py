"""TXT003 lost-indentation."""

import re
from collections.abc import Iterator

from qbank.core.fences import record_fences
from qbank.core.loader import KeyPath, LoadedRecord
from validators.base import Context, Result, rule
from validators.txt import unfenced_code_lines

_OPENS_BLOCK = re.compile(r"^\s*(def|class|if|elif|else|for|while|with|try|except|finally|"
                          r"async\s+def|async\s+with|async\s+for)\b.*:\s*(#.*)?$")


@rule("TXT003", "lost-indentation")
def lost_indentation(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """Python code whose indentation was lost: a line that opens a block (`def`, `for`, `if`,
    `with`, `class` ... ending in `:`) followed by a line that is not indented.

    Why: copying code out of web pages and PDFs flattens it. Flattened Python does not run, and
    the reader cannot tell which lines belonged to the loop. Checked in python fences and in
    code lines left in prose.

    Example:
    ~~~yaml
    # file: bank/keras/custom-loss.yaml
    id: custom-loss
    title: A custom loss in Keras
    topic: keras
    type: open
    difficulty: medium
    tags: [keras, losses]
    question: How do you define a custom loss function in Keras?
    answer: |
      Write a function of `y_true` and `y_pred` that returns the loss per sample:

      ```python
      import keras
      def mse(y_true, y_pred):
      return keras.ops.mean((y_true - y_pred) ** 2, axis=-1)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/custom-loss.yaml
    id: custom-loss
    title: A custom loss in Keras
    topic: keras
    type: open
    difficulty: medium
    tags: [keras, losses]
    question: How do you define a custom loss function in Keras?
    answer: |
      Write a function of `y_true` and `y_pred` that returns the loss per sample:

      ```python
      import keras
      def mse(y_true, y_pred):
          return keras.ops.mean((y_true - y_pred) ** 2, axis=-1)
      ```
    ~~~
    """
    for f in record_fences(rec):
        if f.is_python:
            yield from _scan(rec, f.path, f.body_start, f.body)
    groups: dict[KeyPath, list[tuple[int, str]]] = {}
    for line in unfenced_code_lines(rec):
        groups.setdefault(line.path, []).append((line.offset, line.text))
    for path, lines in groups.items():
        text = rec.field(str(path[0]))
        for offset, code in lines:
            if not _OPENS_BLOCK.match(code):
                continue
            nxt_end = text.find("\n", offset)
            if nxt_end < 0:
                continue
            following = text[nxt_end + 1:].split("\n", 1)[0]
            if following.strip() and _indent(following) <= _indent(code):
                yield _result(rec, path, nxt_end + 1, code)


def _scan(rec: LoadedRecord, path: KeyPath, base: int, body: str) -> Iterator[Result]:
    lines = body.split("\n")
    offset = base
    for i, line in enumerate(lines):
        if _OPENS_BLOCK.match(line):
            nxt = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
            if nxt is not None and _indent(lines[nxt]) <= _indent(line):
                nxt_offset = base + sum(len(x) + 1 for x in lines[:nxt])
                yield _result(rec, path, nxt_offset, line)
        offset += len(line) + 1


def _result(rec: LoadedRecord, path: KeyPath, offset: int, opener: str) -> Result:
    return Result(f"the line after `{opener.strip()}` is not indented: the code's indentation "
                  "was lost", hint="indent the block under that line by 4 spaces",
                  at=rec.text_pos(path, offset))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))
