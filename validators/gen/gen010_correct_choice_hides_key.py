"""GEN010 correct-choice-hides-key."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.gen import at, describe, each, more


@rule("GEN010", "correct-choice-hides-key", severity="error", scope="bank")
def correct_choice_hides_key(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """For some seed, the choice marked correct does not show the template's key.

    Why: in a choice template the key is computed (and verified by the oracle), but the learner is
    graded on the choice marked `correct: true`: if that choice shows another value, the
    verified key is not the one graded. The correct choice's text contains `{{key}}`.

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
        correct: false
        why: "{{inputs}} x {{units}} weights and {{units}} biases."
      - text: "{{no_bias}}"
        correct: true
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
    from generators.render import shown

    for rec, rep in each(ctx):
        def key(value: object, d: int = rep.decimals) -> str:
            return shown(value, None, d or None)  # as `{{key}}` shows it

        bad = [s for s in rep.seeds if len(s.correct) == 1 and not isinstance(s.key, list)
               and key(s.key) not in s.choices[s.correct[0]]]
        if bad:
            s = bad[0]
            yield rec, Result(f"seed {s.seed} ({describe(s.params, rep.drawn)}): the correct "
                              f"choice reads `{s.choices[s.correct[0]]}`, the key is "
                              f"{key(s.key)}{more(len(bad), len(rep.seeds))}",
                              "mark the choice that shows `{{key}}` as correct",
                              at(rec, _correct_field(rec)))


def _correct_field(rec: LoadedRecord) -> str:
    from validators.gen import written

    record = written(rec).record
    for i, c in enumerate(record.choices or [] if record else []):
        if c.correct:
            return f"choices.{i}.text"
    return "choices"
