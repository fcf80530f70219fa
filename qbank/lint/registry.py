"""The explicit list of rules. A rule module not named here does not run; the meta-tests check
that every module under validators/ is named here, once, and that its code matches its name."""

from __future__ import annotations

import importlib
from functools import cache

from validators.base import Rule

RULE_MODULES: tuple[str, ...] = (
    # SCH: schema and structure
    "validators.sch.sch001_yaml_syntax",
    "validators.sch.sch002_not_a_mapping",
    "validators.sch.sch003_duplicate_key",
    "validators.sch.sch004_unknown_key",
    "validators.sch.sch005_missing_field",
    "validators.sch.sch006_invalid_value",
    "validators.sch.sch007_id_filename_mismatch",
    "validators.sch.sch008_duplicate_id",
    "validators.sch.sch009_unknown_topic",
    "validators.sch.sch010_topic_folder_mismatch",
    "validators.sch.sch011_field_not_for_type",
    "validators.sch.sch012_bad_choices",
    "validators.sch.sch013_unknown_reference",
    "validators.sch.sch014_unused_suppression",
    "validators.sch.sch015_unknown_suppressed_code",
    "validators.sch.sch016_missing_modeline",
    "validators.sch.sch017_code_type_without_code",
    "validators.sch.sch018_invalid_topics_file",
    # TXT: text hygiene
    "validators.txt.txt001_placeholder_text",
    "validators.txt.txt002_typographic_quotes_in_code",
    "validators.txt.txt003_lost_indentation",
    "validators.txt.txt004_short_answer",
    "validators.txt.txt005_answer_repeats_question",
    "validators.txt.txt006_unbalanced_fence",
    "validators.txt.txt007_mojibake",
    "validators.txt.txt008_unsafe_html",
    "validators.txt.txt009_unfenced_code",
    "validators.txt.txt010_trailing_whitespace",
    "validators.txt.txt011_fence_without_language",
    # RUN: code execution and static checks of code answers
    "validators.run.run001_syntax_error",
    "validators.run.run002_unknown_api",
    "validators.run.run003_code_raises",
    "validators.run.run004_wrong_output",
    "validators.run.run005_missing_expected_exception",
    "validators.run.run006_timeout",
    "validators.run.run007_crashed",
    "validators.run.run008_tf_warning",
    "validators.run.run009_bad_keyword_argument",
    "validators.run.run010_legacy_tf1_api",
    "validators.run.run011_too_much_output",
    "validators.run.run012_legacy_save_format",
    "validators.run.run013_unknown_fence_option",
    "validators.run.run014_tf1_api_in_prose",
    "validators.run.run015_undefined_name",
    "validators.run.run016_logits_into_probability_loss",
    # CLAIM: known misconceptions and claims disproved by computation
    "validators.claim.claim001_known_misconception",
    "validators.claim.claim002_disproved_by_computation",
    # MATH: arithmetic and numeric claims
    "validators.math.math001_wrong_arithmetic",
    "validators.math.math002_wrong_formula_result",
    "validators.math.math003_numeric_key_mismatch",
    "validators.math.math004_check_failed",
    "validators.math.math005_check_error",
    "validators.math.math006_sympy_check_false",
    # DUP: duplicated and near-duplicated questions
    "validators.dup.dup001_exact_duplicate",
    "validators.dup.dup002_near_duplicate",
    "validators.dup.dup003_paraphrased_duplicate",
    # GEN: templates and their generated variants
    "validators.gen.gen001_key_disagrees_with_oracle",
    "validators.gen.gen002_invalid_parameter_domain",
    "validators.gen.gen003_variant_does_not_render",
    "validators.gen.gen004_distractor_equals_key",
    "validators.gen.gen005_too_few_distinct_variants",
    "validators.gen.gen006_correct_position_biased",
    "validators.gen.gen007_degenerate_key",
    "validators.gen.gen008_oracle_failed",
    "validators.gen.gen009_default_key_mismatch",
    "validators.gen.gen010_correct_choice_hides_key",
    "validators.gen.gen011_distractor_without_mistake",
    "validators.gen.gen012_variant_miscalculates",
)


@cache
def all_rules() -> dict[str, Rule]:
    """Every registered rule by code, in registry order."""
    rules: dict[str, Rule] = {}
    for name in RULE_MODULES:
        module = importlib.import_module(name)
        found = [v for v in vars(module).values() if isinstance(v, Rule)]
        if len(found) != 1:
            raise RuntimeError(f"{name} must define exactly one rule, defines {len(found)}")
        r = found[0]
        if r.code in rules:
            raise RuntimeError(f"{name}: code {r.code} is already used by {rules[r.code].module}")
        rules[r.code] = r
    return rules
