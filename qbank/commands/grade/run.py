"""Grade a responses file against the bank: verdicts per response, scores per learner, the item
analysis, and every problem row with its line (exit 1 when there is one, as `validate`)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generators import TemplateError, is_template, published, variants
from qbank.commands.grade.analysis import ItemStats, item_analysis
from qbank.commands.grade.choice import Rule
from qbank.commands.grade.code import CODE_TIMEOUT, Runner
from qbank.commands.grade.responses import Response, RowProblem, read_responses
from qbank.commands.grade.score import Verdict, grade_all
from qbank.core.loader import Bank
from qbank.core.model import Record


@dataclass
class Graded:
    verdicts: list[Verdict]
    problems: list[RowProblem]
    items: list[ItemStats]
    learners: dict[str, dict[str, float | int]] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


def _instance(record: Record, seed: int | None) -> Record:
    """What the learner saw: a template's variant for its seed (its own key), the template's
    published instance without a seed, any other record as it is (a seed is then ignored)."""
    if not is_template(record):
        return record
    if seed is None:
        return published(record)
    return variants(record, [seed])[0].record


def grade_file(bank: Bank, path: Path, *, fmt: str | None = None, rule: Rule = "false2",
               negative: bool = False, rel_tol: float = 0.0,
               code_timeout: float = CODE_TIMEOUT, workers: int = 0,
               runner: Runner | None = None) -> Graded:
    """Grade every valid row; the code responses run in the sandbox in one batch (`workers`
    at a time, default one per core; `runner` replaces the sandbox, for tests)."""
    responses, problems = read_responses(path, fmt)
    records = {r.id: (r.written or r).record for r in bank.records if r.record is not None}
    pairs: list[tuple[Record, Response]] = []
    instances: dict[tuple[str, int | None], Record | TemplateError] = {}
    for resp in responses:
        rec = records.get(resp.question)
        if rec is None:
            problems.append(RowProblem(resp.line, f"no question with id {resp.question!r}"))
            continue
        seen = instances.get((resp.question, resp.seed))
        if seen is None:  # a template's variant is rendered once, not once per learner
            try:
                seen = _instance(rec, resp.seed)
            except TemplateError as exc:
                seen = exc
            instances[(resp.question, resp.seed)] = seen
        if isinstance(seen, TemplateError):
            problems.append(RowProblem(resp.line, f"{resp.question}: {seen}"))
            continue
        rec = seen
        pairs.append((rec, resp))
    verdicts: list[Verdict] = grade_all(pairs, rule=rule, negative=negative, rel_tol=rel_tol,
                                        code_timeout=code_timeout, workers=workers,
                                        runner=runner)
    problems.sort(key=lambda p: p.line)
    learners: dict[str, dict[str, float | int]] = {}
    for v in verdicts:
        row = learners.setdefault(v.learner, {"score": 0.0, "graded": 0, "manual": 0})
        if v.score is None:
            row["manual"] = int(row["manual"]) + 1
        else:
            row["score"] = round(float(row["score"]) + v.score, 6)
            row["graded"] = int(row["graded"]) + 1
    return Graded(verdicts, problems, item_analysis(verdicts), dict(sorted(learners.items())))


def as_json(g: Graded, source: str) -> str:
    data: dict[str, Any] = {
        "version": 1,
        "summary": {"responses": len(g.verdicts), "learners": len(g.learners),
                    "manual": sum(v.status == "manual" for v in g.verdicts),
                    "problems": len(g.problems)},
        "learners": g.learners,
        "verdicts": [asdict(v) | {"picked": list(v.picked)} for v in g.verdicts],
        "items": [asdict(i) for i in g.items],
        "problems": [{"path": source, "line": p.line, "message": p.message} for p in g.problems],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def as_csv(g: Graded) -> str:
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["line", "learner", "question", "seed", "response", "score", "status",
                  "feedback"])
    for v in g.verdicts:
        out.writerow([v.line, v.learner, v.question, "" if v.seed is None else v.seed,
                      v.response, "" if v.score is None else f"{v.score:g}", v.status,
                      v.feedback])
    return buf.getvalue()


def summary_lines(g: Graded, source: str) -> list[str]:
    lines = [f"{source}:{p.line}: {p.message}" for p in g.problems]
    for learner, row in g.learners.items():
        lines.append(f"{learner}: {float(row['score']):g} / {row['graded']}"
                     + (f" (+{row['manual']} to grade by hand)" if row["manual"] else ""))
    for item in g.items:
        disc = "-" if item.discrimination is None else f"{item.discrimination:+.2f}"
        lines.append(f"{item.question}: facility {item.facility:.2f}, discrimination {disc}"
                     + (f", choices {item.choices}" if item.choices else ""))
        lines.extend(f"  ! {f}" for f in item.flags)
    lines.append(f"{len(g.verdicts)} responses of {len(g.learners)} learners graded, "
                 f"{sum(v.status == 'manual' for v in g.verdicts)} for manual grading, "
                 f"{len(g.problems)} problem row(s)")
    return lines
