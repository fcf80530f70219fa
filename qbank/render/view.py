"""What every renderer shows of a record: its text, its choices lettered, and its key."""

from __future__ import annotations

from dataclasses import dataclass

from qbank.core.model import QuestionType, Record

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True, slots=True)
class ChoiceView:
    letter: str
    text: str
    correct: bool
    why: str | None


@dataclass(frozen=True, slots=True)
class RecordView:
    id: str
    title: str
    topic: str
    type: str
    difficulty: str
    tags: tuple[str, ...]
    question: str
    answer: str | None
    choices: tuple[ChoiceView, ...]
    key: str  # the answer key in one line: "B", "A, C", "141 ± 0.5 units"; "" for open/code

    @classmethod
    def of(cls, record: Record) -> RecordView:
        choices = tuple(ChoiceView(LETTERS[i], c.text, c.correct, c.why)
                        for i, c in enumerate(record.choices or []))
        return cls(id=record.id, title=record.title, topic=record.topic,
                   type=record.type.value, difficulty=record.difficulty.value,
                   tags=tuple(record.tags), question=record.question, answer=record.answer,
                   choices=choices, key=answer_key(record, choices))

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)


def answer_key(record: Record, choices: tuple[ChoiceView, ...]) -> str:
    if choices:
        return ", ".join(c.letter for c in choices if c.correct)
    if record.type is QuestionType.NUMERIC and record.numeric is not None:
        n = record.numeric
        text = f"{n.value:g}"
        if n.tolerance:
            text += f" ± {n.tolerance:g}"
        return f"{text} {n.unit}" if n.unit else text
    return ""
