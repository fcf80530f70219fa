"""A rule owns its message (docs/architecture.md, "A rule owns its message").

A family's package (`validators/run/__init__.py`, the DUP search in `qbank.services.dedup`)
does the expensive work once and returns data; each rule module turns the data of its code
into `Result`s with its own message and hint. So:

- every registered rule module builds its `Result`s itself, and no other module of a rule
  family does (no `yield from results_for(...)` whose wording lives elsewhere);
- while the broken fixture bank is validated, every `Result` is built in the module of a
  registered rule (the engine's internal-error result aside);
- the services know no rule codes;
- adding a rule is its module and one registry entry: a rule planted from a temporary package
  with one entry in `RULE_MODULES` is run, reported with its url and documented by
  `qbank rules`, with no other file touched.

The checkers are plain functions, and each is also run on planted offenders (a rule that
delegates its wording to its family's `__init__`, a service that maps strengths to codes),
so a regression makes this file fail.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
import textwrap
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qbank.core.config import Config
from qbank.core.loader import load_bank
from qbank.lint import registry
from qbank.lint.engine import validate
from qbank.lint.registry import RULE_MODULES, all_rules
from tests.conftest import write_bank
from validators.base import Result

ROOT = Path(__file__).resolve().parents[1]
CODE = r"\b(?:SCH|TXT|RUN|MATH|DUP|CLAIM|GEN)\d{3}\b"
ENGINE = "qbank.lint.engine"  # builds the one result a crashing rule cannot: its crash


# ---------------------------------------------------------------------------- the checkers


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def result_calls(path: Path) -> list[int]:
    """The lines of `path` that build a `Result(...)`."""
    return [n.lineno for n in ast.walk(_tree(path)) if isinstance(n, ast.Call) and (
        (isinstance(n.func, ast.Name) and n.func.id == "Result")
        or (isinstance(n.func, ast.Attribute) and n.func.attr == "Result"))]


def _origin(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None, module
    return Path(spec.origin)


def ownership_problems(rule_modules: Iterable[str], family_dirs: Iterable[Path]) -> list[str]:
    """Rule modules that word nothing themselves, and family modules that word findings."""
    rule_modules = list(rule_modules)
    problems = [f"{m}: builds no Result: its findings are worded elsewhere"
                for m in rule_modules if not result_calls(_origin(m))]
    rule_files = {_origin(m).resolve() for m in rule_modules}
    for folder in family_dirs:
        for path in sorted(folder.rglob("*.py")):
            if path.resolve() in rule_files or "__pycache__" in path.parts:
                continue
            problems += [f"{path.relative_to(folder.parent)}:{line}: builds a Result outside a "
                         "rule module" for line in result_calls(path)]
    return problems


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value,
                                                                     ast.Constant):
                out.add(id(body[0].value))
    return out


def rule_codes_in(paths: Iterable[Path]) -> list[str]:
    """Rule codes written in the code (not the docstrings or comments) of `paths`."""
    import re

    found = []
    for path in paths:
        tree = _tree(path)
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docs and re.search(CODE, node.value)):
                found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    return found


class ResultOrigins:
    """Which modules build `Result`s while it is active (its `__init__` wrapped: every
    module that names `Result` shares the one class)."""

    def __init__(self) -> None:
        self.modules: set[str] = set()
        self._init = Result.__init__

    def __enter__(self) -> ResultOrigins:
        init, modules = self._init, self.modules

        def traced(result: Result, *args: Any, **kwargs: Any) -> None:
            modules.add(str(sys._getframe(1).f_globals.get("__name__")))
            init(result, *args, **kwargs)

        Result.__init__ = traced  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        Result.__init__ = self._init  # type: ignore[method-assign]


# ---------------------------------------------------------------------------- the bank's rules


def _family_dirs() -> list[Path]:
    return sorted({_origin(m).parent for m in RULE_MODULES})


def test_every_rule_module_words_its_own_findings() -> None:
    assert ownership_problems(RULE_MODULES, _family_dirs()) == []


def test_every_result_of_a_run_is_built_in_its_rule_module(tmp_path: Path) -> None:
    rules = all_rules()
    # CLAIM finds nothing in this bank and costs most of the run (its embeddings): the
    # static check above covers its modules
    config = Config(ignore=["CLAIM"], cache_dir=str(tmp_path / "cache"))
    with ResultOrigins() as origins:
        findings = validate(load_bank(ROOT / "tests" / "fixtures" / "broken"), config).findings
    assert findings
    modules = {r.module for r in rules.values()}
    assert origins.modules - {ENGINE} <= modules, "a Result built outside a rule module"
    assert {rules[f.code].module for f in findings} <= origins.modules
    assert {f.code for f in findings} >= {"RUN001", "DUP001"}  # the two bank families too


def test_the_services_know_no_rule_codes() -> None:
    services = [p for p in (ROOT / "qbank" / "services").rglob("*.py")
                if "__pycache__" not in p.parts]
    assert rule_codes_in(services) == []


# ---------------------------------------------------------------------------- planted offenders


def _package(root: Path, name: str, files: dict[str, str]) -> Path:
    pkg = root / name
    pkg.mkdir(parents=True)
    for rel, text in files.items():
        (pkg / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    return pkg


def test_a_rule_worded_by_its_family_is_caught(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = _package(tmp_path, "delegating_family", {
        "__init__.py": '''
            from validators.base import Result

            def results_for(rec, ctx, code):
                if code == "TXT098":
                    yield Result("worded by the family, not by the rule")
            ''',
        "txt098_delegated.py": '''
            """TXT098 delegated."""
            from validators.base import rule
            from delegating_family import results_for

            @rule("TXT098", "delegated")
            def delegated(rec, ctx):
                """Worded elsewhere."""
                yield from results_for(rec, ctx, "TXT098")
            ''',
    })
    monkeypatch.syspath_prepend(str(tmp_path))
    problems = ownership_problems(["delegating_family.txt098_delegated"], [pkg])
    assert len(problems) == 2, problems
    assert "builds no Result" in problems[0] and "outside a rule module" in problems[1]


def test_a_service_that_knows_rule_codes_is_caught(tmp_path: Path) -> None:
    service = tmp_path / "search.py"
    service.write_text('"""Mentions DUP001 in its docstring: fine."""\n'
                       'CODES = {"exact": "DUP001", "near": "DUP002"}\n', encoding="utf-8")
    assert len(rule_codes_in([service])) == 2


# ---------------------------------------------------------------------------- adding a rule

PLANTED = '''
    """TXT099 planted-word."""

    from validators.base import Result, rule


    @rule("TXT099", "planted-word", severity="warning")
    def planted_word(rec, ctx):
        """The question says xyzzy, the word this test plants.

        Why: proves that a rule is its module and one registry line.

        Example:
        ~~~yaml
        # file: bank/fundamentals/xyzzy.yaml
        question: What does xyzzy do?
        ~~~

        Instead:
        ~~~yaml
        # file: bank/fundamentals/xyzzy.yaml
        question: What does an epoch do?
        ~~~
        """
        question = rec.field("question")
        if isinstance(question, str) and "xyzzy" in question:
            yield Result("the question says `xyzzy`", hint="ask about something real")
    '''

RECORD = """\
# yaml-language-server: $schema=../../schema/record.schema.json
id: planted
title: A planted question
topic: fundamentals
type: open
difficulty: easy
tags: [training]
status: draft
question: What does xyzzy do in a training loop?
answer: Nothing at all; it is a word planted by a test to prove that rules are pluggable.
"""


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A rule in a temporary package, and its one entry in the registry."""
    _package(tmp_path / "src", "planted_rules", {"__init__.py": "", "txt099_planted_word.py":
                                                 PLANTED})
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    monkeypatch.setattr(registry, "RULE_MODULES",
                        (*RULE_MODULES, "planted_rules.txt099_planted_word"))
    all_rules.cache_clear()
    try:
        yield "planted_rules.txt099_planted_word"
    finally:
        monkeypatch.undo()
        all_rules.cache_clear()
        sys.modules.pop("planted_rules.txt099_planted_word", None)
        sys.modules.pop("planted_rules", None)


def test_a_planted_rule_is_picked_up_run_and_documented(planted: str, tmp_path: Path) -> None:
    rules = all_rules()
    rule = rules["TXT099"]
    assert (rule.module, rule.name, rule.severity.value) == (planted, "planted-word", "warning")
    assert ownership_problems(registry.RULE_MODULES, [_origin(planted).parent]) == []

    bank = write_bank(tmp_path / "run", {"fundamentals/planted.yaml": RECORD})
    config = Config(select=["TXT099"], cache_dir=str(tmp_path / "cache"))
    with ResultOrigins() as origins:
        (finding,) = validate(load_bank(bank), config).findings
    assert (finding.code, finding.name, finding.message, finding.hint) == (
        "TXT099", "planted-word", "the question says `xyzzy`", "ask about something real")
    assert finding.url == config.rule_url("TXT099")
    assert origins.modules == {planted}

    from qbank.commands.cli import app

    listed = CliRunner().invoke(app, ["rules"])
    assert listed.exit_code == 0 and "TXT099" in listed.output and "planted-word" in listed.output
    page = CliRunner().invoke(app, ["rules", "TXT099"])
    assert page.exit_code == 0, page.output
    assert "The question says xyzzy" in page.output and "Why:" in page.output


def test_the_registry_is_itself_again_after_the_planted_rule() -> None:
    assert "TXT099" not in all_rules()
