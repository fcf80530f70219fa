"""Arithmetic in prose: chains, formulas, named computations, precision, non-claims."""

from __future__ import annotations

import pytest

from validators.math import describe, wording
from validators.math.prose import check_text, parse_expression

SEED_EXCERPT = """\
The size of the convoluted matrix is given by C = ((I-F+2P)/S)+1, where

- C is the size of the convoluted matrix.
- I is the size of the input matrix.
- F is the size of the filter matrix.
- P is the padding applied to the input matrix.
- S is the stride applied.

Here I = 12, F = 3, P = 0, S = 1

Therefore the answer is 10 X 10 matrix.

If we take an input of [1, 2, 3, 4, 1, 2, 3], the softmax of that is [0.024, 0.064, 0.175, \
0.475, 0.024, 0.064, 0.175]. However please note that, softmax is not scale invariant, so if the \
input were [0.1, 0.2, 0.3, 0.4, 0.1, 0.2, 0.3] (which sums to 1.6) the softmax would be \
[0.125, 0.138, 0.153, 0.169, 0.125, 0.138, 0.153]. (note that 0.169 is not only less than \
0.475, it is also less than the initial proportion of 0.4/1.6=0.25)

The output can be calculated as 3 (2*4 + 3*5 + 4*6) = 3 (8 + 15 + 24) = 3 * 47 = 141.

Given below is an input matrix shape of 7 X 7. What will be the output on applying a max \
pooling of size 3 X 3 with a stride of 2?

1 | 2 | 4 | 1 | 4 | 0 | 1 |

0 | 0 | 1 | 6 | 1 | 5 | 5 |

1 | 4 | 4 | 5 | 1 | 4 | 1 |

4 | 1 | 5 | 1 | 6 | 5 | 0 |

1 | 0 | 6 | 5 | 1 | 1 | 8 |

2 | 3 | 1 | 8 | 5 | 8 | 1 |

0 | 9 | 1 | 2 | 3 | 1 | 4 |

Max pooling takes a 3 X 3 matrix and takes the maximum of the matrix as the output.

4 | 6 | 5 |

6 | 6 | 8 |

9 | 8 | 8 |

Bias = -1.5, w1 = 1, w2 = 1

We can do hit and trial to ensure below functions can be computed based on the above AND gate \
functions mentioned. Below is the example of the same:

F(-1.5*1 + 1*0 + 1*0) = f(-1.5) = 0

F(-1.5*1 + 1*0 + 1*1) = f(-0.5) = 0

F(-1.5*1 + 1*1 + 1*0) = f(-0.5) = 0

F(-1.5*1 + 1*1 + 1*1) = f(0.5) = 1
"""


def found(text: str) -> list[tuple[str, int]]:
    return [(i.code, i.line) for i in check_text(text)]


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def test_the_seed_excerpt_is_clean() -> None:
    assert check_text(SEED_EXCERPT) == []


@pytest.mark.parametrize("old,new,code,expected,at", [
    ("3 * 47 = 141", "3 * 47 = 142", "MATH001", "141", "142"),
    ("0.4/1.6=0.25", "0.4/1.6=0.35", "MATH001", "0.25", "0.35"),
    ("(which sums to 1.6)", "(which sums to 1.7)", "MATH001", "1.6", "1.7"),
    ("F(-1.5*1 + 1*1 + 1*1) = f(0.5)", "F(-1.5*1 + 1*1 + 1*1) = f(1.5)", "MATH001", "0.5",
     "f(1.5)"),
    ("Here I = 12", "Here I = 13", "MATH002", "11", "10 X 10"),
    ("answer is 10 X 10", "answer is 12 X 12", "MATH002", "10", "12 X 12"),
    ("0.175, 0.475, 0.024", "0.175, 0.575, 0.024", "MATH002",
     "[0.024, 0.064, 0.175, 0.475, 0.024, 0.064, 0.175]", "0.575"),
    ("[0.125, 0.138", "[0.125, 0.148", "MATH002",
     "[0.125, 0.138, 0.153, 0.169, 0.125, 0.138, 0.153]", "0.148"),
    ("9 | 8 | 8 |", "9 | 8 | 7 |", "MATH002", "9 8 8", "9 | 8 | 7 |"),
    ("f(0.5) = 1", "f(0.5) = 0", "MATH002", "1", "f(0.5) = 0"),
    ("Bias = -1.5", "Bias = -0.5", "MATH002", "[0, 0, 0, 1]", "Bias = -0.5"),
])
def test_a_miscalculation_in_the_seed_is_caught(old: str, new: str, code: str,
                                                 expected: str, at: str) -> None:
    assert old in SEED_EXCERPT
    text = SEED_EXCERPT.replace(old, new, 1)
    issues = check_text(text)
    assert [i.code for i in issues] == [code], issues
    (issue,) = issues
    assert issue.line == line_of(text, at)
    assert issue.fact("expected") == expected


def test_a_wrong_middle_step_fails_on_both_sides() -> None:
    text = SEED_EXCERPT.replace("3 (8 + 15 + 24)", "3 (8 + 15 + 25)")
    issues = check_text(text)
    assert [(i.code, i.fact("step")) for i in issues] == [
        ("MATH001", "3 (2*4 + 3*5 + 4*6) = 3 (8 + 15 + 25)"),
        ("MATH001", "3 (8 + 15 + 25) = 3 * 47"),
    ]


def test_every_failing_step_of_a_chain_is_named() -> None:
    text = "so 3 (2*4 + 3*5 + 4*6) = 3 (8 + 15 + 25) = 3 * 48 = 144."
    issues = check_text(text)
    assert [i.fact("step") for i in issues] == ["3 (2*4 + 3*5 + 4*6) = 3 (8 + 15 + 25)"]
    assert "is 141" in wording(issues[0])[0]


@pytest.mark.parametrize("text", [
    r"$$z = 2 \cdot 4 + 3 \cdot 5 + 4 \cdot 6 = 8 + 15 + 24 = 47, \qquad f(z) = 3 \cdot 47 = 141.$$",
    r"$$C = \left\lfloor \frac{12 - 3 + 2 \cdot 0}{1} \right\rfloor + 1 = 10$$",
    r"with stride 2, $\lfloor 9/2 \rfloor + 1 = 5$",
    "2^10 = 1024 and 2**10 = 1024 and 3 × 47 = 141 and 3·47 = 141 and 2 x 3 = 6",
    "a 25% dropout keeps 0.75 = 75% of the units; 0.4/1.6 = 25%",
    r"$0.25^{10} \approx 10^{-6}$ (an order of magnitude)",
    r"$-\ln 0.7 = 0.3567$ and $e^{0} = 1$ and $\sqrt{16} = 4$",
    r"With $\beta_2 = 0.999$ the average spans $1/(1 - \beta_2) = 1000$ steps.",
    "60,000 / 32 = 1,875 steps",
])
def test_right_computations_pass(text: str) -> None:
    assert check_text(text) == []


@pytest.mark.parametrize("text,expected", [
    (r"$$f(z) = 3 \cdot 47 = 140.$$", "141"),
    (r"$$C = \frac{12 - 3 + 0}{1} + 1 = 11$$", "10"),
    (r"with stride 2, $\lfloor 9/2 \rfloor + 1 = 6$", "5"),
    ("2^10 = 1000", "1024"),
    ("0.4/1.6 = 20%", "25%"),
    (r"$0.25^{10} \approx 10^{-5}$", "9.53674e-07"),
    (r"With $\beta_2 = 0.99$ the average spans $1/(1 - \beta_2) = 1000$ steps.", "100"),
])
def test_wrong_computations_are_found(text: str, expected: str) -> None:
    (issue,) = check_text(text)
    assert issue.fact("expected") == expected


def test_a_rounded_figure_is_right_at_the_precision_written() -> None:
    # 0.0236 at 3 decimals is 0.024, at 2 decimals 0.02: both right; 0.03 and the truncated
    # 0.023 are not
    assert check_text("0.0236 = 0.024") == []
    assert check_text("0.0236 = 0.02") == []
    assert [i.fact("expected") for i in check_text("0.0236 = 0.03")] == ["0.02"]
    assert [i.fact("expected") for i in check_text("0.0236 = 0.023")] == ["0.024"]
    assert check_text("1/3 = 0.33 and 1/3 = 0.3333 and 2/3 = 0.67") == []
    assert [i.fact("expected") for i in check_text("2/3 = 0.66")] == ["0.67"]
    # integers are held to units
    assert [i.fact("expected") for i in check_text("3 * 47 = 140")] == ["141"]


@pytest.mark.parametrize("text", [
    "Pin tensorflow 2.21.0 = the version we test; keras==3.15.1.",
    "Released 2024-05-01 = a Wednesday.",
    "Typical values are 0.5-0.8 = fine, and dropout = 0.5-0.8.",
    "1. Load the data.\n2. Fit.\n3. = 3 steps",
    "GPT-3 = 175 billion parameters; top-5 = 3.5% error; ResNet-50 = 50 layers",
    "`3 * 47 = 142` in a code span is code",
    "```python\nassert 3 * 47 == 142\nx = 3 * 47 = 142\n```\n",
    "if x <= 3 = y or a >= 2 = b",
    "at 10:30 = lunch",
])
def test_non_claims_are_left_alone(text: str) -> None:
    assert check_text(text) == []


def test_lines_and_columns() -> None:
    text = "first line\n\nthe output is 3 * 47 = 142 here"
    (issue,) = check_text(text)
    assert (issue.code, issue.line, issue.column) == ("MATH001", 3, 23)  # column 0-based
    assert describe(issue).startswith("3:24: MATH001 ")  # as editors count


def test_parse_expression_is_exact() -> None:
    assert parse_expression("3 (8 + 15 + 24)") == 141
    assert parse_expression("0.1 + 0.2") == parse_expression("0.3")
    assert parse_expression(r"\frac{1}{3}") * 3 == 1
    assert parse_expression("25%") == parse_expression("1/4")


@pytest.mark.parametrize("text", [
    "learning rate = 0.001, batch size = 32, epochs = 10, accuracy = 95%",
    "a 3x3 kernel = 9 weights; 3 x 3 x 64 + 64 = 640; 224 x 224 x 3 = 150,528 inputs",
    "top-1 accuracy = 76%; 1 epoch = 1875 steps; 5ms = 0.005s; k = 5-fold",
    "an 80/20 split = 80% training data; a 70/15/15 split = 70% train; a 1:10 ratio = 0.1",
    "with x = 3, y = 2x + 1 = 7",
    "d_model = 512, h = 8, d_k = d_model / h = 64, sqrt(d_k) = sqrt(64) = 8",
    "Q&A = 5; R&D = 3 teams; Step 1 = load data; P(A) = 0.5",
])
def test_everyday_prose_is_not_flagged(text: str) -> None:
    assert check_text(text) == []


def test_latex_aligned_chains_are_checked() -> None:
    text = ("$$\\begin{aligned} z &= 2 \\cdot 4 + 3 \\cdot 5 \\\\\n"
            " &= 8 + 15 \\\\\n"
            " &= 24 \\end{aligned}$$")
    assert [(i.code, i.line, i.fact("expected")) for i in check_text(text)] == [
        ("MATH001", 3, "23")]


def test_values_given_earlier_are_substituted() -> None:
    (issue,) = check_text("with x = 3, y = 2x + 1 = 8")
    assert (issue.code, issue.fact("expected")) == ("MATH002", "7")


def test_scientific_notation_and_latex_thousands() -> None:
    assert check_text(r"$0.25^{10} \approx 9.5 \times 10^{-7}$" "\n(ignoring the weights)") == []
    (issue,) = check_text(r"$0.25^{10} \approx 9.6 \times 10^{-7}$")
    assert issue.fact("expected") == r"9.5 \times 10^{-7}"
    assert check_text(r"$3 \cdot 3 \cdot 32 \cdot 64 + 64 = 18{,}496$") == []
    (issue,) = check_text(r"$3 \cdot 3 \cdot 32 \cdot 64 + 64 = 18{,}495$")
    assert issue.fact("expected") == "18496"


@pytest.mark.parametrize("text,expected", [
    ("sigmoid(0) = 0.5", None), ("sigmoid(0) = 0.6", "0.5"),
    (r"$\sigma(0) = 0.5$", None), (r"$\sigma(0) = 0.7$", "0.5"),
    ("ReLU(-3) = 0", None), ("ReLU(-3) = 1", "0"),
    ("ln(2) ≈ 0.69", None), ("ln(2) ≈ 0.6", "0.7"),
    (r"$\sqrt{2} \approx 1.414$", None), (r"$\sqrt{2} \approx 1.42$", "1.41"),
    ("softmax([2, 1, 0.1]) = [0.659, 0.242, 0.099]", None),
    ("softmax([2, 1, 0.1]) = [0.659, 0.242, 0.199]", "[0.659, 0.242, 0.099]"),
])
def test_known_functions(text: str, expected: str | None) -> None:
    assert [i.fact("expected") for i in check_text(text)] == ([expected] if expected else [])


def test_whole_numbers_for_fractions_and_log_bases() -> None:
    # a batch count may be rounded, floored or ceiled: 50000 / 64 = 781.25
    assert check_text("50000/64 = 781.25 ≈ 782 steps, or 781 full batches: 50000/64 = 781") == []
    assert [i.fact("expected") for i in check_text("50000/64 = 783")] == ["781"]
    # irrational: rounded only
    assert [i.fact("expected") for i in check_text("ln(8) = 3")] == ["2"]
    # `log` without a base: e, 2 or 10
    assert check_text("log(1024) = 10 bits; log(100) = 2; -log(0.7) ≈ 0.36") == []
    assert [i.code for i in check_text("log(8) = 4")] == ["MATH001"]


def test_several_formulas_and_reassignments() -> None:
    text = ("The output size is C = (I - F + 2P)/S + 1 and the same padding is P = (F - 1)/2.\n"
            "Here I = 12, F = 3, S = 1 and P = 0. So the output is 10 x 10.")
    # `P = 0` gives P a new value (valid padding); it is not a result of P's formula, and
    # "the output is 10 x 10" is right for C
    assert check_text(text) == []
    (issue,) = check_text(text.replace("10 x 10", "9 x 9"))
    assert (issue.code, issue.fact("expected")) == ("MATH002", "10")
    # a formula holds until its name is defined again
    assert check_text("y = 2x + 1. Later, y = 3x. With x = 2, y = 3x = 6.") == []
    assert [i.fact("expected")
            for i in check_text("y = 2x + 1. Later y = 3x. With x = 2, y = 3x = 5.")
            ] == ["6"]
