"""Site figures (`nox -s bench -- site`): the build of the bank's site (validation included, from
its cache), the build of a generated 1,000-question bank (goal < 30 s), and the weight of a
question page with everything it loads."""

from __future__ import annotations

import gzip
import logging
import re
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks.common import header
from qbank.commands.site.build import build
from qbank.core.loader import load_bank

ROOT = Path(__file__).resolve().parent.parent
GOAL_S = 30.0
PAGE = "questions/fundamentals/neuron-output-with-linear-activation.html"


class _Timings(logging.Handler):
    """The hook's own line: 'N questions published, M pages generated (validation s, pages s)'."""

    def __init__(self) -> None:
        super().__init__()
        self.line = ""

    def emit(self, record: logging.LogRecord) -> None:
        if "questions published" in record.getMessage():
            self.line = record.getMessage().removeprefix("qbank: ")


def _build(out: Path, bank: Path) -> tuple[float, str]:
    keep = _Timings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(keep)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    try:
        start = time.perf_counter()
        build(out, bank=bank)
        return time.perf_counter() - start, keep.line
    finally:
        logger.removeHandler(keep)


def generated_bank(where: Path, count: int = 1000) -> Path:
    """`count` published records: the bank's own, then copies of them under new ids and titles
    (the site's work per page is the same). Validated with SCH and TXT only (a pyproject beside
    the bank says so): the copies would be DUP001 errors, and the bench times the site."""
    bank = where / "bank"
    bank.mkdir(parents=True)
    (bank / "topics.yaml").write_text((ROOT / "bank" / "topics.yaml").read_text())
    (where / "pyproject.toml").write_text('[tool.qbank]\nbank = "bank"\nselect = ["SCH", "TXT"]\n')
    source = [r.record for r in load_bank(ROOT / "bank").records
              if r.record is not None and r.record.status.value == "published"]
    n = 0
    while n < count:
        rec = source[n % len(source)]
        copy = n // len(source)
        data = rec.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        data["status"] = "published"
        if copy:
            data["id"] = f"{rec.id}-{copy}"
            data["title"] = f"{rec.title} ({copy})"
            data.pop("related", None)
            data.pop("allow", None)
        folder = bank / rec.topic
        folder.mkdir(exist_ok=True)
        (folder / f"{data['id']}.yaml").write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
        n += 1
    return bank


def page_weight(site: Path, rel: str) -> str:
    page = site / rel
    html = page.read_text(encoding="utf-8")
    assets = sorted({m for m in re.findall(r'(?:href|src)="([^"#?]+\.(?:css|js))"', html)})
    files = [page] + [(page.parent / a).resolve() for a in assets]
    raw = sum(f.stat().st_size for f in files)
    gz = sum(len(gzip.compress(f.read_bytes())) for f in files)
    return (f"question page {rel}: HTML {page.stat().st_size / 1024:.0f} KiB "
            f"({len(gzip.compress(page.read_bytes())) / 1024:.0f} KiB gzipped); with its "
            f"{len(assets)} CSS/JS files {raw / 1024:.0f} KiB ({gz / 1024:.0f} KiB gzipped); "
            f"search index {(site / 'search' / 'search_index.js').stat().st_size / 1024:.0f} KiB,"
            " loaded once when search opens; no font, no external request")


def main() -> None:
    header("site: qbank site build (MkDocs Material, offline)")
    with tempfile.TemporaryDirectory() as tmp:
        seconds, line = _build(Path(tmp) / "site", ROOT / "bank")
        print(f"the bank's site: {seconds:.1f} s ({line}; validation from its cache)")
        print(page_weight(Path(tmp) / "site", PAGE))
        bank = generated_bank(Path(tmp) / "gen")
        seconds, line = _build(Path(tmp) / "gen-site", bank)
        pages = len(list((Path(tmp) / "gen-site").rglob("*.html")))
        print(f"generated 1,000-question bank: {seconds:.1f} s ({line}; {pages} HTML files); "
              f"goal < {GOAL_S:.0f} s: {'met' if seconds < GOAL_S else 'NOT met'}")


if __name__ == "__main__":
    main()
