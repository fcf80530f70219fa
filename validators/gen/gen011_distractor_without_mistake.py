"""GEN011 distractor-without-mistake."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.gen import at, each


@rule("GEN011", "distractor-without-mistake", severity="warning", scope="bank")
def distractor_without_mistake(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A wrong choice of a choice template does not say, in `why`, which mistake it stands for.

    Why: a template's distractors should be the mistakes people make (forgot the `+ 1`, forgot the
    padding, counted no bias): their `why` names the mistake, is shown to a learner who picks
    it, and lets a reviewer check that the derived value really is that mistake.

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
        why: ''
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
        for i in rep.wrong_without_why:
            yield rec, Result(f"choice {i + 1} is a distractor without a `why`",
                              "say which mistake gives this value (e.g. \"forgot the +1\")",
                              at(rec, f"choices.{i}"))
