"""GEN005 too-few-distinct-variants."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.gen import at, each


@rule("GEN005", "too-few-distinct-variants", severity="warning", scope="bank")
def too_few_distinct_variants(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A template's seeds give few distinct variants (fewer than `params.min_distinct`, default
    half of the seeds checked).

    Why: a template is worth having when each learner gets other numbers: domains so narrow that
    most seeds repeat a handful of variants give learners the same question, and their keys get
    shared. Widen the ranges or add parameters.

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
        inputs: {choice: [4], default: 4}
        units: {choice: [8, 16], default: 8}
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
    for rec, rep in each(ctx):
        n = len(rep.seeds)
        if n < 4:
            continue
        distinct = len({s.texts for s in rep.seeds})
        wanted = rep.min_distinct
        if distinct < wanted * n:
            yield rec, Result(f"{n} seeds give {distinct} distinct variants (wanted at least "
                              f"{wanted:.0%})", "widen the parameter ranges or draw more "
                              "parameters", at(rec, "params.draw"))
