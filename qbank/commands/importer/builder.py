"""Entries -> draft records (dicts in the contract's key order) -> YAML text.

- `id`: slugify(question); a lost question gives `untitled-line-<N>`; ids repeated within one
  import get -2, -3 ... in source order (deterministic, so a second run finds the same ids);
- `title`: the question's first sentence on one line (cut at 90 characters), or
  "Untitled question (line N)";
- `topic`: guessed from keywords of the question (weighted) and answer, among the bank's topics;
  `tags`: the keywords found (at least one: the topic);
- `type: open`, `difficulty: medium`, `status: draft`;
- `question: ""` when the source lost the question: SCH006 (invalid-value) reports it;
  `answer: ""` when the source has none: SCH011 (field-not-for-type, answer required) reports it;
- `sources`: `seed: <name>` for the seeds (NNN_<16 hex>.txt), else `file: <name>`; the note says
  where: "Fundamentals Q1, line 15", "line 198".
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from qbank.commands.authoring import slugify
from qbank.commands.importer.entry import Entry
from qbank.commands.importer.text import clean
from qbank.core.schema import MODELINE

SEED_NAME = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")

# topic -> keywords (lowercase; matched as whole words, plural s allowed). The first topic of
# the bank that scores wins; ties go to the order below.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "llm": ("llm", "llms", "gpt", "gpt-3", "large language model", "language model",
            "tokenizer", "bpe", "few-shot", "zero-shot", "prompt", "t5", "pre-training",
            "multilingual", "hallucination"),
    "transformers": ("transformer", "attention", "self-attention", "multi-head attention",
                     "bert", "positional encoding", "embedding", "vit", "vision transformer",
                     "attention head"),
    "generative": ("gan", "gans", "generative", "autoencoder", "vae", "diffusion",
                   "style transfer", "generator", "discriminator"),
    "rnn": ("rnn", "lstm", "gru", "recurrent", "sequence-to-sequence", "time series",
            "time-series", "return_sequences", "simplernn"),
    "cnn": ("cnn", "convolution", "convolutional", "pooling", "max-pooling", "max pooling",
            "padding", "stride", "conv2d", "filter", "kernel", "image", "translation invariance",
            "weight sharing"),
    "activations": ("relu", "leaky relu", "sigmoid", "tanh", "softmax", "activation function",
                    "activation", "gelu", "swish"),
    "regularization": ("overfitting", "dropout", "regularization", "regularisation",
                       "weight decay", "early stopping", "data augmentation",
                       "batch normalization", "batch normalisation", "layer normalization",
                       "batchnormalization", "weight constraint"),
    "training": ("learning rate", "gradient descent", "optimizer", "adam", "sgd", "momentum",
                 "rmsprop", "loss function", "loss", "backpropagation", "epoch", "batch size",
                 "initialization", "vanishing gradient", "exploding gradient",
                 "gradient clipping", "nesterov", "scheduler", "convergence", "local minima",
                 "crossentropy", "label smoothing", "focal loss"),
    "evaluation": ("precision", "recall", "f1", "f1-score", "confusion matrix",
                   "validation set", "validation loss", "metric", "class imbalance",
                   "imbalanced", "accuracy", "training curves"),
    "deployment": ("deploy", "deployment", "serving", "tensorflow serving", "quantization",
                   "tflite", "distillation", "knowledge distillation", "pruning", "inference",
                   "real-time", "edge"),
    "keras": ("keras", "tensorflow", "tf", "sequential", "model.compile", "model.fit",
              "callback", "checkpoint", "functional api", "session", "placeholder",
              "custom loss"),
    "applications": ("use-case", "use case", "application", "applications", "segmentation",
                     "recommendation", "anomaly detection", "medical", "autonomous",
                     "stock market", "sentiment", "voice recognition", "video", "game"),
    "fundamentals": ("neural network", "perceptron", "neuron", "deep learning",
                     "machine learning", "supervised", "unsupervised", "reinforcement learning",
                     "bias", "forward propagation", "universal approximation", "hidden layer",
                     "mlp", "one-hot", "representation learning"),
}
DEFAULT_TOPICS = tuple(KEYWORDS)
_PATTERNS = {kw: re.compile(r"(?<![a-z0-9_])" + re.escape(kw) + r"(?:s|es)?(?![a-z0-9_])")
             for kws in KEYWORDS.values() for kw in kws}


def origin(name: str) -> dict[str, str]:
    return {"seed": name} if SEED_NAME.match(name) else {"file": name}


def note(entry: Entry) -> str:
    return f"{entry.label}, line {entry.line}" if entry.label else f"line {entry.line}"


def base_id(entry: Entry) -> str:
    slug = slugify(clean(entry.question)) if entry.question.strip() else ""
    if len(slug) >= 60 and "-" in slug:  # cut at 60 characters: drop the cut word
        slug = slug.rsplit("-", 1)[0]
    return slug or f"untitled-line-{entry.line}"


def allocate_ids(entries: list[Entry]) -> list[str]:
    """One id per entry; repeats within the list get -2, -3 ... in order."""
    seen: dict[str, int] = {}
    used: set[str] = set()
    out: list[str] = []
    for e in entries:
        base = base_id(e)
        n = seen.get(base, 0)
        rid = base
        while rid in used:
            n += 1
            rid = f"{base[:56].rstrip('-')}-{n + 1}" if n else base
        seen[base] = n
        used.add(rid)
        out.append(rid)
    return out


def title_of(entry: Entry) -> str:
    if not entry.question.strip():
        return f"Untitled question (line {entry.line})"
    text = clean(re.sub(r"```.*?```", " ", entry.question, flags=re.DOTALL))
    para = clean(re.split(r"\n\s*\n", entry.question.strip(), maxsplit=1)[0])
    sentences = re.split(r"(?<=[?.!])\s", para)
    asking = [x for x in sentences if x.endswith("?")]
    first = asking[0] if asking else re.split(r"(?<=[?.!])\s", text, maxsplit=1)[0]
    if len(first) > 90:
        first = first[:90].rsplit(" ", 1)[0].rstrip(",;:") + "..."
    return first or f"Untitled question (line {entry.line})"


def keyword_scores(entry: Entry) -> dict[str, int]:
    q = entry.question.lower()
    a = (entry.answer or "").lower()
    scores: dict[str, int] = {}
    for kw, pat in _PATTERNS.items():
        n = 3 * len(pat.findall(q)) + len(pat.findall(a))
        if n:
            scores[kw] = n
    return scores


def guess_topic(entry: Entry, topics: list[str], scores: dict[str, int]) -> str:
    best, best_score = "", 0
    for topic, kws in KEYWORDS.items():
        if topic not in topics:
            continue
        s = sum(scores.get(kw, 0) for kw in kws)
        if s > best_score:
            best, best_score = topic, s
    if best:
        return best
    return "fundamentals" if "fundamentals" in topics else topics[0]


def tags_of(topic: str, scores: dict[str, int]) -> list[str]:
    ranked = sorted(scores, key=lambda kw: (-scores[kw], kw))
    tags: list[str] = []
    for kw in ranked:
        tag = slugify(kw) if kw not in ("tf",) else "tensorflow"
        if tag and tag not in tags and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", tag):
            tags.append(tag)
        if len(tags) == 3:
            break
    return tags or [topic]


def build(entry: Entry, rid: str, source_name: str, topics: list[str],
          topic: str | None = None) -> dict[str, Any]:
    scores = keyword_scores(entry)
    chosen = topic or guess_topic(entry, topics, scores)
    return {
        "id": rid,
        "title": title_of(entry),
        "topic": chosen,
        "type": "open",
        "difficulty": "medium",
        "tags": tags_of(chosen, scores),
        "status": "draft",
        "question": _ends(entry.question),
        "answer": _ends(entry.answer or ""),
        "sources": [{**origin(source_name), "note": note(entry)}],
    }


_LOST = {"question": "  # lost in the source: write the question",
         "answer": "  # the source gives none: write the model answer"}


def _ends(text: str) -> str:
    return text.strip("\n") + "\n" if text.strip() else ""


def dump(record: dict[str, Any]) -> str:
    """The record as YAML: the modeline first, Markdown fields as literal blocks."""
    out = [MODELINE]
    for key, value in record.items():
        if key == "tags":
            out.append(f"tags: [{', '.join(value)}]")
        elif key == "sources":
            out.append("sources:")
            for src in value:
                items = list(src.items())
                for i, (k, v) in enumerate(items):
                    out.append(f"{'  - ' if i == 0 else '    '}{k}: {_scalar(v)}")
        elif key in ("question", "answer"):
            out.append(f"{key}:{_block(value)}" + (_LOST[key] if not value.strip() else ""))
        elif key == "title":
            out.append(f"title: {_quoted(value)}")
        else:
            out.append(f"{key}: {_scalar(value)}")
    text = "\n".join(out) + "\n"
    try:
        same = yaml.safe_load(text) == record
    except yaml.YAMLError:
        same = False
    if not same:  # should not happen: fall back to quoting every text field
        for key in ("question", "answer"):
            text = text.replace(f"{key}:{_block(record[key])}",
                                f"{key}: {_quoted(record[key])}")
    return text


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar: what YAML cannot hold as is, escaped one character at a
    time (JSON's surrogate pairs would not read back)."""
    out = ['"']
    for ch in value:
        o = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _YAML_TEXT.match(ch) and ch != "\n":
            out.append(ch)
        elif o <= 0xFF:
            out.append(f"\\x{o:02x}")
        elif o <= 0xFFFF:
            out.append(f"\\u{o:04x}")
        else:
            out.append(f"\\U{o:08x}")
    return "".join(out) + '"'


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t"}
_YAML_TEXT = re.compile("^[\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                        "\U00010000-\U0010ffff]*$")


def _printable(value: str) -> bool:
    """Characters a YAML literal block holds as they are (no control characters, no line
    breaks other than \\n)."""
    return bool(_YAML_TEXT.match(value))


def _scalar(value: Any) -> str:
    s = str(value)
    if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", s) and s.lower() not in (
            "yes", "no", "true", "false", "null", "on", "off", "~") and not re.fullmatch(
            r"[0-9._e+-]+", s):
        return s
    return _quoted(s)


def _block(text: str) -> str:
    if not text.strip():
        return ' ""'
    if not _printable(text):
        return " " + _quoted(text)
    body_text = text[:-1] if text.endswith("\n") else text
    head = "|2" if body_text.startswith(" ") else "|"
    if not text.endswith("\n"):
        head += "-"
    body = "\n".join(("  " + x) if x.strip() else "" for x in body_text.split("\n"))
    return f" {head}\n{body}"
