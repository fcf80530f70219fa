"""`qbank import`: never overwrites, idempotent, dry run, clashes, unreadable sources; the
records it writes pass the schema rules."""

from __future__ import annotations

from qbank.core.config import Config
from qbank.core.loader import load_bank
from qbank.lint.engine import validate
from tests.importer.conftest import Importer

SOURCE = "1. What is an epoch?\nAnswer: One pass over the training set.\n" \
         "2. What is a batch?\nAnswer: A group of examples processed together.\n"


def test_imported_records_pass_the_schema_rules(imp: Importer) -> None:
    imp.run(imp.source("s.txt", SOURCE))
    result = validate(load_bank(imp.bank), Config(select=["SCH"], cache=False))
    assert [(f.code, f.path) for f in result.findings] == []


def test_second_run_creates_nothing(imp: Importer) -> None:
    src = imp.source("s.txt", SOURCE)
    assert imp.run(src)[0] == 0
    before = imp.files()
    code, out, _ = imp.run(src)
    assert code == 0
    assert imp.files() == before
    assert "skipped   Q1, line 1: already imported as epoch" in out
    assert "s.txt: 0 imported, 2 already imported, 0 clashes" in out


def test_already_imported_even_when_renamed(imp: Importer) -> None:
    src = imp.source("s.txt", SOURCE)
    imp.run(src)
    old = imp.bank / "training" / "epoch.yaml"
    new = old.with_name("epoch-definition.yaml")
    new.write_text(old.read_text().replace("id: epoch", "id: epoch-definition"))
    old.unlink()
    code, out, _ = imp.run(src)
    assert code == 0 and "already imported as epoch-definition" in out
    assert not old.exists()


def test_a_yml_record_counts_as_imported(imp: Importer) -> None:
    """The importer reads the bank with the bank's loader: a `.yml` record is a record too."""
    src = imp.source("s.txt", SOURCE)
    imp.run(src)
    old = imp.bank / "training" / "epoch.yaml"
    old.rename(old.with_suffix(".yml"))
    code, out, _ = imp.run(src)
    assert code == 0 and "skipped   Q1, line 1: already imported as epoch" in out
    assert not old.exists()


def test_dry_run_writes_nothing(imp: Importer) -> None:
    code, out, _ = imp.run(imp.source("s.txt", SOURCE), "--dry-run")
    assert code == 0
    assert imp.files() == {}
    assert sorted(p.name for p in imp.bank.iterdir()) == ["topics.yaml"]
    assert "would import training/epoch.yaml" in out
    assert "s.txt: 2 to import, 0 already imported, 0 clashes" in out


def test_clash_is_reported_and_nothing_overwritten(imp: Importer) -> None:
    mine = imp.bank / "training" / "epoch.yaml"
    mine.parent.mkdir()
    mine.write_text("id: epoch\nquestion: |\n  Something else entirely.\n")
    code, out, _ = imp.run(imp.source("s.txt", SOURCE))
    assert code == 1
    assert mine.read_text() == "id: epoch\nquestion: |\n  Something else entirely.\n"
    assert "clash     Q1, line 1: id epoch is taken by" in out
    assert "1 imported, 0 already imported, 1 clashes" in out
    assert (imp.bank / "training" / "batch.yaml").exists() or any(
        "batch" in k for k in imp.files())


def test_unreadable_source_exits_2_and_writes_nothing(imp: Importer) -> None:
    good = imp.source("s.txt", SOURCE)
    bad = imp.root / "latin1.txt"
    bad.write_bytes("1. Qu'est-ce qu'un \xe9poque ?\n".encode("latin-1"))
    code, out, err = imp.run(good, bad)
    assert code == 2
    assert out == "" and imp.files() == {}
    assert err.strip() == f"qbank: {bad}: not UTF-8 text (byte 19)"
    code, _, err = imp.run(imp.root / "missing.txt")
    assert code == 2 and err.count("\n") == 1 and "missing.txt: cannot read" in err


def test_unknown_topic_override_exits_2(imp: Importer) -> None:
    code, _, err = imp.run(imp.source("s.txt", SOURCE), "--topic", "nope")
    assert code == 2 and "--topic nope: not a topic of" in err


def test_several_sources_print_a_total(imp: Importer) -> None:
    a = imp.source("a.txt", SOURCE)
    b = imp.source("b.md", "## What is a tensor?\n\nAn n-dimensional array.\n")
    code, out, _ = imp.run(a, b)
    assert code == 0
    assert "total: 3 imported, 0 already imported, 0 clashes" in out


def test_a_record_citing_the_entry_label_counts_as_imported(imp: Importer) -> None:
    mine = imp.bank / "training" / "what-a-batch-is.yaml"
    mine.parent.mkdir()
    mine.write_text("id: what-a-batch-is\nquestion: |\n  Batches?\nsources:\n"
                    "  - file: s.txt\n    note: \"Q2\"\n")
    code, out, _ = imp.run(imp.source("s.txt", SOURCE))
    assert code == 0
    assert "skipped   Q2, line 3: already imported as what-a-batch-is" in out
    assert sorted(imp.files()) == ["training/epoch.yaml", "training/what-a-batch-is.yaml"]


def test_a_label_repeated_in_the_source_is_not_taken_for_imported(imp: Importer) -> None:
    src = imp.source("r.txt", "1. What is an epoch?\nAnswer: A pass.\n\n"
                              "1. What is a tensor?\nAnswer: An array.\n")
    assert imp.run(src)[0] == 0
    assert sorted(r["id"] for r in imp.records()) == ["epoch", "tensor"]


def test_imported_records_are_already_formatted(imp: Importer) -> None:
    from qbank.commands.formatter import format_file

    imp.run(imp.source("s.txt", SOURCE + "3. How to fit?\nAnswer:\nmodel.fit(x, y)\n"))
    files = sorted(imp.bank.rglob("*.yaml"))
    assert [format_file(f, write=False) for f in files if f.name != "topics.yaml"] == [False] * 3
