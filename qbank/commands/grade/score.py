"""One response against its record's key: a score in 0..1 (None: graded by hand), a status and
feedback that says why. `grade_all` grades many, with every code response in one sandbox
batch; `grade` is one response (a code response then runs alone)."""

from __future__ import annotations

from dataclasses import dataclass

from qbank.commands.grade.choice import Rule, parse_choices, score_choices
from qbank.commands.grade.code import CODE_TIMEOUT, Runner, code_key, grade_code
from qbank.commands.grade.numeric import NumericKey, grade_number
from qbank.commands.grade.responses import Response
from qbank.commands.grade.symbolic import grade_expression
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


def grade_all(pairs: list[tuple[Record, Response]], *, rule: Rule = "false2",
              negative: bool = False, rel_tol: float = 0.0, code_timeout: float = CODE_TIMEOUT,
              workers: int = 0, runner: Runner | None = None) -> list[Verdict]:
    """Verdicts in the order of `pairs`; the code responses run in the sandbox in one batch."""
    out: list[Verdict | None] = [None] * len(pairs)
    code: list[int] = []
    keys = []
    views: dict[int, RecordView] = {}  # one per record, not per response
    for i, (record, resp) in enumerate(pairs):
        key = code_key(record, code_timeout) if record.type is QuestionType.CODE else None
        if key is None:
            view = views.get(id(record))
            if view is None:
                view = views[id(record)] = RecordView.of(record)
            out[i] = _grade(record, resp, view, rule=rule, negative=negative, rel_tol=rel_tol)
        else:
            code.append(i)
            keys.append((key, resp.response))
    for i, outcome in zip(code, grade_code(keys, runner, workers), strict=True):
        record, resp = pairs[i]
        out[i] = Verdict(resp.line, resp.learner, resp.question, resp.seed, resp.response,
                         outcome.score, outcome.status, outcome.feedback,
                         RecordView.of(record).key)
    return [v for v in out if v is not None]


def grade(record: Record, resp: Response, *, rule: Rule = "false2", negative: bool = False,
          rel_tol: float = 0.0, code_timeout: float = CODE_TIMEOUT) -> Verdict:
    return grade_all([(record, resp)], rule=rule, negative=negative, rel_tol=rel_tol,
                     code_timeout=code_timeout)[0]


def _grade(record: Record, resp: Response, view: RecordView, *, rule: Rule, negative: bool,
           rel_tol: float) -> Verdict:

    def verdict(score: float | None, status: str, feedback: str,
                picked: tuple[str, ...] = (), key: str = view.key) -> Verdict:
        return Verdict(resp.line, resp.learner, resp.question, resp.seed, resp.response, score,
                       status, feedback, key, picked)

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
        if ok is None and record.expression is not None:  # not a number: an expression?
            sym = grade_expression(resp.response, record.expression)
            return verdict(sym.score, sym.status, sym.feedback)
        if ok is None:
            return verdict(0.0, "invalid", feedback)
        return verdict(1.0 if ok else 0.0, "correct" if ok else "wrong", feedback)
    if record.type is QuestionType.OPEN and record.expression is not None:
        sym = grade_expression(resp.response, record.expression)
        return verdict(sym.score, sym.status, sym.feedback, key=record.expression)
    return verdict(None, "manual", "open and code answers without a key to run or compare "
                   "with are graded by hand: compare with the model answer")
