"""A link check over a built site: every internal href/src resolves to a file, every #anchor to
an id in it; and no page refers to a resource outside the site."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and tag != "input":
                self.ids.add(value)
            if name in ("href", "src"):
                self.links.append((tag, name, value))


def parse(file: Path) -> _Page:
    page = _Page()
    page.feed(file.read_text(encoding="utf-8"))
    return page


def check(site: Path) -> tuple[int, list[str], list[str]]:
    """(links checked, broken internal links, external resources loaded)."""
    pages = {f: parse(f) for f in site.rglob("*.html")}
    broken: list[str] = []
    external: list[str] = []
    checked = 0
    for file, page in pages.items():
        for tag, attr, url in page.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                # a link the reader may follow is fine; a resource the page loads is not
                if tag in ("script", "img", "iframe", "source") or (
                        tag == "link" and attr == "href" and "canonical" not in url
                        and not parts.netloc.endswith("qbank.dev")):
                    external.append(f"{file.relative_to(site)}: <{tag} {attr}={url}>")
                continue
            if url.startswith(("mailto:", "data:", "javascript:")):
                continue
            checked += 1
            if not parts.path:
                target = file
            elif parts.path.startswith("/"):  # 404.html: from the root of https://qbank.dev/
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (file.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{file.relative_to(site)}: {url} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{file.relative_to(site)}: {url} (no such anchor)")
    return checked, broken, external
