"""PDF figures: a 50-question exam plus key (goal < 3 s), the whole bank as one book with its
answers (goal < 15 s), and the byte comparison of two runs."""

from __future__ import annotations

import hashlib
import tempfile
import time
from pathlib import Path

from benchmarks.common import header
from qbank.commands.pdf import Selection, SetSpec, build_set
from qbank.core.loader import load_bank

ROOT = Path(__file__).resolve().parent.parent


def _timed_build(spec: SetSpec, out: Path) -> tuple[float, list[Path]]:
    bank = load_bank(ROOT / "bank")
    start = time.perf_counter()
    built = build_set(bank, spec, out, force=True, echo=lambda _: None)
    return time.perf_counter() - start, built.files


def main() -> None:
    header("pdf: qbank pdf through Typst")
    bank = load_bank(ROOT / "bank")
    with tempfile.TemporaryDirectory() as tmp:
        exam = SetSpec(select=Selection(count=50, seed=1, balance=True))
        seconds, files = _timed_build(exam, Path(tmp) / "exam")
        sizes = ", ".join(f"{p.name} {p.stat().st_size // 1024} KiB" for p in files)
        print(f"50-question exam + key: {seconds:.2f} s ({sizes}); goal < 3 s: "
              f"{'met' if seconds < 3 else 'NOT met'}")
        book = SetSpec(title="The whole bank", select=Selection(count=len(bank.records)),
                       answers="inline")
        seconds, files = _timed_build(book, Path(tmp) / "book")
        print(f"whole bank ({len(bank.records)} questions, answers inline) as one book: "
              f"{seconds:.2f} s ({files[0].stat().st_size // 1024} KiB); goal < 15 s: "
              f"{'met' if seconds < 15 else 'NOT met'}")
        _, first = _timed_build(exam, Path(tmp) / "run1")
        _, second = _timed_build(exam, Path(tmp) / "run2")
        for a, b in zip(first, second, strict=True):
            same = a.read_bytes() == b.read_bytes()
            digest = hashlib.sha256(a.read_bytes()).hexdigest()[:16]
            print(f"two runs of {a.name}: {'byte-identical' if same else 'DIFFERENT'} "
                  f"(sha256 {digest})")


if __name__ == "__main__":
    main()
