"""The variant engine on its own: determinism, domains, constraints, safe expressions and
rendering, with the real sympy and pydantic."""

from __future__ import annotations

from pathlib import Path

import pytest

import generators
from generators import TemplateError, Variant, published_bank, variants
from generators.engine import Template, _compiled
from generators.render import shown
from qbank.core.loader import load_bank
from qbank.core.model import Record

BASE = {
    "id": "dense-parameter-count", "title": "Dense {{units}}", "topic": "fundamentals",
    "type": "numeric", "difficulty": "easy", "tags": ["parameters"],
    "question": "A Dense layer of {{units}} units on {{inputs}} inputs: how many parameters?",
    "answer": "{{inputs}} x {{units}} + {{units}} = {{key}}.",
    "numeric": {"value": 40, "tolerance": 0},
}
PARAMS = {
    "draw": {"inputs": {"int": [2, 64], "default": 4}, "units": {"int": [1, 32], "default": 8}},
    "key": "inputs*units + units", "integer": True,
    "oracle": "def oracle(inputs, units):\n    return 0\n",
}


def record(**params: object) -> Record:
    return Record.model_validate({**BASE, "params": {**PARAMS, **params}})


def test_same_seed_same_variant_on_a_fresh_engine() -> None:
    first = variants(record(), [1, 2, 3])
    _compiled.cache_clear()
    again = variants(record(), [1, 2, 3])
    assert [v.params for v in first] == [v.params for v in again]
    assert [v.id for v in first] == ["dense-parameter-count@1", "dense-parameter-count@2",
                                     "dense-parameter-count@3"]
    assert all(isinstance(v, Variant) and v.template_id == "dense-parameter-count" for v in first)
    # pinned: random.Random("<id>@<seed>") is the same on every machine and Python 3 version
    assert {k: first[0].params[k] for k in ("inputs", "units")} == {"inputs": 43, "units": 6}


def test_variant_records_are_resolved_with_their_own_key() -> None:
    v = variants(record(), [7])[0]
    inputs, units = v.params["inputs"], v.params["units"]
    assert v.record.numeric is not None and v.record.numeric.value == inputs * units + units
    assert v.record.question == (f"A Dense layer of {units} units on {inputs} inputs: how many "
                                 "parameters?")
    assert v.record.title == f"Dense {units}"
    assert "{{" not in (v.record.answer or "")


def test_published_is_the_defaults() -> None:
    pub = generators.published(record())
    assert pub.question == "A Dense layer of 8 units on 4 inputs: how many parameters?"
    assert pub.answer == "4 x 8 + 8 = 40."


def test_unsatisfiable_constraint_names_the_constraint_and_the_seed() -> None:
    with pytest.raises(TemplateError) as err:
        variants(record(where=["inputs > 100"]), [1])
    assert "`inputs > 100` failed 1000 times" in str(err.value)
    assert err.value.seed == 1 and err.value.kind == "constraints"
    assert err.value.field == "params.where"


@pytest.mark.parametrize("expr", ["__import__('os').system('true')", "inputs.__class__",
                                  "lambda: 1", "open('x')", "'text'", "inputs; units"])
def test_unsafe_or_foreign_expressions_are_refused(expr: str) -> None:
    with pytest.raises(TemplateError) as err:
        Template("t", {**PARAMS, "key": expr})
    assert err.value.field == "params.key"


@pytest.mark.parametrize(("draw", "message"), [
    ({"inputs": {"int": [64, 2], "default": 4}}, "the range [64, 2] is empty"),
    ({"inputs": {"integer": [2, 64], "default": 4}}, "unknown field `integer`"),
    ({"inputs": {"int": [2, 64], "choice": [1], "default": 4}}, "exactly one of"),
])
def test_bad_domains_say_which_parameter(draw: dict[str, object], message: str) -> None:
    with pytest.raises(TemplateError) as err:
        Template("t", {**PARAMS, "draw": {**PARAMS["draw"], **draw}})  # type: ignore[dict-item]
    assert message in str(err.value)
    assert err.value.field.startswith("params.draw.inputs")


def test_default_outside_its_domain() -> None:
    tpl = Template("t", {**PARAMS, "draw": {"inputs": {"int": [2, 64], "step": 2,
                                                       "default": 5},
                                            "units": {"int": [1, 32], "default": 8}}})
    with pytest.raises(TemplateError) as err:
        tpl.defaults()
    assert err.value.field == "params.draw.inputs.default"
    assert "steps of 2" in str(err.value)


def test_unknown_placeholder_names_the_field() -> None:
    bad = Record.model_validate({**BASE, "answer": "{{inputs}} x {{unit}}", "params": PARAMS})
    with pytest.raises(TemplateError) as err:
        variants(bad, [1])
    assert err.value.field == "answer" and "`{{unit}}`" in str(err.value)


def test_vectors_matrices_and_format_specs() -> None:
    tpl_params = {
        "draw": {"z": {"vector": 3, "float": [-2, 2], "decimals": 1, "default": [1.0, 2.0, 0.5]},
                 "m": {"matrix": [2, 2], "int": [0, 9], "default": [[1, 2], [3, 4]]}},
        "derive": {"p0": {"expr": "exp(z_0)/(exp(z_0) + exp(z_1) + exp(z_2))", "decimals": 3}},
        "key": "Max(m_0_0, m_0_1, m_1_0, m_1_1)", "integer": True,
        "oracle": "def oracle(z, m):\n    return 0\n",
    }
    rec = Record.model_validate({**BASE, "title": "Softmax", "answer": "{{key}}",
                                 "question": "z = ({{z}}), p = {{p0}}, "
                                 "$\\begin{bmatrix} {{m}} \\end{bmatrix}$, {{p0:.1%}}",
                                 "numeric": {"value": 4, "tolerance": 0}, "params": tpl_params})
    pub = generators.published(rec)
    assert pub.question == ("z = (1.0, 2.0, 0.5), p = 0.231, $\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 "
                            "\\end{bmatrix}$, 23.1%")
    assert shown([[1.5, 2]], None, 1) == "1.5 & 2"


def test_choices_are_shuffled_per_seed_and_kept_as_written_by_default() -> None:
    rec = Record.model_validate({
        **{k: v for k, v in BASE.items() if k != "numeric"}, "type": "single_choice",
        "choices": [{"text": "{{key}}", "correct": True}, {"text": "{{no_bias}}", "why": "x"},
                    {"text": "{{extra}}", "why": "y"}],
        "params": {**PARAMS, "derive": {"no_bias": "inputs*units",
                                        "extra": "(inputs + 1)*(units + 1)"}}})
    assert [c.text for c in generators.published(rec).choices or []] == ["40", "32", "45"]
    orders = {tuple(c.correct for c in v.record.choices or []) for v in variants(rec, range(1, 30))}
    assert len(orders) == 3  # the key moves


def test_a_distractor_equal_to_the_key_is_a_clash() -> None:
    rec = Record.model_validate({
        **{k: v for k, v in BASE.items() if k != "numeric"}, "type": "single_choice",
        "choices": [{"text": "{{key}}", "correct": True}, {"text": "{{both}}", "why": "x"}],
        "params": {**PARAMS, "derive": {"both": "units*(inputs + 1)"}}})
    with pytest.raises(TemplateError) as err:
        variants(rec, [1])
    assert err.value.kind == "clash" and err.value.field == "choices.1.text"


def test_published_bank_keeps_positions_and_the_written_record() -> None:
    bank = load_bank(Path(__file__).resolve().parents[2] / "bank")
    pub = published_bank(bank)
    assert published_bank(pub) is pub  # idempotent
    conv = next(r for r in pub.records if r.id == "conv-output-size-12x12-input-3x3-filter")
    assert conv.written is not None and "{{i}}" in conv.written.mapping["question"]
    assert conv.mapping["question"].startswith("A 12 x 12 input is convolved with a 3 x 3 filter")
    assert conv.record is not None and conv.record.numeric is None
    assert [c.text for c in conv.record.choices or []] == ["12 x 12", "11 x 11", "10 x 10",
                                                           "9 x 9"]
    assert conv.pos("answer") == conv.written.pos("answer")
    plain = [r for r in pub.records if r.record is not None and r.record.params is None]
    assert plain and all(r.written is None for r in plain)


def test_an_exploding_expression_is_interrupted_not_hung() -> None:
    tpl = Template("t", {**PARAMS, "draw": {"inputs": {"int": [2, 64], "default": 4},
                                            "units": {"int": [1, 32], "default": 8}},
                         "derive": {"huge": "inputs**(units**units**units)"}})
    import time

    start = time.perf_counter()
    with pytest.raises(TemplateError) as err:
        tpl.draw(1)
    assert time.perf_counter() - start < 10
    assert "longer than 2 s" in str(err.value) and err.value.seed == 1
