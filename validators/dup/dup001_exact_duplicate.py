"""DUP001 exact-duplicate."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from qbank.services.dedup import ExactSearch, excerpt
from validators.base import Context, Result, rule
from validators.dup import pairs, related


class ExactOptions(ExactSearch):
    """DUP001 options (`[tool.qbank.rules.DUP001]`): the exact search's parameters."""


@rule("DUP001", "exact-duplicate", scope="bank", options=ExactOptions)
def exact_duplicate(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """Two records have the same question or answer, once formatting is ignored.

    Identical means identical after case, whitespace, punctuation, Markdown markup and
    numbering ("7.", "Q3:") are ignored.

    Why: a copied question (a seed page that repeats a section, a question imported twice)
    makes a quiz ask the same thing twice and splits corrections between two copies. The pair
    is reported once, on the newer record (by git history, else by id), with the other record
    as the related location; questions are compared with questions, answers with answers.
    Records that list each other in `related`, and variants of one `template`, are never
    reported. Options (`[tool.qbank.rules.DUP001]`): `fields` (default question and answer),
    `min_chars` (shorter normalised texts are ignored, default 12).

    Example:
    ~~~yaml
    # file: bank/fundamentals/epoch.yaml
    id: epoch
    title: What is an epoch?
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [training]
    question: What is an epoch in deep learning?
    answer: One full pass of the training algorithm over every example of the training set.
    # file: bank/training/epoch-definition.yaml
    id: epoch-definition
    title: Epochs
    topic: training
    type: open
    difficulty: easy
    tags: [training]
    question: |
      7. What is an **epoch** in deep learning
    answer: One complete pass through the entire training dataset by the model.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/fundamentals/epoch.yaml
    id: epoch
    title: What is an epoch?
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [training]
    question: What is an epoch in deep learning?
    answer: One full pass of the training algorithm over every example of the training set.
    # file: bank/training/batch-size-vs-epoch.yaml
    id: batch-size-vs-epoch
    title: Batch size and epochs
    topic: training
    type: open
    difficulty: easy
    tags: [training]
    question: What is the difference between batch size and epoch?
    answer: An epoch is one pass over the data; the batch size is how many examples make one step.
    ~~~
    """
    for p in pairs("exact", bank, ctx):
        other = p.older
        also = f"; also {', '.join(p.also)}" if p.also else ""
        yield p.newer, Result(
            f"{p.field} is identical to the {p.field} of `{other.id}` ({p.how}{also}): "
            f"“{excerpt(p.text(p.newer))}” ~ “{excerpt(p.text(other))}”",
            hint=f"merge it with `{other.id}` (keep the better wording), or, if both are "
                 f"wanted, list each other in `related`",
            at=p.newer.pos(p.field), related=related(p))
