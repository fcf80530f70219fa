"""Arithmetic stated in prose, read exactly: the machinery the MATH prose checks (and any later
reader of worked answers) share. It knows no rule codes; what it recognises beyond arithmetic
itself (function names, text that only looks numeric) comes in as a `Grammar`, which the MATH
family builds from `validators/math/patterns.yaml`.

- `grammar`: `Grammar`, the data the reader is configured with;
- `tokens`: `tokenize(text, grammar)`, tokens of plain-text and LaTeX arithmetic;
- `parser`: `parse_side` / `parse_expression` (tokens -> exact sympy values), `Side`, and
  the written numbers (`literal_of`: value and precision, through `qbank.core.numbers`);
- `chains`: `chains(text, grammar)`, every equality chain of a text;
- `compare`: `agrees(computed, claimed)` at the precision written, and `fmt` to write a value
  as the text would;
- `mask`: `mask_code` (fences through `qbank.core.fences.mask_fences`, code spans as breaks)
  and `mask_non_claims` (versions, dates, ranges, ...).

Nothing here is imported by this package's `__init__`: sympy loads only with `parser`.
"""
