"""TXT004 short-answer."""

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from qbank.core.fences import mask_fences
from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    min_words: int = 25


@rule("TXT004", "short-answer", options=Options)
def short_answer(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """The model answer of an open or code question is empty or trivially short (fewer than
    `min_words` words of prose and no code; 25 by default).

    Why: a one-line answer ("Yes.", "Dropout.", a bare definition) teaches nothing and gives a
    grader nothing to compare against; an interview answer explains what, why and how. Choice
    and numeric records are graded by their key, so their explanation may be short.

    Example:
    ~~~yaml
    # file: bank/cnn/cnn-pooling-layer.yaml
    id: cnn-pooling-layer
    title: Does a CNN have a pooling layer?
    topic: cnn
    type: open
    difficulty: easy
    tags: [pooling]
    question: Does a CNN have a pooling layer?
    answer: Yes, CNN has the pooling layer.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/cnn/cnn-pooling-layer.yaml
    id: cnn-pooling-layer
    title: Does a CNN have a pooling layer?
    topic: cnn
    type: open
    difficulty: easy
    tags: [pooling]
    question: Does a CNN have a pooling layer?
    answer: |
      Usually, yes: most CNNs interleave convolutions with max or average pooling layers,
      which downsample the feature maps, cut computation and add some translation invariance.
      Some modern designs replace pooling with strided convolutions.
    ~~~
    """
    if rec.field("type") not in ("open", "code"):
        return
    answer = rec.field("answer")
    if not isinstance(answer, str):
        return
    options: Options = ctx.options(short_answer)
    prose = mask_fences(answer)
    words = re.findall(r"[\w'-]+", prose)
    has_code = len(prose.strip()) < len(answer.strip())
    if len(words) < options.min_words and not has_code:
        yield Result(f"the answer has {len(words)} words (fewer than {options.min_words}): too "
                     "thin for a model answer",
                     hint="write a complete model answer: what, why, and an example",
                     at=rec.pos("answer"))
