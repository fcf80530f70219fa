"""RUN001 syntax-error."""

from collections.abc import Iterator

from qbank.core.issues import Issue
from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import analysis, severity_of


def wording(issue: Issue) -> tuple[str, str]:
    """The message and hint of a RUN001 issue."""
    kind = issue.fact("kind")
    hint = ("fix the code" if kind == "unreadable" else
            "shell and IPython commands (`!pip`, `%matplotlib`) are not Python: put them in "
            "a ```bash fence" if kind == "shell" else
            "fix the code; if it is deliberately incomplete pseudo-code, use a ```text fence")
    return f"the code does not parse: {issue.fact('error')}", hint


@rule("RUN001", "syntax-error", scope="bank")
def syntax_error(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """A python fence that does not parse.

    Why: code that is not Python cannot run, and readers who copy it get a `SyntaxError`.
    Fragments (```` ```python fragment ````) must parse too. Shell commands (`!pip install`)
    belong in a ```` ```bash ```` fence; pseudo-code in a ```` ```text ```` fence.

    Example:
    ~~~yaml
    # file: bank/keras/define-a-function.yaml
    id: define-a-function
    title: Defining a loss function
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you define a custom loss?
    answer: |
      Write a function of `y_true` and `y_pred`:

      ```python fragment
      def my_loss(y_true, y_pred:
          return keras.ops.mean(keras.ops.square(y_true - y_pred))
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/define-a-function.yaml
    id: define-a-function
    title: Defining a loss function
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How do you define a custom loss?
    answer: |
      Write a function of `y_true` and `y_pred`:

      ```python fragment
      def my_loss(y_true, y_pred):
          return keras.ops.mean(keras.ops.square(y_true - y_pred))
      ```
    ~~~
    """
    for fr, issue in analysis(ctx).static("RUN001"):
        message, hint = wording(issue)
        yield fr.rec, Result(message, hint=hint, at=fr.at(issue), severity=severity_of(issue))
