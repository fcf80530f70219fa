"""GEN002 invalid-parameter-domain."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.gen import at, each, more


@rule("GEN002", "invalid-parameter-domain", severity="error", scope="bank")
def invalid_parameter_domain(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A template's `params` do not compile (an unknown parameter type, an empty range, an
    expression that does not parse), or no draw meets its constraints.

    Why: a template that cannot be compiled or sampled gives no variant at all, and the reason is
    in the author's declaration: say which part. Parameters are `int: [low, high]` (with
    `step`), `float: [low, high]` (with `decimals`) or `choice: [...]`, each with a `default`, and
    may be a `vector: N` or a `matrix: [R, C]` of such values; `where` constraints, `derive` and
    `key` are sympy expressions over them (docs/templates.md). Sampling is rejection sampling
    with a bound (1,000 draws per seed): a constraint that (almost) never holds is reported with
    the constraint that failed most.

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
        inputs: {int: [64, 2], default: 4}
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
    for rec, rep in each(ctx):
        found = rep.spec or (rep.default if rep.default and rep.default.kind in
                             ("params", "constraints") else None)
        failed = [p for p in rep.draw if p.kind == "constraints"]
        if found is None and failed:
            found = failed[0]
        if found is not None:
            hint = ("loosen the constraint, or widen the ranges it needs"
                    if found.kind == "constraints" else
                    "fix the part named; docs/templates.md lists the fields and what they take")
            yield rec, Result(found.message + (more(len(failed), len(failed) + len(rep.seeds))
                                               if found in failed else ""),
                              hint, at(rec, found.field))
