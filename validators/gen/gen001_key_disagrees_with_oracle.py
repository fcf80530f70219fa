"""GEN001 key-disagrees-with-oracle."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.gen import GenOptions, at, describe, each, more


@rule("GEN001", "key-disagrees-with-oracle", severity="error", scope="bank", options=GenOptions)
def key_disagrees_with_oracle(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A template's key (`params.key`) differs from what its oracle measures with the real
    TensorFlow/Keras, for some seed.

    Why: a template's key is written once and used for every variant: a dropped `+ 1` or two
    swapped parameters is wrong for every learner who draws it, and often right for the default
    numbers the author tried. So every template computes its key a second, independent way: its
    `oracle(...)` builds the real layer (or runs the real op) in the sandbox, once for all seeds.
    Key and oracle must agree at the declared precision (`decimals`; exactly for `integer: true`)
    on every seed checked (20 by default: `[tool.qbank.rules.GEN001] seeds`). The finding names
    the seed, its parameters and both values; `qbank variants ID --seed S` shows that variant.

    Example:
    ~~~yaml
    # file: bank/fundamentals/dense-parameter-count.yaml
    id: dense-parameter-count
    title: Parameters of a Dense layer
    topic: fundamentals
    type: numeric
    difficulty: easy
    tags: [parameters]
    question: >-
      How many trainable parameters has a Dense layer of {{units}} units on {{inputs}}
      inputs?
    answer: |
      Each unit has one weight per input and one bias: {{inputs}} x {{units}} + {{units}} = {{key}}.
    numeric:
      value: 32
      tolerance: 0
    params:
      draw:
        inputs: {int: [2, 64], default: 4}
        units: {int: [1, 32], default: 8}
      key: "inputs*units"
      integer: true
      oracle: |
        def oracle(inputs, units):
            layer = keras.layers.Dense(units)
            layer.build((None, inputs))
            return layer.count_params()
    ~~~

    Instead:
    ~~~yaml
    # file: bank/fundamentals/dense-parameter-count.yaml
    id: dense-parameter-count
    title: Parameters of a Dense layer
    topic: fundamentals
    type: numeric
    difficulty: easy
    tags: [parameters]
    question: >-
      How many trainable parameters has a Dense layer of {{units}} units on {{inputs}}
      inputs?
    answer: |
      Each unit has one weight per input and one bias: {{inputs}} x {{units}} + {{units}} = {{key}}.
    numeric:
      value: 40
      tolerance: 0
    params:
      draw:
        inputs: {int: [2, 64], default: 4}
        units: {int: [1, 32], default: 8}
      key: "inputs*units + units"
      integer: true
      oracle: |
        def oracle(inputs, units):
            layer = keras.layers.Dense(units)
            layer.build((None, inputs))
            return layer.count_params()
    ~~~
    """
    from generators.oracle import agrees

    for rec, rep in each(ctx):
        bad = [s for s in rep.seeds if s.oracle_error is None
               and not agrees(s.key, s.oracle, rep.precision, rep.tolerance)]
        if bad:
            s = bad[0]
            yield rec, Result(
                f"seed {s.seed} ({describe(s.params, rep.drawn)}): the key is {s.key}, the "
                f"oracle measured {s.oracle}{more(len(bad), len(rep.seeds))}",
                "fix `params.key` (or the oracle, if it is the one that is wrong); "
                f"`qbank variants {rec.id} --seed {s.seed}` shows the variant",
                at(rec, "params.key"))
