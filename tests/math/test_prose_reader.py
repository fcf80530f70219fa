"""qbank.services.prose, the reader under the MATH prose checks: its masks and its grammar."""

from __future__ import annotations

from qbank.core.fences import mask_fences
from qbank.services.prose.chains import chains
from qbank.services.prose.grammar import Grammar
from qbank.services.prose.mask import BREAK, mask_code, mask_non_claims
from qbank.services.prose.parser import literal_of
from qbank.services.prose.tokens import tokenize
from validators.math.patterns import grammar

TEXT = ("So `x` = 3 and `a\nb` = 2.\n\n```python\ny = 2 * 4 = 9\n```\n\n"
        "```text\n1 | 2\n3 | 4\n```\nthen 2 * 4 = 8\n```\nunclosed = 1\n")


def test_fences_are_blanked_by_the_core_masker_and_spans_become_breaks() -> None:
    masked = mask_code(TEXT)
    assert len(masked) == len(TEXT)
    fenced = mask_fences(TEXT)
    for i, (m, f) in enumerate(zip(masked, fenced, strict=True)):
        assert m in (f, BREAK), i  # the fence masking is mask_fences'
    assert masked.count(BREAK) == len("`x`") + len("`a`b`") - 1  # two spans, one over a line
    assert masked[TEXT.index("`a")] == BREAK and masked[TEXT.index("b`")] == BREAK
    assert "y = 2" not in masked and "unclosed" not in masked and "1 | 2" not in masked


def test_keep_text_fences_keeps_prose_fences_and_spans() -> None:
    kept = mask_code(TEXT, keep_text_fences=True)
    assert "1 | 2\n3 | 4" in kept
    assert "`x` = 3" in kept  # spans stay as they are
    assert "y = 2 * 4" not in kept  # a python fence is still code
    assert "unclosed = 1" in kept  # a bare, unclosed fence is prose
    assert len(kept) == len(TEXT)


def test_a_grammar_configures_the_reader() -> None:
    g = grammar()
    assert {"sqrt", "log", "relu"} <= g.functions and g.alias("σ") == "sigmoid"
    assert mask_non_claims("TF 2.21.0 = 3", g).count(BREAK) == len("2.21.0")
    plain = Grammar()
    assert next(t.kind for t in tokenize("sqrt(4)", g)) == "FUNC"
    assert next(t.kind for t in tokenize("sqrt(4)", plain)) == "BRK"  # a word, without functions
    assert mask_non_claims("2.21.0", plain) == "2.21.0"


def test_written_numbers_carry_their_precision() -> None:
    g = grammar()
    value, tol = literal_of(tokenize("0.024", g)) or (None, None)
    assert (str(value), str(tol)) == ("3/125", "1/2000")
    value, tol = literal_of(tokenize("12.5%", g)) or (None, None)
    assert (str(value), str(tol)) == ("1/8", "1/2000")
    value, tol = literal_of(tokenize(r"9.5 \times 10^{-7}", g)) or (None, None)
    assert (str(value), str(tol)) == ("19/20000000", "1/200000000")  # 9.5e-7: to 1e-8
    (chain,) = chains("so 3 * 47 = 141", g)
    assert [s.text for s in chain.sides] == ["3 * 47", "141"]


def test_the_engine_digest_covers_files_that_exist() -> None:
    """`engine_digest` keys the prose cache: every file it names must exist (a renamed module
    would otherwise be hashed as missing, and a change to it would not invalidate the cache)."""
    from pathlib import Path

    import validators.math as family

    here = Path(family.__file__).parent
    assert all((here / name).is_file() for name in family.PROSE_MODULES)
    checks = {p.name for p in here.glob("*.py")} - {"__init__.py", "checks.py"}
    rules = {n for n in checks if n.startswith("math0")}
    assert checks - rules <= set(family.PROSE_MODULES)  # every engine module is in the digest
