"""DUP002 near-duplicate."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from qbank.services.dedup import NearSearch, excerpt
from validators.base import Context, Result, rule
from validators.dup import pairs, related


class NearOptions(NearSearch):
    """DUP002 options (`[tool.qbank.rules.DUP002]`): the near search's parameters."""


@rule("DUP002", "near-duplicate", scope="bank", options=NearOptions)
def near_duplicate(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """Two records word their question or answer nearly alike: one is a light edit of the other.

    A light edit: a typo, a spelling variant, a word added or dropped.

    Why: light edits of one question are the same question; keeping both splits corrections
    and makes a quiz repeat itself. Candidates come from MinHash signatures of character
    5-grams with locality-sensitive hashing (no all-pairs comparison), and are kept when the
    rapidfuzz similarity ratio of the normalised texts reaches `threshold` (default 0.85) and
    no key term is swapped ("L1" for "L2", "advantages" for "disadvantages": those are sibling
    questions, not copies). Reported once, on the newer record, with the other as the related
    location. Options: `threshold`, `candidate_jaccard` (LSH threshold, default 0.4),
    `fields`, `min_chars`.

    Example:
    ~~~yaml
    # file: bank/regularization/batch-normalization.yaml
    id: batch-normalization
    title: Batch normalization
    topic: regularization
    type: open
    difficulty: medium
    tags: [normalization]
    question: What is batch normalization and how is it implemented in Keras?
    answer: It standardises each feature over the batch, then scales and shifts it.
    # file: bank/training/batch-normalisation.yaml
    id: batch-normalisation
    title: Batch normalisation
    topic: training
    type: open
    difficulty: medium
    tags: [normalization]
    question: What is batch normalisation and how is it implemented in Keras?
    answer: A layer that normalises activations with the statistics of the current batch.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/regularization/l1-regularization.yaml
    id: l1-regularization
    title: L1 regularization
    topic: regularization
    type: open
    difficulty: easy
    tags: [regularization]
    question: What is L1 regularization and when is it used?
    answer: A penalty on the sum of absolute weights; it drives many weights to exactly zero.
    # file: bank/regularization/l2-regularization.yaml
    id: l2-regularization
    title: L2 regularization
    topic: regularization
    type: open
    difficulty: easy
    tags: [regularization]
    question: What is L2 regularization and when is it used?
    answer: A penalty on the sum of squared weights; it shrinks all weights towards zero.
    ~~~
    """
    for p in pairs("near", bank, ctx):
        other = p.older
        also = f"; also {', '.join(p.also)}" if p.also else ""
        yield p.newer, Result(
            f"{p.field} is nearly identical to the {p.field} of `{other.id}` ({p.how}{also}): "
            f"“{excerpt(p.text(p.newer))}” ~ “{excerpt(p.text(other))}”",
            hint=f"merge it with `{other.id}` (keep the better wording), or, if both are "
                 f"wanted, list each other in `related`",
            at=p.newer.pos(p.field), related=related(p))
