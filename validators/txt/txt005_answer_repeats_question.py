"""TXT005 answer-repeats-question."""

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    threshold: float = Field(default=0.85, ge=0, le=1)


@rule("TXT005", "answer-repeats-question", options=Options)
def answer_repeats_question(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """The answer only repeats the question (its words are the question's, reworded at most).

    Why: scraped pages that lost their answers often put the question's text in the answer
    slot; the record then looks complete but answers nothing.

    Example:
    ~~~yaml
    # file: bank/fundamentals/what-is-backpropagation.yaml
    id: what-is-backpropagation
    title: Backpropagation
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [backpropagation]
    question: What is backpropagation in a neural network?
    answer: Backpropagation in a neural network is what backpropagation is.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/fundamentals/what-is-backpropagation.yaml
    id: what-is-backpropagation
    title: Backpropagation
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [backpropagation]
    question: What is backpropagation in a neural network?
    answer: |
      The algorithm that computes the gradient of the loss with respect to every weight by
      applying the chain rule layer by layer, from the output back to the input.
    ~~~
    """
    from rapidfuzz import fuzz

    q, a = rec.field("question"), rec.field("answer")
    if not (isinstance(q, str) and isinstance(a, str)) or not a.strip():
        return
    options: Options = ctx.options(answer_repeats_question)
    qn, an = _norm(q), _norm(a)
    q_words, a_words = set(qn.split()), set(an.split())
    new_words = a_words - q_words - _FILLER
    score = fuzz.token_set_ratio(qn, an) / 100
    if an and (an == qn or (score >= options.threshold and len(new_words) <= 1)):
        yield Result(f"the answer only repeats the question (similarity {score:.2f})",
                     hint="write the answer itself", at=rec.pos("answer"))


_FILLER = {"is", "are", "the", "a", "an", "what", "it", "this", "that", "of", "in", "yes", "no"}


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))
