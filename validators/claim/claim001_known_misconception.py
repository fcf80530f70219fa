"""CLAIM001 known-misconception."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.claim.catalog import load_catalog
from validators.claim.scan import misconceptions


@rule("CLAIM001", "known-misconception", scope="bank")
def known_misconception(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """An answer states a known deep-learning misconception from the catalog.

    Why: some false statements are common enough to be copied from page to page ("ReLU cannot be
    used in the output layer because the output needs a finite range", "Keras `Dropout(0.8)`
    keeps 80% of the units"). The catalog (`validators/claim/misconceptions.yaml`) lists them,
    each with why it is false, the correct statement and a reference. Every sentence of an
    answer's prose and of its correct choices is compared with the catalog: a sentence
    embedding (all-MiniLM-L6-v2, shipped in a PyPI package) finds the nearest false claim, and
    lexical cues tell the claim from its correct twin, which usually uses the same words. A
    sentence is matched only to an entry about its subject (it uses the words every phrasing of
    the entry's claim shares, or two of the entry's words), so the correction shown is always
    about the concept the sentence talks about.
    A list item too short to state anything alone ("- Use gradient clipping") is also read after
    the sentence that introduces its list, and a table row under its header row.
    Sentences that report a misconception ("a common myth is that ...") are not flagged, nor
    are the question (which may ask about a false premise) and the wrong choices.

    Example:
    ~~~yaml
    # file: bank/activations/relu-in-output-layer.yaml
    id: relu-in-output-layer
    title: ReLU in the output layer
    topic: activations
    type: open
    difficulty: easy
    tags: [relu]
    question: Can ReLU be used in the output layer?
    answer: |
      No. ReLU cannot be used in the output layer because its output is not bounded, and an
      output layer needs a finite range of values.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/activations/relu-in-output-layer.yaml
    id: relu-in-output-layer
    title: ReLU in the output layer
    topic: activations
    type: open
    difficulty: easy
    tags: [relu]
    question: Can ReLU be used in the output layer?
    answer: |
      Yes, when the target is non-negative: ReLU can be used in the output layer to predict
      counts or prices. The output activation should match the range of the target.
    ~~~
    """
    entries = load_catalog().by_id()
    for loc, m, text in misconceptions(ctx):
        e = entries[m.entry]
        quoted = text if len(text) <= 200 else text[:197] + "..."
        yield loc.rec, Result(
            f'known misconception `{e.id}`: "{quoted}" — correct: {e.correct}',
            hint=f"{e.why} Reference: {e.reference}. (If the sentence is right in context, "
                 f"add an `allow` entry for CLAIM001 with the reason.)",
            at=loc.pos)
