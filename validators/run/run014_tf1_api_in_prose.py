"""RUN014 tf1-api-in-prose."""

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from qbank.core.fences import mask_fences
from qbank.core.loader import LoadedRecord, load_data
from validators.base import Context, Result, rule
from validators.run.static import tf1_catalog

# every pattern of tf1_prose.yaml and every removed `tf.` name needs one of these words
_TRIGGERS = re.compile(r"tf\.|session|feed_dict|sess\.run|placeholder|graph", re.IGNORECASE)
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(what names a TensorFlow 1 idea, what places a paragraph in the past)."""
    data = load_data((Path(__file__).parent / "tf1_prose.yaml").read_text(encoding="utf-8"))
    removed = sorted((k for k, v in tf1_catalog().items()
                      if k.startswith("tf.") and v.get("severity") != "warning"),
                     key=len, reverse=True)
    names = "|".join(re.escape(k.removeprefix("tf.")) for k in removed)
    return (re.compile(rf"(?<![\w.])tf\.(?:{names})\b|" + "|".join(
                f"(?i:{c})" for c in data["concepts"])),
            re.compile("|".join(data["history"]), re.IGNORECASE))


@rule("RUN014", "tf1-api-in-prose", severity="warning")
def tf1_api_in_prose(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """The prose explains a TensorFlow 1 API (sessions, placeholders, `feed_dict`,
    `tf.assign`, ...) as if it were current, without saying it is TensorFlow 1.

    Why: a reader learns to call `tf.Session()` and `sess.run(..., feed_dict=...)`, which
    TensorFlow 2 removed; the code they then write does not run. Explaining the old API as
    history ("in TensorFlow 1, ...", "replaced by `tf.function`") is fine and not reported.

    Example:
    ~~~yaml
    # file: bank/keras/tf-counter-output.yaml
    id: tf-counter-output
    title: A counter in TensorFlow
    topic: keras
    type: open
    difficulty: easy
    tags: [tensorflow]
    question: How does a TensorFlow program keep a counter?
    answer: |
      Define the variable with tf.Variable(0) and add one with tf.assign(), then call
      sess.run() on the update op inside a session, after running the initializer.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/tf-counter-output.yaml
    id: tf-counter-output
    title: A counter in TensorFlow
    topic: keras
    type: open
    difficulty: easy
    tags: [tensorflow]
    question: How does a TensorFlow program keep a counter?
    answer: |
      Create `v = tf.Variable(0)` and call `v.assign_add(1)`: TensorFlow 2 runs eagerly,
      so the value changes at once. In TensorFlow 1 this took `tf.assign` and `sess.run`.
    ~~~
    """
    pattern, history = _patterns()
    for name in ("question", "answer"):
        text = rec.field(name)
        if not isinstance(text, str) or not _TRIGGERS.search(text) or not pattern.search(text):
            continue
        prose = mask_fences(text)
        for para in _PARAGRAPH.finditer(prose):  # one finding per paragraph at most
            m = pattern.search(para.group(0))
            if m is None or history.search(para.group(0)):
                continue
            api = " ".join(m.group(0).split())
            entry = tf1_catalog().get(api)
            use = entry["use"] if entry else "eager execution: call the ops directly"
            yield Result(f"the text presents `{api}`, a TensorFlow 1 idea, as current",
                         hint=f"explain the TensorFlow 2 way ({use}), or say it is TensorFlow 1",
                         at=rec.text_pos((name,), para.start() + m.start()))
