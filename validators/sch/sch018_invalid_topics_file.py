"""SCH018 invalid-topics-file."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord, Pos
from validators.base import Context, Result, rule


@rule("SCH018", "invalid-topics-file", scope="bank")
def invalid_topics_file(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """`bank/topics.yaml` is missing, does not parse, or is not a mapping of topic keys to a
    `title` and `description`.

    Why: every record's `topic` is checked against this file, and the site's sections come
    from it; without it every record would be reported as having an unknown topic.

    Example:
    ~~~yaml
    # file: bank/topics.yaml
    - fundamentals
    - training
    ~~~

    Instead:
    ~~~yaml
    # file: bank/topics.yaml
    fundamentals:
      title: Fundamentals
      description: Neurons, layers, forward and backward propagation.
    ~~~
    """
    tf = bank.topics_file
    if tf is None:
        from qbank.core.loader import LoadedRecord as LR

        stub = LR(path=str(bank.root / "topics.yaml"), file=bank.root / "topics.yaml", text="")
        yield stub, Result("the bank has no topics.yaml",
                           hint="create bank/topics.yaml: one key per topic, with a title")
        return
    if tf.syntax is not None:
        yield tf, Result(tf.syntax.message, hint="fix the YAML at this line", at=tf.syntax.at)
        return
    if not isinstance(tf.data, dict) or not tf.data:
        yield tf, Result("topics.yaml must map each topic key to its title and description",
                         hint="write `fundamentals: {title: Fundamentals}` style entries",
                         at=Pos(1, 1))
        return
    for key, value in tf.data.items():
        if not isinstance(value, dict) or not isinstance(value.get("title"), str):
            yield tf, Result(f"topic `{key}` has no `title`",
                             hint="give each topic `title:` (and `description:`)", at=tf.pos(key))
