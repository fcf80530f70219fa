"""GEN006 correct-position-biased."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.gen import SeedRun, at, each


@rule("GEN006", "correct-position-biased", severity="warning", scope="bank")
def correct_position_biased(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """Over the seeds checked, a choice template's correct answer is guessable without knowing it:
    most often at one position, or always the largest or the smallest number.

    Why: a learner who sees several variants learns the pattern, not the subject: "it is always
    the second choice", "it is always the biggest number". Choices are shuffled by default
    (`order: shuffle`); `order: ascending` or `as-written` keep an order, so the key's position
    must still vary, and distractors should fall on both sides of the key.

    Example:
    ~~~yaml
    # file: bank/fundamentals/dense-parameter-choice.yaml
    id: dense-parameter-choice
    title: Parameters of a Dense layer
    topic: fundamentals
    type: single_choice
    difficulty: easy
    tags: [parameters]
    question: >-
      How many trainable parameters has a Dense layer of {{units}} units on {{inputs}}
      inputs?
    answer: |
      One weight per input and one bias per unit: {{inputs}} x {{units}} + {{units}} = {{key}}.
    choices:
      - text: "{{key}}"
        correct: true
        why: "{{inputs}} x {{units}} weights and {{units}} biases."
      - text: "{{no_bias}}"
        correct: false
        why: "Forgot the biases."
      - text: "{{extra}}"
        why: "Counted the bias as an extra unit too: it adds one weight per unit, not a unit."
    params:
      draw:
        inputs: {int: [2, 64], default: 4}
        units: {int: [2, 32], default: 8}
      derive:
        no_bias: "inputs*units"
        extra: "(inputs + 1)*(units + 1)"
        both: "units*(inputs + 1)"
      key: "inputs*units + units"
      integer: true
      order: as-written
      oracle: |
        def oracle(inputs, units):
            layer = keras.layers.Dense(units)
            layer.build((None, inputs))
            return layer.count_params()
    ~~~

    Instead:
    ~~~yaml
    # file: bank/fundamentals/dense-parameter-choice.yaml
    id: dense-parameter-choice
    title: Parameters of a Dense layer
    topic: fundamentals
    type: single_choice
    difficulty: easy
    tags: [parameters]
    question: >-
      How many trainable parameters has a Dense layer of {{units}} units on {{inputs}}
      inputs?
    answer: |
      One weight per input and one bias per unit: {{inputs}} x {{units}} + {{units}} = {{key}}.
    choices:
      - text: "{{key}}"
        correct: true
        why: "{{inputs}} x {{units}} weights and {{units}} biases."
      - text: "{{no_bias}}"
        correct: false
        why: "Forgot the biases."
      - text: "{{extra}}"
        why: "Counted the bias as an extra unit too: it adds one weight per unit, not a unit."
    params:
      draw:
        inputs: {int: [2, 64], default: 4}
        units: {int: [2, 32], default: 8}
      derive:
        no_bias: "inputs*units"
        extra: "(inputs + 1)*(units + 1)"
        both: "units*(inputs + 1)"
      key: "inputs*units + units"
      integer: true
      order: shuffle
      oracle: |
        def oracle(inputs, units):
            layer = keras.layers.Dense(units)
            layer.build((None, inputs))
            return layer.count_params()
    ~~~
    """
    for rec, rep in each(ctx):
        runs = [s for s in rep.seeds if len(s.correct) == 1 and s.choices]
        if len(runs) < 8:
            continue
        k = len(runs[0].choices)
        counts = [sum(s.correct[0] == i for s in runs) for i in range(k)]
        top = max(range(k), key=lambda i: counts[i])
        if counts[top] > max(0.6, 2.0 / k) * len(runs):
            yield rec, Result(f"the correct choice is choice {top + 1} in {counts[top]} of "
                              f"{len(runs)} seeds (positions: {counts})",
                              "use `order: shuffle` (the default), or make the key's rank vary",
                              at(rec, "params.order" if rep.order != "shuffle" else "choices"))
            continue
        extreme = _always_extreme(runs)
        if extreme:
            yield rec, Result(f"the correct choice is the {extreme} number in every one of "
                              f"{len(runs)} seeds", "add a distractor on the other side of the "
                              "key (e.g. a mistake that gives more, or less)", at(rec, "choices"))


def _always_extreme(runs: list[SeedRun]) -> str | None:
    import re

    def first(text: str) -> float | None:
        m = re.search(r"-?\d+(?:\.\d+)?", text)
        return float(m.group(0)) if m else None

    sides = set()
    for s in runs:
        values = [first(t) for t in s.choices]
        if any(v is None for v in values) or len(set(values)) != len(values):
            return None
        key = values[s.correct[0]]
        side = "largest" if key == max(values) else "smallest" if key == min(values) else None  # type: ignore[type-var]
        if side is None:
            return None
        sides.add(side)
    return sides.pop() if len(sides) == 1 else None
