"""Hypothesis: no text makes the prose arithmetic crash (a crash would be an internal-error
finding), and what it reports always points inside the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from validators.math.prose import check_segments, check_text, final_number

BITS = st.sampled_from([
    "0", "1", "2", "3", "9", "12", "0.5", "1e-3", "1e999", "-", "+", "*", "/", "^", "**", "(",
    ")", "{", "}", "[", "]", "=", "==", " = ", "≈", "%", ",", ".", " ", "\n", "\n\n", "x", "X",
    "×", "·", "$", "$$", "\\frac", "\\cdot", "\\sqrt", "\\lfloor", "\\rfloor", "\\beta_2",
    "\\approx", "f(", "F(", "log(", "sqrt(", "e^", "10^{", "I", "C", "softmax of ", " is ",
    " (which sums to ", "max pooling of size 3 x 3 with a stride of 2\n", "1 | 2 | 3 |\n",
    "AND gate", "Bias = ", "w1 = ", "w2 = ", "the answer is ", "`", "```python\n", "```\n",
    "0/0", "0^{-1}", "sqrt(-4)", "log(0)", "2.21.0", "2024-01-02", "top-5",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(BITS, max_size=40).map("".join))
def test_math_like_text_never_crashes(text: str) -> None:
    for issue in check_text(text):
        assert 0 <= issue.offset <= len(text)
        assert issue.line >= 1 and issue.column >= 0
    final_number(text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_arbitrary_text_never_crashes(a: str, b: str) -> None:
    for issue in check_segments([a, b]):
        assert 0 <= issue.offset <= len((a, b)[issue.fact("segment")])
