"""SCH016 missing-modeline."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule

MODELINE_PREFIX = "# yaml-language-server: $schema="


@rule("SCH016", "missing-modeline", severity="info")
def missing_modeline(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """The record does not start with the YAML language server modeline.

    Why: with the modeline, an editor with the YAML language server (VS Code's YAML
    extension, Neovim's yamlls, ...) completes and checks every field while the author types,
    long before `qbank validate` runs. `qbank fmt` adds it.

    Example:
    ~~~yaml
    # file: bank/fundamentals/epoch.yaml
    id: epoch
    title: What is an epoch?
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [training]
    question: What is an epoch?
    answer: One full pass of the training algorithm over every example of the training set.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/fundamentals/epoch.yaml
    # yaml-language-server: $schema=../../schema/record.schema.json
    id: epoch
    title: What is an epoch?
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [training]
    question: What is an epoch?
    answer: One full pass of the training algorithm over every example of the training set.
    ~~~
    """
    first = rec.text.split("\n", 1)[0]
    if not first.startswith(MODELINE_PREFIX):
        yield Result("the first line is not the `yaml-language-server` schema modeline",
                     hint="run `qbank fmt` to add it", at=None)
