"""Compile, draw, render and verify one template: the data every GEN rule reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generators import Draw, Template, TemplateError, template_of
from generators.oracle import oracle_job_parts, read_results
from generators.render import render, shown
from qbank.core.loader import LoadedRecord
from qbank.core.model import QuestionType, Record
from validators.gen import Problem, SeedRun, TemplateReport

Pending = tuple[Template, list[Draw]] | None
MARKUP_SEEDS = 50  # variants whose Markdown/LaTeX is rendered to check it (the costly part)
CHUNK = 250  # draws per sandbox job: a long stress run uses every worker


def _markup_problem(record: Record) -> str | None:
    from qbank.render import RenderError, prose_html

    for name in ("question", "answer"):
        text = getattr(record, name) or ""
        if text.count("$") % 2:
            return f"{name}: an odd number of `$`: a formula is not closed"
        try:
            prose_html(text)
        except RenderError as exc:
            return f"{name}: {exc}"
    return None


def analyse(rec: LoadedRecord, seeds: int) -> tuple[TemplateReport, Pending]:
    report = TemplateReport()
    record = rec.record
    assert record is not None and record.params is not None
    try:
        tpl = template_of(record)
    except TemplateError as exc:
        report.spec = Problem(str(exc), exc.field, None, exc.kind, exc.offset)
        return report, None
    spec = tpl.spec
    report.integer, report.decimals, report.order = spec.integer, spec.decimals, spec.order
    report.min_distinct = spec.min_distinct
    report.drawn = list(spec.draw)
    if record.numeric is not None:
        report.written_key, report.tolerance = record.numeric.value, record.numeric.tolerance
    if record.choices:
        report.wrong_without_why = [i for i, c in enumerate(record.choices)
                                    if not c.correct and not (c.why or "").strip()]
    try:
        default = tpl.defaults()
        render(record, tpl, default)
        report.default_key = default.key
    except TemplateError as exc:
        report.default = Problem(str(exc), exc.field, None, exc.kind, exc.offset)
    draws: list[Draw] = []
    for seed in range(1, (spec.seeds or seeds) + 1):
        try:
            draw = tpl.draw(seed)
            variant = render(record, tpl, draw)
        except TemplateError as exc:
            report.draw.append(Problem(str(exc), exc.field, seed, exc.kind, exc.offset))
            continue
        draws.append(draw)
        report.seeds.append(_seed_run(draw, variant, markup=len(report.seeds) < MARKUP_SEEDS))
    return report, (tpl, draws) if draws else None


def _seed_run(draw: Draw, variant: Record, markup: bool) -> SeedRun:
    assert draw.seed is not None
    run = SeedRun(seed=draw.seed, params={k: v for k, v in draw.params.items()}, key=draw.key)
    run.choices = [c.text for c in variant.choices or []]
    run.correct = [i for i, c in enumerate(variant.choices or []) if c.correct]
    run.texts = variant.question + "\n" + "\n".join(run.choices)
    if variant.type is QuestionType.NUMERIC or not run.choices:
        run.texts += f"\nkey={shown(draw.key)}"
    run.markup = _markup_problem(variant) if markup else None
    return run


def run_oracles(items: list[tuple[TemplateReport, Pending]],
                sandbox: Callable[[], Any]) -> None:
    """Every template's oracle over its draws: one sandbox job per template, all in one batch."""
    from qbank.services.sandbox import Job

    work: list[tuple[TemplateReport, list[Draw]]] = []
    jobs = []
    for report, pending in items:
        if pending is None:
            continue
        tpl, draws = pending
        for i in range(0, len(draws), CHUNK):
            chunk = draws[i:i + CHUNK]
            setup, expr = oracle_job_parts(tpl, chunk)
            work.append((report, chunk))
            jobs.append(Job(setup=setup, expr=expr, namespace="science",
                            timeout=20.0 + 0.5 * len(chunk)))
    if not jobs:
        return
    results = sandbox().run(jobs)
    for (report, draws), res in zip(work, results, strict=True):
        message = res.message or ""
        if res.status == "timeout":
            message = f"it ran past the sandbox's {20 + 0.5 * len(draws):g} s"
        elif res.status != "ok":
            where = f", line {res.line} of the oracle" if res.line and res.where == "<setup>" \
                else ""
            message = f"{res.status}: {res.exc_type or ''} {message}{where}".strip()
        values = read_results(draws, res.status, res.value, message)
        by_seed = {s.seed: s for s in report.seeds}
        for v in values:
            run = by_seed.get(v.seed)  # type: ignore[arg-type]
            if run is not None:
                run.oracle, run.oracle_error = v.value, v.error
