"""qbank's sessions: `nox -l` lists them. Virtualenvs are reused between runs, and reinstalled
only when pyproject.toml changes."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import nox

nox.options.reuse_venv = "yes"
nox.options.sessions = ["validate", "tests", "lint"]
nox.options.error_on_missing_interpreters = False

ROOT = Path(__file__).parent
PYTHON = "3.11"
PACKAGES = ["qbank", "validators", "generators"]


def _install(session: nox.Session, extras: str = "") -> None:
    """Install qbank (editable) with `extras`, unless this venv already has this pyproject."""
    spec = f".[{extras}]" if extras else "."
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + spec.encode()).hexdigest()
    stamp = Path(session.virtualenv.location) / ".qbank-installed"
    if stamp.exists() and stamp.read_text() == digest:
        session.log("dependencies unchanged: reusing the environment")
        return
    session.install("--upgrade", "pip")
    session.install("-e", spec)
    stamp.write_text(digest)


@nox.session(python=PYTHON)
def validate(session: nox.Session) -> None:
    """Validate the bank: the CI gate on content (exit 1 on error findings)."""
    _install(session)
    session.run("qbank", "validate", *session.posargs)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (real TensorFlow, real YAML, real models)."""
    _install(session, "test")
    args = session.posargs or ["-q"]
    session.run("pytest", *args, env={"TF_CPP_MIN_LOG_LEVEL": "2"})


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff on everything, mypy --strict on the packages, and the layer contracts
    (import-linter: nothing imports upward, no cycles; see docs/architecture.md)."""
    _install(session, "test,lint")
    session.run("ruff", "check", ".")
    session.run("mypy", "--strict", *PACKAGES)
    session.run("lint-imports", "--no-cache")


@nox.session(python=PYTHON)
def pdf(session: nox.Session) -> None:
    """Print every set of sets/ into build/pdf/ (exam and key PDFs), with PNG previews of their
    first pages when poppler's pdftoppm is installed."""
    _install(session)
    out = ROOT / "build" / "pdf"
    for spec in sorted((ROOT / "sets").glob("*.yaml")):
        session.run("qbank", "pdf", str(spec), "--out", str(out), "--force")
    if shutil.which("pdftoppm"):
        for pdf in sorted(out.glob("*.pdf")):
            session.run("pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf),
                        str(out / "preview" / pdf.stem), external=True)


@nox.session(python=PYTHON)
def site(session: nox.Session) -> None:
    """Build the question site (MkDocs Material, offline) into build/site with --strict; `nox -s
    site -- serve` serves it and rebuilds when a record changes."""
    _install(session, "site")
    if session.posargs[:1] == ["serve"]:
        session.run("qbank", "site", "serve", *session.posargs[1:])
    else:
        session.run("qbank", "site", "build", "--strict", *session.posargs)


@nox.session(python=PYTHON)
def export(session: nox.Session) -> None:
    """Export the bank in every format into build/export (Moodle XML, GIFT, QTI zip, Anki)."""
    _install(session)
    for fmt in ("moodle", "gift", "qti", "anki"):
        session.run("qbank", "export", "--format", fmt, "--force", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Print the performance and quality figures (machine and versions included)."""
    _install(session, "test")
    benches = sorted((ROOT / "benchmarks").glob("bench_*.py"))
    wanted = set(session.posargs)
    for path in benches:
        if wanted and path.stem.removeprefix("bench_") not in wanted:
            continue
        session.run("python", "-m", f"benchmarks.{path.stem}",
                    env={"TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONHASHSEED": "0"})
