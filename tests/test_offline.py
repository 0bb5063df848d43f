"""Nothing in the built book is fetched from outside it."""
from __future__ import annotations

from offline_check import css_external, html_external


def test_checker_flags_cdn_resources():
    page = """<html><head>
      <script src="https://cdn.jsdelivr.net/npm/vega@6"></script>
      <link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">
      <link rel="canonical" href="https://example.org/book/"><style>@import url("https://x.org/a.css");</style>
    </head><body><img srcset="local.png 1x, https://img.example/b.png 2x">
      <a href="https://example.org/cited-work">a cited work</a><div style="background:url(http://x.org/bg.png)"></div>
    </body></html>"""
    found = html_external(page)
    assert found == [
        "<script src=https://cdn.jsdelivr.net/npm/vega@6>",
        "<link href=//fonts.googleapis.com/css?family=Roboto>",
        "<style> url(https://x.org/a.css)",
        "<img srcset=https://img.example/b.png>",
        "<div style=url(http://x.org/bg.png)>",
    ]


def test_checker_passes_local_resources():
    page = '<script src="../_static/a.js"></script><img src="data:image/png;base64,AAA="><a href="https://x.org">x</a>'
    assert html_external(page) == []
    assert css_external("@font-face{src:url(../webfonts/fa.woff2)}") == []
    assert css_external("@font-face{src:url('https://fonts.gstatic.com/x.woff2')}") == ["https://fonts.gstatic.com/x.woff2"]


def test_built_pages_fetch_nothing_from_outside(built_book):
    problems = []
    for path in sorted(built_book.rglob("*.html")):
        problems += [f"{path.relative_to(built_book)}: {r}" for r in html_external(path.read_text(encoding="utf-8"))]
    for path in sorted(built_book.rglob("*.css")):
        problems += [f"{path.relative_to(built_book)}: url({u})" for u in css_external(path.read_text(encoding="utf-8"))]
    assert not problems, "resources from outside the book:\n" + "\n".join(problems)
