"""GEN007 degenerate-key."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.gen import at, describe, each, more


@rule("GEN007", "degenerate-key", severity="error", scope="bank")
def degenerate_key(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """For some seed, a template's key is degenerate: not a finite number, or (for `integer: true`)
    not a positive whole number.

    Why: a count or a size of zero or less, a non-integer where an integer is meant, or NaN is never
    the answer to the question asked: the parameters reached a corner the text does not cover
    (a filter larger than the input, a division by zero). Constrain them with `where`.

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
      value: -4
      tolerance: 0
    params:
      draw:
        inputs: {int: [2, 64], default: 4}
        units: {int: [1, 32], default: 8}
      key: "inputs - units"
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
        bad = [(s, why) for s in rep.seeds if (why := _degenerate(s.key, rep.integer))]
        failed = [p for p in rep.draw if p.kind == "degenerate"]
        if bad:
            s, why = bad[0]
            yield rec, Result(f"seed {s.seed} ({describe(s.params, rep.drawn)}): the key {s.key} "
                              f"{why}{more(len(bad), len(rep.seeds))}",
                              "add a `where` constraint that keeps the parameters meaningful",
                              at(rec, "params.key"))
        elif failed:
            yield rec, Result(failed[0].message, "add a `where` constraint that keeps the "
                              "parameters meaningful", at(rec, failed[0].field))


def _degenerate(key: object, integer: bool) -> str | None:
    import math

    values = key if isinstance(key, list) else [key]
    for v in values:
        if isinstance(v, list):
            why = _degenerate(v, integer)
            if why:
                return why
            continue
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            return "is not a number"
        if not math.isfinite(v):
            return "is not finite"
        if integer and (not float(v).is_integer() or v <= 0):
            return "is not a positive whole number (`integer: true`)"
    return None
