"""The site, built once per session: the real bank (strict), and a small bank of its own with
a draft, a record with an error finding and a numeric template with two variants."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("mkdocs", reason="the site extra is not installed (pip install -e .[site])")

from qbank.commands.site import build as site_build
from qbank.commands.site import hook
from qbank.core.model import Record

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__import__("os").environ.get("QBANK_SITE_ARTIFACTS",
                                              ROOT / "build" / "site-test"))

GOOD = """\
    id: neuron-sum
    title: Weighted sum of a neuron
    topic: fundamentals
    type: numeric
    difficulty: easy
    tags: [neuron]
    status: published
    question: |
      A neuron has inputs $x = (1, 2)$ and weights $w = (3, 4)$, no bias and a linear
      activation. What is its output?
    answer: |
      $$z = 1 \\cdot 3 + 2 \\cdot 4 = 11$$
    numeric:
      value: 11
      tolerance: 0.5
    """
DRAFT = """\
    id: unfinished-question
    title: An unfinished question
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [neuron]
    status: draft
    question: What does a neuron compute?
    answer: A weighted sum of its inputs passed through an activation.
    """
BROKEN = """\
    id: broken-choices
    title: A choice question without a correct choice
    topic: fundamentals
    type: single_choice
    difficulty: easy
    tags: [neuron]
    status: published
    question: Which activation is linear?
    choices:
      - text: ReLU
      - text: Sigmoid
    """


@dataclass(frozen=True)
class FakeVariant:
    """What `generators.variants` returns (GEN issue): template_id, seed, id, params, record."""

    template_id: str
    seed: int
    id: str
    params: dict[str, int]
    record: Record


def _variants(record: Record) -> Sequence[FakeVariant]:
    """A stand-in for the GEN engine: `neuron-sum` as a template with three variants (seeds 1,
    2, 3), each a resolved record with its own key; seed 1 is the record as written."""
    if record.id != "neuron-sum":
        return []
    out = []
    for seed, (a, b) in ((1, (3, 4)), (2, (5, 6)), (3, (7, 9))):
        value = 1 * a + 2 * b
        data = record.model_dump()
        data["question"] = (f"A neuron has inputs $x = (1, 2)$ and weights $w = ({a}, {b})$, "
                            "no bias and a linear activation. What is its output?")
        data["answer"] = f"$$z = 1 \\cdot {a} + 2 \\cdot {b} = {value}$$"
        data["numeric"] = {"value": value, "tolerance": 0.5}
        out.append(FakeVariant("neuron-sum", seed, f"neuron-sum--s{seed}", {"a": a, "b": b},
                               Record.model_validate(data)))
    return out


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


class _Keep:
    """The build's log lines, kept (`LEVEL message`)."""

    def __init__(self) -> None:
        import logging

        self.lines: list[str] = []
        keep = self

        class Handler(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                keep.lines.append(f"{record.levelname} {record.getMessage()}")

        self.handler = Handler()


def _build_logged(out: Path, bank: Path) -> tuple[Path, list[str]]:
    import logging

    keep = _Keep()
    logging.getLogger("mkdocs").addHandler(keep.handler)
    try:
        return site_build.build(out, bank=bank), keep.lines
    finally:
        logging.getLogger("mkdocs").removeHandler(keep.handler)


@pytest.fixture(scope="session")
def built_site_and_log(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The real bank's site and its build log. Not --strict here: a record that the bank's
    validation fails today is left out (and `nox -s validate` says why); test_pages checks
    that nothing else warned, which is what --strict adds."""
    return _build_logged(tmp_path_factory.mktemp("site") / "html", ROOT / "bank")


@pytest.fixture(scope="session")
def built_site(built_site_and_log: tuple[Path, list[str]]) -> Path:
    return built_site_and_log[0]


@pytest.fixture(scope="session")
def small_bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    bank = tmp_path_factory.mktemp("smallbank") / "bank"
    (bank / "fundamentals").mkdir(parents=True)
    shutil.copy(ROOT / "bank" / "topics.yaml", bank / "topics.yaml")
    for text in (GOOD, DRAFT, BROKEN):
        body = textwrap.dedent(text)
        rid = body.split("\n", 1)[0].removeprefix("id: ")
        (bank / "fundamentals" / f"{rid}.yaml").write_text(body)
    return bank


@pytest.fixture(scope="session")
def small_site(small_bank: Path, tmp_path_factory: pytest.TempPathFactory,
               ) -> Iterator[tuple[Path, str]]:
    """The small bank's site (not strict), with variants; and what the build logged."""
    saved = hook.variant_provider
    hook.variant_provider = lambda *_: _variants  # type: ignore[assignment]
    try:
        built, lines = _build_logged(tmp_path_factory.mktemp("smallsite") / "html", small_bank)
    finally:
        hook.variant_provider = saved  # type: ignore[assignment]
    yield built, "\n".join(lines)
