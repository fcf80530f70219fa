"""`qbank new`: scaffold a draft record that validates."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from qbank.core.atomic import atomic_write_text
from qbank.core.loader import load_topics
from qbank.core.model import QuestionType
from qbank.core.schema import MODELINE


class NewRecordError(Exception):
    pass


def slugify(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text.lower())
    stop = {"a", "an", "the", "of", "in", "is", "what", "how", "do", "does", "you", "and", "to"}
    kept = [w for w in words if w not in stop] or words
    return "-".join(kept)[:60].strip("-")


_BODY = {
    "open": "answer: |\n  TODO: write the model answer.\n",
    "code": ("answer: |\n  TODO: explain the code.\n\n  ```python\n  import keras\n"
             "  print(keras.__version__ > '3')\n  ```\n"),
    "numeric": "answer: |\n  TODO: show the computation.\nnumeric:\n  value: 0\n  tolerance: 0\n",
    "single_choice": ("answer: |\n  TODO: explain the right choice.\nchoices:\n"
                      "  - text: TODO first option\n    correct: true\n    why: TODO\n"
                      "  - text: TODO second option\n    correct: false\n    why: TODO\n"),
    "multiple_choice": ("answer: |\n  TODO: explain the right choices.\nchoices:\n"
                        "  - text: TODO first option\n    correct: true\n"
                        "  - text: TODO second option\n    correct: false\n"),
}


def scaffold(bank: Path, title: str, topic: str, qtype: str, difficulty: str,
             record_id: str | None = None) -> Path:
    title = " ".join(title.split())
    if not title:
        raise NewRecordError("the title is empty")
    topics, _ = load_topics(bank)
    if not topics:
        raise NewRecordError(f"{bank}/topics.yaml is missing or empty: is --bank right?")
    if topic not in topics:
        raise NewRecordError(f"unknown topic {topic!r}; one of: {', '.join(sorted(topics))}")
    if qtype not in {t.value for t in QuestionType}:
        raise NewRecordError(f"unknown type {qtype!r}; one of: "
                             f"{', '.join(t.value for t in QuestionType)}")
    if difficulty not in ("easy", "medium", "hard"):
        raise NewRecordError("difficulty is easy, medium or hard")
    rid = record_id or slugify(title)
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rid):
        raise NewRecordError(f"id {rid!r} is not a lowercase slug (a-z, 0-9, single hyphens)")
    existing = [p for p in bank.glob(f"*/{rid}.yaml")]
    if existing:
        raise NewRecordError(f"a record with id {rid!r} exists: {existing[0]} (choose --id)")
    path = bank / topic / f"{rid}.yaml"
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = (f"{MODELINE}\nid: {rid}\ntitle: {quoted}\ntopic: {topic}\ntype: {qtype}\n"
            f"difficulty: {difficulty}\ntags: [{topic}]\nstatus: draft\n"
            f"question: |\n  {title}\n{_BODY[qtype]}")
    try:
        atomic_write_text(path, text, overwrite=False)
    except FileExistsError:
        raise NewRecordError(f"{path} exists; not overwritten") from None
    return path
