"""The built site in a real browser: Debian's Chromium driven by Playwright (no browser is
downloaded: `apt-get install -y chromium`, or set QBANK_CHROMIUM to a Chromium binary)."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("QBANK_CHROMIUM") or shutil.which("chromium") \
    or shutil.which("chromium-browser") or shutil.which("google-chrome") or ""
try:
    from playwright.sync_api import Page, sync_playwright
except ImportError:  # pragma: no cover
    sync_playwright = None  # type: ignore[assignment]
if sync_playwright is None or not CHROMIUM:
    pytest.skip("browser tests skipped: no Chromium or Playwright here (apt-get install -y "
                "chromium; pip install -e .[site,test]): see README", allow_module_level=True)

QUESTION = "questions/fundamentals/universal-approximators.html"
NUMERIC = "questions/fundamentals/neuron-output-with-linear-activation.html"
RULE = "rules/RUN003/index.html"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@functools.cache
def _servers() -> dict[str, str]:
    return {}


def _serve(root: Path) -> str:
    """A local server of `root` for the session; its base URL."""
    key = str(root)
    if key not in _servers():
        httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                    functools.partial(_Quiet, directory=str(root)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        _servers()[key] = f"http://127.0.0.1:{httpd.server_address[1]}/"
    return _servers()[key]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


class Watched:
    """A page whose console errors, page errors and requests outside `origin` are kept."""

    def __init__(self, page: Page, origin: str) -> None:
        self.page, self.origin = page, origin
        self.problems: list[str] = []
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}")
                if r.status >= 400 and not r.url.endswith("404.html") else None)

    def _failed(self, request: Any) -> None:
        # a request cut short by the next navigation is not a failure of the page
        if "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(f"failed: {request.url} ({request.failure})")

    def _request(self, request: Any) -> None:
        if not request.url.startswith((self.origin, "data:", "blob:", "about:")):
            self.problems.append(f"external request: {request.url}")

    def goto(self, url: str) -> None:
        response = self.page.goto(url, wait_until="load")
        if response is not None and not response.ok and not url.endswith("404.html"):
            self.problems.append(f"{url}: HTTP {response.status}")


@pytest.fixture
def watched(browser: Any, built_site: Path) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    w = Watched(context.new_page(), _serve(built_site))
    yield w
    context.close()


def test_every_page_loads_without_error_or_external_request(watched: Watched,
                                                            built_site: Path) -> None:
    pages = sorted(str(p.relative_to(built_site)) for p in built_site.rglob("*.html"))
    assert len(pages) > 200
    bad: dict[str, list[str]] = {}
    for rel in pages:
        watched.problems.clear()
        watched.goto(watched.origin + rel)
        raw = watched.page.evaluate(
            "() => { const a = document.querySelector('article'); if (!a) return false;"
            " const c = a.cloneNode(true); c.querySelectorAll('pre, code').forEach(e => e.remove());"
            " return /\\$\\$|\\\\\\(|\\\\\\[/.test(c.textContent); }")
        if raw:
            watched.problems.append("raw TeX left in the text")
        if watched.problems:
            bad[rel] = list(watched.problems)
    assert bad == {}


def test_math_is_rendered_as_mathml(watched: Watched) -> None:
    watched.goto(watched.origin + NUMERIC)
    box = watched.page.locator("details.qbank-answer math[display=block]").first
    watched.page.locator("details.qbank-answer summary").first.click()
    assert box.is_visible()
    assert box.bounding_box()["width"] > 100  # laid out by the browser, not shown as text
    assert watched.problems == []


def test_search_finds_a_question_by_a_word_of_its_text(watched: Watched) -> None:
    watched.goto(watched.origin + "index.html")
    page = watched.page
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Cybenko", delay=20)
    hit = page.locator(".md-search-result__item a[href*='universal-approximators']").first
    hit.wait_for(timeout=15000)
    assert "Universal approximation" in hit.inner_text()
    assert watched.problems == []


def test_choice_feedback_on_click(watched: Watched) -> None:
    watched.goto(watched.origin + QUESTION)
    page = watched.page
    form = page.locator("form.qbank-check")
    feedback = form.locator(".qbank-feedback")
    assert not form.locator(".qbank-why").first.is_visible()
    form.locator("label", has_text="Kernel SVM").click()
    form.locator("button.qbank-submit").click()
    assert feedback.inner_text() == "Wrong. Read why, and try again."
    why = form.locator(".qbank-choice").nth(0).locator(".qbank-why")
    assert why.is_visible() and "RBF kernel" in why.inner_text()
    form.locator("label", has_text="All of the above").click()
    form.locator("button.qbank-submit").click()
    assert feedback.inner_text() == "Right. The answer is D."
    assert not why.is_visible()
    assert watched.problems == []


def test_numeric_feedback_with_the_records_tolerance(watched: Watched) -> None:
    watched.goto(watched.origin + NUMERIC)
    # a template: the page shows its variant of seed 1 first (x = (7, 1, 7), key 244)
    form = watched.page.locator("form.qbank-check").first
    feedback = form.locator(".qbank-feedback")
    form.locator("input").fill("243")
    form.locator("button.qbank-submit").click()
    assert feedback.inner_text().startswith("Wrong: 243 is not the answer")
    form.locator("input").fill("244")
    form.locator("input").press("Enter")
    assert feedback.inner_text() == "Right."
    form.locator("input").fill("forty")
    form.locator("button.qbank-submit").click()
    assert feedback.inner_text().startswith("Enter a number")


def test_variant_button_changes_numbers_and_key(browser: Any,
                                                small_site: tuple[Path, str]) -> None:
    origin = _serve(small_site[0])
    context = browser.new_context()
    w = Watched(context.new_page(), origin)
    w.goto(origin + "questions/fundamentals/neuron-sum.html")
    page = w.page
    visible = page.locator("section.qbank-variant:visible")
    assert visible.count() == 1 and visible.get_attribute("data-key") == "11 ± 0.5"
    form = visible.locator("form.qbank-check")
    form.locator("input").fill("11.4")  # within the record's tolerance of 0.5
    form.locator("button.qbank-submit").click()
    assert form.locator(".qbank-feedback").inner_text() == "Right (within ±0.5)."
    page.locator("button.qbank-another").click()
    visible = page.locator("section.qbank-variant:visible")
    assert visible.get_attribute("data-key") == "17 ± 0.5"
    assert "5" in (visible.locator(".qbank-question math").nth(1).text_content() or "")
    assert page.locator(".qbank-variant-label").inner_text() == "Variant 2 of 3 (seed 2)"
    form = visible.locator("form.qbank-check")
    form.locator("input").fill("11")  # the first variant's answer is wrong here
    form.locator("button.qbank-submit").click()
    assert form.locator(".qbank-feedback").inner_text().startswith("Wrong")
    form.locator("input").fill("17")
    form.locator("button.qbank-submit").click()
    assert form.locator(".qbank-feedback").inner_text() == "Right (within ±0.5)."
    page.locator("button.qbank-another").click()
    page.locator("button.qbank-another").click()
    assert page.locator("section.qbank-variant:visible").get_attribute("data-key") == "11 ± 0.5"
    assert w.problems == []
    context.close()


def test_site_works_opened_from_disk(browser: Any, built_site: Path) -> None:
    context = browser.new_context()
    w = Watched(context.new_page(), built_site.as_uri())
    w.goto((built_site / "index.html").as_uri())
    w.page.locator("a[href='questions/fundamentals/index.html']").first.click()
    w.page.locator("a[href='universal-approximators.html']").click()
    assert w.page.locator("h1").inner_text().startswith("Universal approximation theorem")
    w.page.locator("form.qbank-check label", has_text="All of the above").click()
    w.page.locator("form.qbank-check button.qbank-submit").click()
    assert w.page.locator(".qbank-feedback").inner_text() == "Right. The answer is D."
    assert w.problems == []
    context.close()


def _axe_source() -> str | None:
    try:
        import axe_playwright_python
    except ImportError:
        return None
    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    return path.read_text(encoding="utf-8") if path.exists() else None


def _one_of_each_kind(site: Path) -> list[str]:
    """A page of every kind the site has: home, tags, topic, rules, rule, 404, and a question
    of each kind of self-check (single, multiple, numeric, none)."""
    pages = ["index.html", "tags.html", "questions/fundamentals/index.html", "rules/index.html",
             RULE, "404.html"]
    kinds: dict[str, str] = {}
    for f in sorted(site.glob("questions/*/*.html")):
        if f.name == "index.html":
            continue
        text = f.read_text(encoding="utf-8")
        kind = text.split('data-kind="', 1)[1].split('"', 1)[0] if "data-kind=" in text \
            else "open"
        kinds.setdefault(kind, str(f.relative_to(site)))
    assert {"single", "numeric", "open"} <= set(kinds), kinds
    return pages + sorted(kinds.values())


def test_no_serious_accessibility_violation(watched: Watched, built_site: Path) -> None:
    source = _axe_source()
    if source is None:
        pytest.skip("axe-core not installed (pip install axe-playwright-python)")
    serious: dict[str, list[str]] = {}
    for rel in _one_of_each_kind(built_site):
        watched.goto(watched.origin + rel)
        watched.page.add_script_tag(content=source)
        result = watched.page.evaluate("async () => await axe.run(document)")
        found = [f"{v['id']} ({v['impact']}): {v['help']}: "
                 + "; ".join(n["target"][0] for n in v["nodes"][:3])
                 for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if found:
            serious[rel] = found
    assert serious == {}


def test_variant_button_on_the_banks_own_templates(browser: Any, built_site: Path) -> None:
    """The real bank's templates, with the GEN engine's variants (the fake-engine test above
    covers the page's mechanics whatever the bank holds)."""
    from qbank.commands.site.hook import variant_provider

    if variant_provider() is None:
        pytest.skip("no variants: the GEN engine (generators.is_template/variants) is not here")
    pages = [f for f in sorted(built_site.glob("questions/*/*.html"))
             if 'class="qbank-variants"' in f.read_text(encoding="utf-8")]
    if not pages:
        pytest.skip("no variants: the bank has no published template")
    origin = _serve(built_site)
    context = browser.new_context()
    w = Watched(context.new_page(), origin)
    w.goto(origin + str(pages[0].relative_to(built_site)))
    first = w.page.locator("section.qbank-variant:visible")
    key, text = first.get_attribute("data-key"), first.inner_text()
    w.page.locator("button.qbank-another").click()
    second = w.page.locator("section.qbank-variant:visible")
    assert second.get_attribute("data-variant") == "1"
    assert second.inner_text() != text  # other numbers
    assert second.get_attribute("data-key") is not None and key is not None
    assert w.problems == []
    context.close()


@pytest.mark.parametrize(("name", "rel"), [("home", "index.html"), ("question", QUESTION),
                                           ("numeric", NUMERIC), ("rule", RULE)])
def test_screenshots_for_ci(watched: Watched, artifacts: Path, name: str, rel: str) -> None:
    watched.goto(watched.origin + rel)
    if name == "question":
        watched.page.locator("form.qbank-check label", has_text="Kernel SVM").click()
        watched.page.locator("form.qbank-check button.qbank-submit").click()
    if name == "numeric":
        watched.page.locator("details.qbank-answer summary").first.click()
    shot = artifacts / f"site-{name}.png"
    watched.page.screenshot(path=str(shot), full_page=name != "home")
    assert shot.stat().st_size > 10_000
