"""GEN008 oracle-failed."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.gen import at, describe, each, more


@rule("GEN008", "oracle-failed", severity="error", scope="bank")
def oracle_failed(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A template's oracle raised, ran out of time or did not run, so its key could not be
    verified.

    Why: the oracle is the independent check of every variant's key; when it fails, nothing checks
    the key. The oracle is `def oracle(<drawn parameters>)` returning the measured value (a
    number, or a list for a vector key), run in the sandbox with `np`, `tf` and `keras`.

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
            return layer.count_parameters()
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
    for rec, rep in each(ctx):
        bad = [s for s in rep.seeds if s.oracle_error]
        if bad:
            s = bad[0]
            yield rec, Result(f"seed {s.seed} ({describe(s.params, rep.drawn)}): "
                              f"{s.oracle_error}{more(len(bad), len(rep.seeds))}",
                              "call the oracle by hand with these parameters (`qbank variants "
                              f"{rec.id} --seed {s.seed} --format yaml` shows them all)",
                              at(rec, "params.oracle"))
