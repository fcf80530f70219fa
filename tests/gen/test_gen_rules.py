"""GEN on the real bank's templates: clean as written, every broken key caught, variants never
reported as duplicates of each other, and the `qbank variants` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from qbank.commands.cli import app
from qbank.core.config import Config
from qbank.core.loader import load_bank
from qbank.lint.engine import validate
from tests.gen import mutation

REPO = Path(__file__).resolve().parents[2]
CONV = "conv-output-size-12x12-input-3x3-filter"


def templates() -> list[str]:
    return [r.id for r in load_bank(REPO / "bank").records
            if r.record is not None and r.record.params is not None]


def test_the_bank_has_templates_and_gen_finds_nothing(tmp_path: Path) -> None:
    assert CONV in templates()
    result = validate(load_bank(REPO / "bank"),
                      Config(select=["GEN"], cache_dir=str(tmp_path / "cache")))
    assert [(f.code, f.question, f.message) for f in result.findings] == []
    assert result.stats.gen is not None
    assert result.stats.gen.templates == len(templates())
    assert result.stats.gen.verified == result.stats.gen.variants == 20 * len(templates())


def test_every_broken_key_is_caught_within_the_default_seeds(tmp_path: Path) -> None:
    mutants = mutation.run(tmp_path)
    assert len(mutants) >= len(templates())
    missed = [m for m in mutants if not m.caught_by]
    assert missed == []
    conv = [m for m in mutants if m.template == CONV]
    assert {m.kind for m in conv} == {"drop-plus-one", "swap-parameters"}
    # dropping the +1 makes the key equal the "forgot the +1" distractor: GEN004 says so first
    assert conv[0].caught_by == ("GEN004",) and {"GEN001", "GEN007"} <= set(conv[1].caught_by)
    assert sum("GEN001" in m.caught_by for m in mutants) >= 0.75 * len(mutants)


def test_gen001_names_seed_parameters_and_both_values(make_bank) -> None:  # type: ignore[no-untyped-def]
    text = (REPO / "bank/cnn" / f"{CONV}.yaml").read_text(encoding="utf-8")
    # the padding counted on one side only: right whenever p = 0
    broken = text.replace('key: "floor((i - f + 2*p)/s) + 1"', 'key: "floor((i - f + p)/s) + 1"')
    assert broken != text
    bank = make_bank({f"cnn/{CONV}.yaml": broken})
    got = validate(load_bank(bank), Config(select=["GEN001"], cache_dir=str(bank.parent / "c")))
    [f] = got.findings
    line = next(i for i, t in enumerate(broken.splitlines(), 1) if t.strip().startswith("key:"))
    assert (f.code, f.question, f.line) == ("GEN001", CONV, line)
    # 11 of the 20 seeds give no variant: the broken key equals a distractor there (GEN004)
    assert f.message == ("seed 3 (i=39, f=5, s=1, p=3): the key is 38, the oracle measured 41 "
                         "(8 of 9 seeds)")


def test_variants_are_not_duplicates_of_each_other_but_the_template_is_compared(
        make_bank) -> None:  # type: ignore[no-untyped-def]
    text = (REPO / "bank/cnn" / f"{CONV}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    bank = make_bank({f"cnn/{CONV}.yaml": text})
    alone = validate(load_bank(bank), Config(select=["DUP"], cache_dir=str(bank.parent / "c")))
    assert alone.findings == []  # 20 variants checked by GEN, one published instance for DUP
    import generators

    pub = generators.published(load_bank(bank).records[0].record)  # type: ignore[arg-type]
    twin = pub.model_dump(mode="json", exclude_defaults=True)
    twin.update(id="conv-output-size-copy", params=None, sources=data["sources"], related=[])
    twin.pop("params")
    (bank / "cnn" / "conv-output-size-copy.yaml").write_text(
        yaml.safe_dump(twin, sort_keys=False), encoding="utf-8")
    pair = validate(load_bank(bank), Config(select=["DUP"], cache_dir=str(bank.parent / "c")))
    assert {f.question for f in pair.findings} >= {"conv-output-size-copy"} or \
        {f.question for f in pair.findings} >= {CONV}
    assert {f.code for f in pair.findings} <= {"DUP001", "DUP002", "DUP003"} and pair.findings


runner = CliRunner()


def test_variants_command_prints_seeded_variants_with_keys() -> None:
    out = runner.invoke(app, ["variants", CONV, "--seed", "2", "--format", "json"])
    assert out.exit_code == 0, out.output
    [v] = json.loads(out.output)
    assert v["id"] == f"{CONV}@2" and v["seed"] == 2
    assert v["params"] | {"key": v["key"]} == {"i": 13, "f": 7, "s": 1, "p": 1, "padded": 15,
                                               "over": 10, "under": 8, "key": 9}
    assert [c["text"] for c in v["record"]["choices"]] == ["10 x 10", "9 x 9", "15 x 15", "8 x 8"]
    md = runner.invoke(app, ["variants", CONV, "--count", "2"])
    assert md.exit_code == 0 and md.output.count("**Key:**") == 2
    assert "13 x 13 input" in runner.invoke(app, ["variants", CONV, "--seed", "2"]).output


@pytest.mark.parametrize(("args", "message"), [
    (["variants", "nope"], "nope is not in the bank"),
    (["variants", "artificial-neuron"], "is not a template"),
    (["variants", CONV, "--format", "xml"], "--format is md, yaml or json"),
])
def test_variants_command_refuses_clearly(args: list[str], message: str) -> None:
    out = runner.invoke(app, args)
    assert out.exit_code == 2 and message in out.output


def test_variants_stress_prints_a_line_per_template() -> None:
    out = runner.invoke(app, ["variants", "--stress", "40", CONV])
    assert out.exit_code == 0, out.output
    assert out.output.startswith(f"{CONV}: 40/40 ok, 0 failed, ")
    assert "correct at [" in out.output


BAD = """\
# yaml-language-server: $schema=../../schema/record.schema.json
id: bad-template
title: Bad template
topic: fundamentals
type: numeric
difficulty: easy
tags: [parameters]
question: A Dense layer of {{units}} units on {{inputs}} inputs has how many parameters?
answer: "{{inputs}} x {{units}} + {{units}} = {{key}}."
numeric: {value: 40, tolerance: 0}
params:
PARAMS
"""
DRAW = """  draw:
    inputs: {int: [2, 64], default: 4}
    units: {int: [1, 32], default: 8}
  key: "inputs*units + units"
  integer: true
"""


@pytest.mark.parametrize(("params", "code", "text"), [
    ("  {}", "GEN002", "params.draw: `draw` is required"),
    ("  draw: {inputs: {int: [2, 64]}}\n  key: x\n  oracle: 'def oracle(inputs): 1'",
     "GEN002", "params.draw.inputs.default: `default` is required"),
    (DRAW + "  oracle: |\n    def oracle(inputs, units)\n        return 1\n", "GEN008",
     "the oracle did not run (raised: SyntaxError"),
    (DRAW + "  oracle: |\n    def oracle(inputs, units):\n        return 1 / 0\n", "GEN008",
     "ZeroDivisionError: division by zero (20 of 20 seeds)"),
    (DRAW.replace('"inputs*units + units"', '"inputs*units + open(units)"')
     + "  oracle: 'def oracle(inputs, units): 1'\n", "GEN002", "`open` in"),
])
def test_bad_templates_get_a_finding_at_their_line_never_a_traceback(
        make_bank, params: str, code: str, text: str) -> None:  # type: ignore[no-untyped-def]
    bank = make_bank({"fundamentals/bad-template.yaml": BAD.replace("PARAMS", params.rstrip())})
    got = validate(load_bank(bank), Config(select=["GEN"], cache_dir=str(bank.parent / "c")))
    assert [f.code for f in got.findings] == [code], [f.message for f in got.findings]
    assert text in got.findings[0].message
    assert "internal error" not in got.findings[0].message and got.findings[0].line >= 11
