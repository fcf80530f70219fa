"""TXT002 typographic-quotes-in-code."""

import re
from collections.abc import Iterator

from qbank.core.fences import MARKDOWN_FIELDS, TYPOGRAPHIC, mask_fences, record_fences
from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.txt import unfenced_code_lines

_BAD = TYPOGRAPHIC
_RE = re.compile("[" + "".join(_BAD) + "]")
_NAMES = {"\u2013": "en dash", "\u2014": "em dash", "\u2212": "minus sign",
          "\u00a0": "non-breaking space", "\u2026": "ellipsis"}
# In prose: a code name wrapped in typographic quotes instead of a code span (“Matrix_one”,
# “tf.matmul”, “fit()”, or a plain word that the next word calls code: “matmul” function).
_QUOTED_NAME = re.compile(
    r"[\u201c\u2018](?P<name>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*(?:\(\))?)[\u201d\u2019]"
    r"(?:\s+(?P<next>[A-Za-z]+))?")
_CODE_NOUNS = {"function", "functions", "method", "methods", "argument", "arguments",
               "keyword", "attribute", "module"}


@rule("TXT002", "typographic-quotes-in-code")
def typographic_quotes_in_code(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """Typographic quotes, dashes, ellipses or non-breaking spaces inside code; and code names
    written in prose between typographic quotes instead of in a code span.

    Why: word processors and web pages turn `"` into `“ ”` and `-` into `–`. In code they are
    syntax errors (`print(f”x”)`) or wrong operators, and readers who copy the snippet get code
    that does not run. Checked in fences, in `code spans`, and in code lines left in prose.
    In prose, a name between typographic quotes is reported when it is clearly code (it has
    an underscore, a dot or `()`, or the next word is "function", "method", "argument" ...):
    `“Matrix_one”` and `the “matmul” function` should be `` `Matrix_one` `` and `` `matmul` ``.

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
    # file: bank/keras/matmul-shapes.yaml
    id: matmul-shapes
    title: Matrix product shapes
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: Why does `tf.matmul(a, b)` fail for a 2 x 3 and a 2 x 3 matrix?
    answer: |
      The inner dimensions of the “matmul” function must agree: transpose “Matrix_two”.
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
    # file: bank/keras/matmul-shapes.yaml
    id: matmul-shapes
    title: Matrix product shapes
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: Why does `tf.matmul(a, b)` fail for a 2 x 3 and a 2 x 3 matrix?
    answer: |
      The inner dimensions of the `matmul` function must agree: transpose `Matrix_two`. The
      “shared weights” of a “convolution” are fine in prose.
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
    for field in MARKDOWN_FIELDS:
        value = rec.field(field)
        if not isinstance(value, str):
            continue
        for m in _QUOTED_NAME.finditer(mask_fences(value, inline=True)):
            name, nxt = m.group("name"), (m.group("next") or "").lower()
            if "_" in name or "." in name or name.endswith("()") or nxt in _CODE_NOUNS:
                quoted = m.group(0)[:len(name) + 2]
                yield Result(f"code name {quoted} written between typographic quotes in prose",
                             hint=f"write it as a code span: `{name}`",
                             at=rec.text_pos((field,), m.start()))
