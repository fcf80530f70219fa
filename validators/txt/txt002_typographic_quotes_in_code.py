"""TXT002 typographic-quotes-in-code."""

import re
from collections.abc import Iterator

from qbank.fences import TYPOGRAPHIC, record_fences
from qbank.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.txt import unfenced_code_lines

_BAD = TYPOGRAPHIC
_RE = re.compile("[" + "".join(_BAD) + "]")
_NAMES = {"\u2013": "en dash", "\u2014": "em dash", "\u2212": "minus sign",
          "\u00a0": "non-breaking space", "\u2026": "ellipsis"}


@rule("TXT002", "typographic-quotes-in-code")
def typographic_quotes_in_code(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """Typographic quotes, dashes, ellipses or non-breaking spaces inside code.

    Why: word processors and web pages turn `"` into `“ ”` and `-` into `–`. In code they are
    syntax errors (`print(f”x”)`) or wrong operators, and readers who copy the snippet get code
    that does not run. Checked in fences, in `code spans`, and in code lines left in prose.

    Example:
    ~~~yaml
    # file: bank/keras/evaluate-model.yaml
    id: evaluate-model
    title: Evaluating a Keras model
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you evaluate a Keras model?
    answer: |
      Call `evaluate` on held-out data:

      ```python fragment
      loss, accuracy = model.evaluate(X_test, y_test)
      print(f”Test Accuracy: {accuracy}”)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/evaluate-model.yaml
    id: evaluate-model
    title: Evaluating a Keras model
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you evaluate a Keras model?
    answer: |
      Call `evaluate` on held-out data:

      ```python fragment
      loss, accuracy = model.evaluate(X_test, y_test)
      print(f"Test Accuracy: {accuracy}")
      ```
    ~~~
    """
    spans: list[tuple[tuple[str | int, ...], int, str]] = []
    for f in record_fences(rec):
        if f.lang not in ("", "text", "output", "markdown", "md"):
            spans.append((f.path, f.body_start, f.body))
    for line in unfenced_code_lines(rec):
        spans.append((line.path, line.offset, line.text))
    for name in ("question", "answer"):
        value = rec.field(name)
        if isinstance(value, str):
            for m in re.finditer(r"(`+)([^`\n]+?)\1", value):
                spans.append(((name,), m.start(2), m.group(2)))
    seen: set[tuple[object, int]] = set()
    for path, base, text in spans:
        for m in _RE.finditer(text):
            key = (path, base + m.start())
            if key in seen:
                continue
            seen.add(key)
            ch = m.group(0)
            what = _NAMES.get(ch, "typographic quote")
            yield Result(f"{what} {ch!r} (U+{ord(ch):04X}) in code",
                         hint=f"replace it with {_BAD[ch]!r}", at=rec.text_pos(path, key[1]))
