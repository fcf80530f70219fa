"""One response against its record's key: a score in 0..1 (None: graded by hand), a status and
feedback that says why."""

from __future__ import annotations

from dataclasses import dataclass

from qbank.commands.grade.choice import Rule, parse_choices, score_choices
from qbank.commands.grade.numeric import NumericKey, grade_number
from qbank.commands.grade.responses import Response
from qbank.core.model import QuestionType, Record
from qbank.render.view import RecordView


@dataclass(frozen=True, slots=True)
class Verdict:
    line: int
    learner: str
    question: str
    seed: int | None
    response: str
    score: float | None  # None: open questions, listed for manual grading
    status: str  # correct | partial | wrong | invalid | manual
    feedback: str
    key: str = ""
    picked: tuple[str, ...] = ()


def grade(record: Record, resp: Response, *, rule: Rule = "false2", negative: bool = False,
          rel_tol: float = 0.0) -> Verdict:
    view = RecordView.of(record)

    def verdict(score: float | None, status: str, feedback: str,
                picked: tuple[str, ...] = ()) -> Verdict:
        return Verdict(resp.line, resp.learner, resp.question, resp.seed, resp.response, score,
                       status, feedback, view.key, picked)

    if record.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        choices = record.choices or []
        picked = parse_choices(resp.response, [c.text for c in choices])
        if picked.unknown:
            return verdict(0.0, "invalid", f"{', '.join(map(repr, picked.unknown))} names no "
                           f"choice (answer with letters A-{view.choices[-1].letter} or a "
                           "choice's text)", picked.letters)
        if not picked.letters:
            return verdict(0.0, "wrong", "no choice given", ())
        correct = {c.letter for c in view.choices if c.correct}
        score = score_choices(picked.letters, correct, len(choices),
                              single=record.type is QuestionType.SINGLE_CHOICE,
                              rule=rule, negative=negative)
        whys = [f"{c.letter}: {c.why.strip()}" for c in view.choices
                if c.letter in picked.letters and c.why]
        status = "correct" if score == 1 else "partial" if score > 0 else "wrong"
        head = "correct" if score == 1 else f"the key is {view.key}"
        return verdict(score, status, "; ".join([head, *whys]), picked.letters)
    if record.type is QuestionType.NUMERIC and record.numeric is not None:
        n = record.numeric
        ok, feedback = grade_number(resp.response, NumericKey(n.value, n.tolerance, rel_tol,
                                                              n.unit))
        if ok is None:
            return verdict(0.0, "invalid", feedback)
        return verdict(1.0 if ok else 0.0, "correct" if ok else "wrong", feedback)
    return verdict(None, "manual", "open and code answers are graded by hand: compare with "
                   "the model answer")
