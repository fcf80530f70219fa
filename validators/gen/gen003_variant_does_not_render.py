"""GEN003 variant-does-not-render."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.gen import at, at_problem, describe, each, more, seeded


@rule("GEN003", "variant-does-not-render", severity="error", scope="bank")
def variant_does_not_render(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A variant of a template does not render: a placeholder names nothing, the filled-in record
    is not valid, or its Markdown/LaTeX is broken.

    Why: every variant is published (site, PDF sets, exports): a `{{unit}}` left in the text, a
    formula that no longer parses once numbers are put in, or a record that breaks the schema
    reaches the learner. Placeholders are `{{name}}` or `{{name:spec}}` (a Python format spec);
    the names are the drawn parameters, the derived values and `key`.

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
      How many trainable parameters has a Dense layer of {{unit}} units on {{inputs}}
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
        found = [p for p in ([rep.default] if rep.default else []) + rep.draw
                 if p.kind == "render"]
        markup = [s for s in rep.seeds if s.markup]
        if found:
            p = found[0]
            seed = "the defaults" if p.seed is None else f"seed {p.seed}"
            total = len(rep.seeds) + len(seeded(rep.draw))
            yield rec, Result(f"{seed}: {p.message}{more(len(seeded(found)), total)}",
                              "use `{{name}}` or `{{name:spec}}` with a drawn parameter, a "
                              "derived value or `key` (and a format spec that fits its value)",
                              at_problem(rec, p))
        elif markup:
            s = markup[0]
            yield rec, Result(f"seed {s.seed} ({describe(s.params, rep.drawn)}): the variant's "
                              f"{s.markup}{more(len(markup), len(rep.seeds))}",
                              "check the formula with these numbers in place",
                              at(rec, (s.markup or "question").split(":", 1)[0]))
