"""Learners' responses, from CSV (a header row: learner, question, response[, seed]) or JSON
Lines (one object per line with those keys). A malformed row is reported with its line number;
every valid row is still graded."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

FIELDS = ("learner", "question", "response")


class ResponsesError(Exception):
    """The file cannot be read at all (exit 2)."""


@dataclass(frozen=True, slots=True)
class Response:
    line: int
    learner: str
    question: str
    response: str
    seed: int | None = None  # a template variant's seed (its own key)


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    message: str


def read_responses(path: Path, fmt: str | None = None) -> tuple[list[Response], list[RowProblem]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResponsesError(f"{path}: cannot read the responses: {exc}") from None
    kind = fmt or ("json" if path.suffix.lower() in (".jsonl", ".json", ".ndjson") else "csv")
    rows = _csv_rows(text, path) if kind == "csv" else _json_rows(text)
    out: list[Response] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, str, int | None], int] = {}
    for line, row in rows:
        if isinstance(row, str):
            problems.append(RowProblem(line, row))
            continue
        resp, problem = _response(line, row)
        if problem is not None:
            problems.append(problem)
            continue
        assert resp is not None
        key = (resp.learner, resp.question, resp.seed)
        if key in seen:
            problems.append(RowProblem(line, f"learner {resp.learner!r} answered "
                                             f"{resp.question!r} already on line {seen[key]}: "
                                             "the first response is graded"))
            continue
        seen[key] = line
        out.append(resp)
    return out, problems


def _csv_rows(text: str, path: Path) -> list[tuple[int, dict[str, object] | str]]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return []
    missing = [f for f in FIELDS if f not in header]
    if missing:
        raise ResponsesError(f"{path}:1: the header needs the columns learner, question, "
                             f"response (and optionally seed); missing: {', '.join(missing)}")
    rows: list[tuple[int, dict[str, object] | str]] = []
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            rows.append((line, f"{len(values)} fields where the header has {len(header)}"))
            continue
        rows.append((line, dict(zip(header, values, strict=True))))
    return rows


def _json_rows(text: str) -> list[tuple[int, dict[str, object] | str]]:
    rows: list[tuple[int, dict[str, object] | str]] = []
    for line, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            rows.append((line, f"not JSON: {exc.msg}"))
            continue
        rows.append((line, value if isinstance(value, dict) else "not a JSON object"))
    return rows


def _response(line: int, row: dict[str, object]) -> tuple[Response | None, RowProblem | None]:
    values = {k: ("" if row.get(k) is None else row.get(k)) for k in (*FIELDS, "seed")}
    for name in ("learner", "question"):
        if not str(values[name]).strip():
            return None, RowProblem(line, f"no {name}")
    response = values["response"]
    if isinstance(response, list):  # JSON: ["A", "C"] for a multiple choice
        response = ",".join(str(r) for r in response)
    seed_raw = str(values["seed"]).strip()
    seed = None
    if seed_raw:
        try:
            seed = int(seed_raw)
        except ValueError:
            return None, RowProblem(line, f"seed {seed_raw!r} is not a whole number")
    return Response(line, str(values["learner"]).strip(), str(values["question"]).strip(),
                    str(response), seed), None
