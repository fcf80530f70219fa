"""GEN012 variant-miscalculates."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.gen import at, each, fingerprint, written

SEEDS = 5  # variants read per template (MATH reads the published instance itself)
SCHEMA = 1


@dataclass(frozen=True)
class _Texts:
    """A variant's prose, as MATH's `record_texts` reads a loaded record."""

    data: dict[str, Any]

    def field(self, name: str) -> Any:
        return self.data.get(name)


@rule("GEN012", "variant-miscalculates", scope="bank")
def variant_miscalculates(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """The prose of a template's variant states a computation that does not hold for its
    numbers (MATH's checks of arithmetic in prose, run on each of the first variants).

    Why: an answer's worked steps are written once with placeholders: `{{i}} - {{f}} + 1 =
    {{key}}` is right only if the step computes what the key computes. MATH checks the published
    instance; this rule reads the first five variants with the same engine (docs/math.md), so a
    step that holds for the defaults but not in general is caught. Results are cached by the
    template's content and the engine's code.

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
      Each unit has one weight per input and one bias: {{inputs}} x {{units}} + {{units}} =
      {{units}} x 5 = {{key}}.
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
      Each unit has one weight per input and one bias: {{inputs}} x {{units}} + {{units}} =
      {{units}} x ({{inputs}} + 1) = {{key}}.
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
    from validators.math import engine_digest

    cache = ctx.cache("gen-prose", SCHEMA)
    for rec, rep in each(ctx):
        if rep.spec or not rep.seeds:
            continue
        raw = written(rec)
        key = cache.key({"engine": [fingerprint(), engine_digest()], "record": raw.data,
                         "seeds": SEEDS})
        found = cache.get(key)
        if not isinstance(found, list):
            found = _issues(raw, [s.seed for s in rep.seeds[:SEEDS]])
            cache.put(key, found)
        if found:
            first = found[0]
            yield rec, Result(f"seed {first['seed']}: {first['message']}"
                              + (f" ({len(found)} issues in {SEEDS} variants)"
                                 if len(found) > 1 else ""),
                              first["hint"] + f" (`qbank variants {rec.id} --seed "
                              f"{first['seed']}` shows the variant)", at(rec, first["field"]))


def _issues(raw: LoadedRecord, seeds: list[int]) -> list[dict[str, Any]]:
    from generators import template_of
    from generators.render import render_data
    from validators.math import wording
    from validators.math.issues import record_texts
    from validators.math.prose import check_segments, check_text

    assert raw.record is not None
    tpl = template_of(raw.record)
    out: list[dict[str, Any]] = []
    for seed in seeds:
        texts = record_texts(_Texts(render_data(raw.mapping, tpl, tpl.draw(seed))))
        main = [(p, t) for p, t in texts if p[0] in ("question", "answer")]
        located = [(main[i.facts["segment"]][0], i) for i in check_segments([t for _, t in main])]
        located += [(p, i) for p, t in texts if p[0] == "choices" for i in check_text(t)]
        for path, issue in located:
            message, hint = wording(issue)
            out.append({"seed": seed, "message": message, "hint": hint,
                        "field": ".".join(str(p) for p in path)})
    return out
