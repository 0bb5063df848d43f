"""The built book in a real browser: Debian's Chromium, driven by Playwright,
with every request outside 127.0.0.1 blocked and recorded."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(scope="module")
def server(built_book):
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


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


def test_chart_renders_offline_without_errors(server, browser):
    page = browser.new_page()
    outside, errors = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    def only_local(route):
        if route.request.url.startswith(server + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(f"{server}/book/sources.html")
    page.wait_for_selector("figure.edition-chart[data-rendered]", timeout=20_000)
    assert page.get_attribute("figure.edition-chart", "data-rendered") == "true", errors
    assert page.locator("figure.edition-chart .edition-chart__view svg.marks").count() == 1
    assert page.locator("figure.edition-chart .edition-chart__static").is_hidden()
    assert page.get_attribute(".edition-chart__view svg.marks", "aria-label"), "the drawn chart has no label"
    assert outside == [], f"requests left the book: {outside}"
    assert errors == [], f"console errors: {errors}"
    page.close()
