"""Choice questions: the response names choices by letter (`B`, `A,C`) or by their text;
multiple choice earns partial credit by a named rule, as R/exams' `exams_eval` defines them.

With n_correct correct and n_wrong wrong choices, each correct choice ticked earns
1/n_correct; each wrong choice ticked costs:

| rule | cost of a wrong tick |
|---|---|
| `all-or-nothing` | the whole item (score 0 unless exactly the correct set is ticked) |
| `false` | 1/n_wrong |
| `false2` | 1/max(n_wrong, 2) (R/exams' default) |
| `true` | 1/n_correct |
| `none` | nothing |

Scores are clamped at 0 unless `negative` is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from qbank.render.view import LETTERS

Rule = Literal["all-or-nothing", "false", "false2", "true", "none"]
RULES: tuple[str, ...] = ("all-or-nothing", "false", "false2", "true", "none")


@dataclass(frozen=True, slots=True)
class Picked:
    letters: tuple[str, ...]
    unknown: tuple[str, ...]  # parts of the response that name no choice


def parse_choices(response: str, texts: list[str]) -> Picked:
    """Letters from `B`, `a, c`, `A;C`, `AC` or the choices' texts."""
    norm = [" ".join(t.lower().split()) for t in texts]
    raw = response.strip()
    whole = " ".join(raw.lower().split())
    if whole in norm:  # a choice's text, commas and all
        return Picked((LETTERS[norm.index(whole)],), ())
    parts = [p.strip() for p in raw.replace(";", ",").replace("|", ",").split(",") if p.strip()]
    allowed = LETTERS[:len(texts)]
    if (len(parts) == 1 and 1 < len(parts[0]) <= len(texts)
            and all(c in allowed for c in parts[0].upper())
            and " ".join(parts[0].lower().split()) not in norm):
        parts = list(parts[0])  # "AC"
    letters: list[str] = []
    unknown: list[str] = []
    for p in parts:
        up = p.upper().rstrip(".)")
        if len(up) == 1 and up in allowed:
            letters.append(up)
        elif " ".join(p.lower().split()) in norm:
            letters.append(LETTERS[norm.index(" ".join(p.lower().split()))])
        else:
            unknown.append(p)
    return Picked(tuple(dict.fromkeys(letters)), tuple(unknown))


def score_choices(picked: tuple[str, ...], correct: set[str], n_choices: int, *,
                  single: bool, rule: Rule = "false2", negative: bool = False) -> float:
    ticked = set(picked)
    if single or rule == "all-or-nothing":
        return 1.0 if ticked == correct else 0.0
    n_correct = len(correct)
    n_wrong = max(n_choices - n_correct, 0)
    right = len(ticked & correct)
    wrong = len(ticked - correct)
    cost = {"false": 1 / n_wrong if n_wrong else 0.0,
            "false2": 1 / max(n_wrong, 2),
            "true": 1 / n_correct,
            "none": 0.0}[rule]
    score = right / n_correct - wrong * cost
    return round(score if negative else max(score, 0.0), 6)
