"""TXT007 mojibake."""

from collections.abc import Iterator

from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.txt import prose_fields


@rule("TXT007", "mojibake")
def mojibake(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """Text garbled by a wrong encoding round trip (`â€™` for `’`, `Ã©` for `é`) or holding the
    replacement character `�`. Detected with ftfy, which also proposes the repaired text.

    Why: text that was saved as UTF-8 and read back as Windows-1252 reaches readers as
    gibberish; it is a sure sign of a copy-paste from a broken page.

    Example:
    ~~~yaml
    # file: bank/fundamentals/perceptron.yaml
    id: perceptron
    title: The perceptron
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [perceptron]
    question: What is a perceptron?
    answer: Itâ€™s the simplest neural unit, a weighted sum followed by a step function.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/fundamentals/perceptron.yaml
    id: perceptron
    title: The perceptron
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [perceptron]
    question: What is a perceptron?
    answer: It is the simplest neural unit, a weighted sum followed by a step function.
    ~~~
    """
    import ftfy
    from ftfy.badness import is_bad

    for path, text in prose_fields(rec):
        if text.isascii():
            continue
        for offset, line in _lines(text):
            if line.isascii():
                continue
            if "\ufffd" in line:
                yield Result("replacement character U+FFFD: the original text was lost in an "
                             "encoding error", hint="retype the damaged characters",
                             at=rec.text_pos(path, offset + line.index("\ufffd")))
            elif is_bad(line):
                fixed = ftfy.fix_encoding(line)
                hint = (f"it should probably read: {fixed.strip()[:120]!r}" if fixed != line
                        else "retype the garbled characters")
                yield Result(f"mojibake (text decoded with the wrong encoding): "
                             f"{line.strip()[:80]!r}", hint=hint, at=rec.text_pos(path, offset))


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, line
        offset += len(line)
