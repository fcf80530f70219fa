"""The seeds' damage as fixtures (tests/fixtures/seeds, see tests/seeds.py).

Entry by entry, the findings the gate must give on the uncorrected entries of the three seeds,
as `qbank import` turned them into records. Each registered rule family is compared exactly
with expected.yaml; a family registered without expected findings fails here until they are
reviewed and added (`python -m tests.seeds --draft FAMILY`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qbank.commands.importer.run import import_sources
from tests import seeds


def test_fixture_bank_is_what_qbank_import_writes(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    shutil.copy(seeds.BANK / "topics.yaml", bank / "topics.yaml")
    said: list[str] = []
    report = import_sources(sorted(seeds.SOURCES.glob("*.txt")), bank, echo=said.append)
    assert report.exit_code == 0
    assert [(s.name, len(s.imported)) for s in report.sources] == [
        ("000_bab35837ab9e8311.txt", 66), ("001_7a1ff7f97860ce7f.txt", 80),
        ("002_85c670baeb7c97bd.txt", 60)]

    def tree(root: Path) -> dict[str, str]:
        return {str(p.relative_to(root)): p.read_text(encoding="utf-8")
                for p in sorted(root.rglob("*.yaml"))}

    assert tree(bank) == tree(seeds.BANK), (
        "the fixture bank differs from what `qbank import` writes today: rebuild it "
        "(see tests/seeds.py) and review expected.yaml")


def test_every_record_is_listed_in_expected() -> None:
    listed = set(seeds.load_expected()["records"])
    imported = {i.rid for i in seeds.imported_entries()}
    assert imported - listed == set(), "records without an entry in expected.yaml"
    assert listed - imported == set(), "entries of expected.yaml naming no record"


def _family_param(family: str) -> object:
    marks = [pytest.mark.slow] if family in seeds.SLOW_FAMILIES else []
    return pytest.param(family, marks=marks, id=family)


@pytest.mark.parametrize("family", [_family_param(f) for f in seeds.ALL_FAMILIES])
def test_seed_findings_entry_by_entry(family: str, tmp_path: Path) -> None:
    if family not in seeds.registered_families():
        pytest.skip(f"no {family} rule is registered yet")
    if family not in seeds.load_expected()["families"]:
        pytest.fail(f"{family} rules are registered but tests/fixtures/seeds/expected.yaml has "
                    f"no reviewed findings for them: run `python -m tests.seeds --draft "
                    f"{family}`, review each record's findings, then add them (--write)")
    got = seeds.gate_findings([family], cache_dir=tmp_path / "cache")
    want = seeds.expected_findings([family])
    diff = {rid: {"expected": want.get(rid, []), "got": got.get(rid, [])}
            for rid in sorted(set(got) | set(want)) if got.get(rid, []) != want.get(rid, [])}
    assert diff == {}, f"{family} findings on the seed fixtures differ, record by record"


def test_seed_damage_caught() -> None:
    exp = seeds.load_expected()
    dmg = seeds.damage_caught(seeds.expected_findings(exp["families"]))
    print("\n".join(dmg.lines()))
    assert dmg.total >= 200  # defects-000, -001a, -001b at least
    # what the importer's representation alone must make visible, entry by entry
    for kind in ("question-without-answer", "answer-without-question"):
        caught, total = dmg.by_kind[kind]
        assert caught == total, [m for m in dmg.missed if m[2] == kind]
    assert dmg.caught >= exp.get("caught_at_least", 0)
