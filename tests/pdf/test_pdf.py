"""`qbank pdf` on the real bank: the text of the PDFs (pypdf) holds every selected question in
order and every key as the records state it; versions differ as declared; two builds are
byte-identical; bad input exits 2 with one line; nothing is overwritten without --force."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from qbank.commands.cli import app
from qbank.commands.pdf import SetSpec, build_set, load_set
from qbank.commands.pdf.spec import PdfError, Selection
from qbank.core.loader import load_bank
from tests.conftest import REPO, write_bank

BANK = load_bank(REPO / "bank")
runner = CliRunner()


def text(pdf: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(pdf)).pages)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def qbank(*args: str) -> tuple[int, str, str]:
    res = runner.invoke(app, ["pdf", *args])
    return res.exit_code, res.stdout, res.stderr


def test_exam_and_key_hold_every_question_in_order_and_every_key(tmp_path: Path) -> None:
    ids = ["neuron-output-with-linear-activation", "relu-in-the-output-layer",
           "universal-approximators"]
    code, _, err = qbank(*[a for i in ids for a in ("--id", i)], "--out", str(tmp_path))
    assert code == 0, err
    exam, key = text(tmp_path / "exam.pdf"), text(tmp_path / "key.pdf")
    by_id = {r.id: r.record for r in BANK.records}
    places = [squash(exam).index(squash(f"{n}. {by_id[i].title}")) for n, i in enumerate(ids, 1)]
    assert places == sorted(places)
    assert "Name:" in exam and f"{len(ids)} questions" in exam
    relu = by_id["relu-in-the-output-layer"]
    assert relu.choices is not None
    right = "ABCD"[[c.correct for c in relu.choices].index(True)]
    assert f"Answer: {right}" in key and f"2. {right}" in key  # the key at a glance
    assert "Answer: 141" in key  # neuron-output-with-linear-activation's numeric.value
    assert f"Answer: {right}" not in exam


def test_versions_shuffle_choices_each_with_its_key(tmp_path: Path) -> None:
    spec = SetSpec(select=Selection(types=["single_choice"], count=8, seed=5), versions=3)
    built = build_set(BANK, spec, tmp_path, echo=lambda _: None)
    assert [p.name for p in built.files] == ["exam-A.pdf", "key-A.pdf", "exam-B.pdf",
                                             "key-B.pdf", "exam-C.pdf", "key-C.pdf"]
    glance = {v: text(tmp_path / f"key-{v}.pdf").split("Keys at a glance:")[1][:120]
              for v in "ABC"}
    keys = {v: re.findall(r"(\d+)\. ([A-Z])\b", g)[:8] for v, g in glance.items()}
    assert all(len(k) == 8 for k in keys.values()), keys
    assert len({tuple(k) for k in keys.values()}) > 1, "the versions' keys are all the same"
    assert "version seed" in text(tmp_path / "key-A.pdf")
    assert text(tmp_path / "exam-A.pdf") != text(tmp_path / "exam-B.pdf")


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    spec = load_set(REPO / "sets" / "fundamentals-quiz.yaml")
    a = build_set(BANK, spec, tmp_path / "a", echo=lambda _: None)
    b = build_set(BANK, spec, tmp_path / "b", echo=lambda _: None)
    for pa, pb in zip(a.files, b.files, strict=True):
        assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_an_existing_pdf_is_kept_without_force(tmp_path: Path) -> None:
    (tmp_path / "exam.pdf").write_bytes(b"mine")
    code, _, err = qbank("--id", "relu-in-the-output-layer", "--out", str(tmp_path))
    assert code == 2 and "exam.pdf exists: pass --force" in err
    assert (tmp_path / "exam.pdf").read_bytes() == b"mine"
    code, _, _ = qbank("--id", "relu-in-the-output-layer", "--out", str(tmp_path), "--force")
    assert code == 0 and (tmp_path / "exam.pdf").read_bytes()[:5] == b"%PDF-"


def test_unknown_id_and_empty_selection_exit_2_with_one_line(tmp_path: Path) -> None:
    code, _, err = qbank("--id", "relu-in-the-outptu-layer", "--out", str(tmp_path))
    assert code == 2 and err.count("\n") == 1
    assert "no question with id 'relu-in-the-outptu-layer'" in err
    assert "did you mean 'relu-in-the-output-layer'" in err
    code, _, err = qbank("--topic", "no-such-topic", "--out", str(tmp_path))
    assert code == 2 and "the selection is empty" in err
    assert not list(tmp_path.iterdir())


def test_a_bad_set_file_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: Quiz\nselect:\n  count: many\n")
    with pytest.raises(PdfError, match=r"bad.yaml:3: select.count: "):
        load_set(bad)


def test_a_record_with_error_findings_is_refused(tmp_path: Path, monkeypatch) -> None:
    src = (REPO / "bank" / "activations" / "relu-in-the-output-layer.yaml").read_text()
    bank = write_bank(tmp_path, {"activations/relu-in-the-output-layer.yaml":
                                 src.replace("ReLU", "ReLU  TODO", 1)})
    monkeypatch.chdir(tmp_path)
    code, _, err = qbank("--id", "relu-in-the-output-layer", "--bank", str(bank),
                         "--out", str(tmp_path / "out"))
    assert code == 2 and "TXT001" in err and "relu-in-the-output-layer.yaml:" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_no_line_of_code_runs_past_the_text_area(tmp_path: Path) -> None:
    spec = load_set(REPO / "sets" / "code-interview.yaml")
    built = build_set(BANK, spec, tmp_path, echo=lambda _: None)
    html = subprocess.run(["pdftotext", "-bbox", str(built.files[0]), "-"],
                          capture_output=True, text=True, check=True).stdout
    page_w = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', html))
    assert right <= page_w - 2 * 72 / 2.54 + 1, (right, page_w)  # 2 cm margin
