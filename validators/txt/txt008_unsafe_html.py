"""TXT008 unsafe-html."""

from collections.abc import Iterator
from html.parser import HTMLParser

from qbank.core.fences import mask_fences
from qbank.core.loader import LoadedRecord
from validators.base import Context, Result, rule
from validators.txt import catalog, prose_fields


class _Scanner(HTMLParser):
    def __init__(self, bad_tags: set[str], bad_schemes: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.bad_tags, self.bad_schemes = bad_tags, bad_schemes
        self.hits: list[tuple[int, int, str]] = []  # (line, col, what)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        if tag in self.bad_tags:
            self.hits.append((line, col, f"<{tag}> tag"))
        for name, value in attrs:
            if name.startswith("on"):
                self.hits.append((line, col, f"`{name}` event handler on <{tag}>"))
            elif name in ("href", "src", "action", "formaction", "xlink:href", "data") and value:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(self.bad_schemes):
                    self.hits.append((line, col, f"{scheme.split(':')[0]}: URL in <{tag} {name}>"))


@rule("TXT008", "unsafe-html")
def unsafe_html(rec: LoadedRecord, ctx: Context) -> Iterator[Result]:
    """Raw HTML that could run script on the published site: `<script>`, `<iframe>`,
    `<object>`, `<embed>`, `<form>`, `<style>`, event handlers (`onerror=`, `onclick=`), and
    `javascript:` or `data:` URLs in HTML or in Markdown links. Code fences and code spans are
    not HTML and are ignored; the tag list lives in `validators/txt/unsafe_html.yaml`.

    Why: Markdown passes raw HTML through to the page. A record arrives in a pull request; a
    script in it runs in every reader's browser on the site's origin.

    Example:
    ~~~yaml
    # file: bank/fundamentals/perceptron.yaml
    id: perceptron
    title: The perceptron
    topic: fundamentals
    type: open
    difficulty: easy
    tags: [perceptron]
    question: What is a perceptron? <img src=x onerror="alert(document.cookie)">
    answer: The simplest neural unit, a weighted sum followed by a step function.
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
    answer: The simplest neural unit, a weighted sum followed by a step function.
    ~~~
    """
    import re

    data = catalog("unsafe_html.yaml")
    bad_tags, schemes = set(data["tags"]), tuple(data["schemes"])
    link = re.compile(r"\]\(\s*<?\s*(" + "|".join(re.escape(s) for s in schemes) + ")",
                      re.IGNORECASE)
    for path, text in prose_fields(rec):
        prose = mask_fences(text, inline=True)
        if "<" in prose:
            scanner = _Scanner(bad_tags, schemes)
            scanner.feed(prose)
            scanner.close()
            starts = _line_starts(prose)
            for line, col, what in scanner.hits:
                yield Result(f"unsafe HTML: {what}", hint="remove the HTML; write Markdown (a "
                             "fenced block if it is meant as an example)",
                             at=rec.text_pos(path, starts[line - 1] + col))
        for m in link.finditer(prose):
            yield Result(f"unsafe link: a {m.group(1).lower()} URL in a Markdown link",
                         hint="link to an http(s) page instead", at=rec.text_pos(path, m.start()))


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts
