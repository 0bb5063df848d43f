"""The built book in a real browser: Debian's Chromium driven by Playwright, every
request outside 127.0.0.1 blocked and recorded, axe-core in light and dark mode."""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from urllib.parse import quote

import pytest
from conftest import BUILD, ROOT, toc_docnames

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
SCREENSHOTS = BUILD / "screenshots"
BLOCKING = {"serious", "critical"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_book):
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: run `sudo apt-get install chromium` (or `make test` as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A page opened with outside requests blocked, console errors and requests recorded."""

    def __init__(self, browser, server: str, path: str, mode: str = "light"):
        self.context = browser.new_context(color_scheme=mode, reduced_motion="reduce", viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.outside, self.errors, self.requests = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route(server))
        self.page.goto(f"{server}/{path}", wait_until="load")
        # Wait until every chart is drawn, including any redraw a theme change started meanwhile.
        self.page.evaluate("""async () => {
            let drawing;
            do { drawing = window.editionCharts; await drawing; } while (drawing !== window.editionCharts);
        }""")

    def _route(self, server):
        def handle(route):
            self.requests.append(route.request.url)
            if route.request.url.startswith(server + "/"):
                route.continue_()
            else:
                self.outside.append(route.request.url)
                route.abort()
        return handle

    def close(self):
        self.context.close()

    def __enter__(self) -> "Visit":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


PAGES = toc_docnames()


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_offline_with_charts_and_tables(server, browser, name):
    with Visit(browser, server, f"{name}.html") as visit:
        page = visit.page
        assert page.locator("h1").count() >= 1, f"{name}: no title"
        figures = page.locator("figure.edition-chart")
        for i in range(figures.count()):
            figure = figures.nth(i)
            assert figure.get_attribute("data-rendered") == "true", f"{name}: chart {i + 1} was not drawn"
            assert figure.locator(".edition-chart__view svg.marks").count() == 1, f"{name}: chart {i + 1} has no SVG"
        tables = page.locator("details.edition-data")
        for i in range(tables.count()):
            table = tables.nth(i)
            table.locator("summary").first.click()
            assert table.get_attribute("open") is not None, f"{name}: data table {i + 1} does not open"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name.replace('/', '__')}.png"), full_page=True)
        assert visit.outside == [], f"{name}: requests left the book: {visit.outside}"
        assert visit.errors == [], f"{name}: console errors: {visit.errors}"


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(server, browser, name, mode):
    from axe_playwright_python.sync_playwright import Axe

    with Visit(browser, server, f"{name}.html", mode) as visit:
        assert visit.page.evaluate("document.documentElement.dataset.theme") == mode, f"{name}: the page is not in {mode} mode"
        # Check the page at rest: colours caught mid-transition (the theme fades them in) are not what a reader sees.
        visit.page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
        visit.page.wait_for_timeout(100)
        violations = Axe().run(visit.page).response["violations"]
        blocking = [f"{v['impact']} {v['id']}: {v['help']} at {v['nodes'][0]['target']}" for v in violations if v["impact"] in BLOCKING]
        assert not blocking, f"{name} ({mode}): " + "; ".join(blocking)


def test_charts_carry_text_for_screen_readers(server, browser):
    with Visit(browser, server, "book/stances.html") as visit:
        for figure in visit.page.locator("figure.edition-chart").all():
            label = figure.locator(".edition-chart__view svg.marks").get_attribute("aria-label")
            caption = figure.locator("figcaption").text_content()
            assert label and label == caption, "each drawn chart is labelled with its description"


def test_theme_icons_are_drawn_by_the_web_font(server, browser):
    """The theme's icons come from its web font, with Font Awesome's script left out."""
    with Visit(browser, server, "book/overlaps.html") as visit:
        page = visit.page
        page.evaluate("async () => { await document.fonts.ready; }")
        assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"')"), "the icon font did not load"
        icons = page.evaluate("""() => [...document.querySelectorAll('.bd-header-article i[class*="fa-"]')]
            .filter(i => i.getBoundingClientRect().width > 0)
            .map(i => [i.className, getComputedStyle(i).fontFamily, getComputedStyle(i, '::before').content])""")
        assert len(icons) >= 4, f"the page header shows {len(icons)} icons: {icons}"
        for name, family, glyph in icons:
            assert "Font Awesome" in family and glyph not in ("none", "normal", '""'), f"icon {name} is not drawn by the font"


def test_charts_redraw_only_when_the_theme_changes(server, browser):
    with Visit(browser, server, "book/debates/backer.html") as visit:
        page = visit.page
        page.evaluate("window.__firstSvg = document.querySelector('figure.edition-chart svg.marks')")
        page.evaluate("document.documentElement.dataset.theme = document.documentElement.dataset.theme")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__firstSvg.isConnected"), "setting the same theme again redrew the charts"
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        page.evaluate("async () => { await window.editionCharts; }")
        assert not page.evaluate("window.__firstSvg.isConnected"), "switching to dark mode did not redraw the charts"
        assert page.locator("figure.edition-chart").first.get_attribute("data-rendered") == "true"


def test_skip_link_leads_to_the_main_content(server, browser):
    with Visit(browser, server, "book/programmes.html") as visit:
        visit.page.keyboard.press("Tab")
        focused = visit.page.evaluate("document.activeElement.getAttribute('href')")
        assert focused == "#main-content", f"the first Tab stop is {focused!r}, not the skip link"
        visit.page.keyboard.press("Enter")
        assert visit.page.evaluate("location.hash") == "#main-content"


def unique_word() -> tuple[str, str]:
    """A distinctive word that appears in exactly one chapter's text, and that chapter."""
    texts = {name: (ROOT / f"{name}.md").read_text(encoding="utf-8").lower() for name in PAGES}
    for word in ["nosedive", "osmanthus", "huxley", "pontius", "guanxi", "baihe", "jaywalkers", "zhihu"]:
        holders = [name for name, text in texts.items() if re.search(rf"\b{word}\b", text)]
        if len(holders) == 1:
            return word, holders[0]
    pytest.fail("no candidate word occurs in exactly one chapter: update the list in unique_word()")


def test_search_finds_the_chapter_that_uses_a_word(server, browser):
    word, chapter = unique_word()
    with Visit(browser, server, f"search.html?q={quote(word)}") as visit:
        visit.page.wait_for_selector("#search-results ul.search li", timeout=20_000)
        hrefs = visit.page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.getAttribute('href'))")
        assert any(href.split("?")[0].endswith(f"{chapter}.html") for href in hrefs), f"searching {word!r} did not return {chapter}: {hrefs}"
        assert visit.outside == [] and visit.errors == []


def test_readers_without_javascript_get_static_pictures(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server}/book/programmes.html", wait_until="load")
        pictures = page.locator("figure.edition-chart img.edition-chart__static")
        assert pictures.count() == page.locator("figure.edition-chart").count() > 0
        for picture in pictures.all():
            assert picture.get_attribute("alt"), "a static picture without alternative text"
            assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), "a static picture did not load"
    finally:
        context.close()
