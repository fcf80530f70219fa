"""RUN013 unknown-fence-option."""

import difflib
from collections.abc import Iterator

from qbank.core.issues import Issue
from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import KNOWN_FLAGS, KNOWN_OPTIONS, MAX_TIMEOUT, analysis


def wording(issue: Issue) -> tuple[str, str]:
    """The message and hint of a RUN013 issue: a bad `timeout=`, or an unknown word."""
    if "timeout" in issue.facts:
        return (f"`timeout={issue.fact('timeout')}` is not a number of seconds "
                f"between 1 and {MAX_TIMEOUT:g}", "write e.g. ```python timeout=60")
    known = [f"{k}=" for k in KNOWN_OPTIONS] + sorted(KNOWN_FLAGS)
    near = difflib.get_close_matches(issue.fact("word"), known, n=1, cutoff=0.6)
    return (f"unknown fence option `{issue.fact('shown')}` after ```{issue.fact('lang')}",
            (f"did you mean `{near[0]}`? " if near else "")
            + "known: `fragment`, `raises=ErrorName`, `timeout=SECONDS`")


@rule("RUN013", "unknown-fence-option", scope="bank")
def unknown_fence_option(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A word after ```python that qbank does not know, or a `timeout=` that is not seconds.

    Why: the options say how a fence is checked: `fragment` (static checks only),
    `raises=ErrorName` (must raise it), `timeout=SECONDS` (a longer limit). A typo
    (`raise=ValueError`, `fragement`) is silently something else: the fence then runs without
    what its author meant, and fails for a reason that is hard to see.

    Example:
    ~~~yaml
    # file: bank/keras/bad-reshape.yaml
    id: bad-reshape
    title: Reshaping to an impossible shape
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: What happens when a reshape does not preserve the number of elements?
    answer: |
      ```python raise=ValueError
      import numpy as np
      np.zeros(6).reshape(4, 2)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/bad-reshape.yaml
    id: bad-reshape
    title: Reshaping to an impossible shape
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: What happens when a reshape does not preserve the number of elements?
    answer: |
      ```python raises=ValueError
      import numpy as np
      np.zeros(6).reshape(4, 2)
      ```
    ~~~
    """
    for fr in analysis(ctx).runs:
        for issue in fr.options:
            message, hint = wording(issue)
            yield fr.rec, Result(message, hint=hint, at=fr.fence.opening_pos(fr.rec))
