"""GEN009 default-key-mismatch."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.gen import at, each


@rule("GEN009", "default-key-mismatch", severity="error", scope="bank")
def default_key_mismatch(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A numeric template's default parameters do not reproduce its written key (`numeric.value`).

    Why: the record as written is the template's published instance: its `numeric.value` is the
    key of the defaults. When they differ, the published question and its variants disagree
    about the same formula.

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
      value: 41
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
        if rep.spec or rep.default or rep.written_key is None or rep.default_key is None:
            continue
        if not agrees(rep.default_key, rep.written_key, rep.precision, rep.tolerance):
            from generators.render import shown

            yield rec, Result(f"the defaults give the key {shown(rep.default_key)}, the record "
                              f"says {shown(rep.written_key)}",
                              "write the defaults' key in `numeric.value` (or fix the defaults)",
                              at(rec, "numeric.value"))
