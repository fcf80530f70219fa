"""GEN004 distractor-equals-key."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.gen import at_problem, each, more, seeded


@rule("GEN004", "distractor-equals-key", severity="error", scope="bank")
def distractor_equals_key(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """For some seed, a choice template's distractor reads the same as the key or as another
    distractor.

    Why: a distractor equal to the key makes two choices correct (and the record invalid); two equal
    distractors make a choice vanish. Distractors are the mistakes people make (forgot the
    `+ 1`, forgot the padding, counted no bias), each a derived value; for some parameters two
    mistakes can give the same number. Constrain the parameters (`where`) or pick mistakes that
    always differ.

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
      - text: "{{both}}"
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
        found = [p for p in ([rep.default] if rep.default else []) + rep.draw
                 if p.kind == "clash"]
        if found:
            p = found[0]
            seed = "the defaults" if p.seed is None else f"seed {p.seed}"
            total = len(rep.seeds) + len(seeded(rep.draw))
            yield rec, Result(f"{seed}: {p.message}{more(len(seeded(found)), total)}",
                              "make the mistakes differ for every parameter (a `where` "
                              "constraint, or another distractor)", at_problem(rec, p))
