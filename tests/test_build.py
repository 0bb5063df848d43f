"""The strict build: every page of the table of contents, every chart complete."""
from __future__ import annotations

import json
import re

import yaml
from conftest import ROOT, toc_docnames

FIGURE = re.compile(r'<figure class="edition-chart" id="(chart-[0-9a-f]+)">(.*?)</figure>', re.S)


def pages(html_dir):
    return {name: (html_dir / f"{name}.html").read_text(encoding="utf-8") for name in toc_docnames()}


def html_dir_of(name):
    from conftest import HTML

    return (HTML / name).parent


def config():
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def test_every_toc_page_is_built(built_book):
    for name in toc_docnames():
        page = built_book / f"{name}.html"
        assert page.exists(), f"{name}.html missing from _build/html: is it in _toc.yml and free of build errors?"
        assert "<h1>" in page.read_text(encoding="utf-8"), f"{name}.html has no title (<h1>)"


def test_every_chart_has_spec_static_picture_and_description(built_book):
    charts = 0
    for name, html in pages(built_book).items():
        for chart_id, body in FIGURE.findall(html):
            charts += 1
            where = f"{name}.html #{chart_id}"
            spec = re.search(r'<script type="application/json" class="edition-chart__spec">(.*?)</script>', body, re.S)
            assert spec, f"{where}: no chart spec"
            spec = json.loads(spec.group(1))
            assert re.fullmatch(r"https://vega\.github\.io/schema/vega/v[0-9]+\.json", spec["$schema"]), (
                f"{where}: the spec is not Vega ({spec['$schema']}); edition.render.browser_spec compiles it at build time"
            )
            assert spec.get("description"), f"{where}: no description for screen readers"
            image = re.search(r'<noscript><img class="edition-chart__static" src="((?:\.\./)*_images/charts/[0-9a-f]+\.svg)" alt="([^"]+)"', body)
            assert image, f"{where}: no labelled static picture for readers without JavaScript"
            picture = (html_dir_of(name) / image.group(1)).resolve()
            assert picture.read_text(encoding="utf-8").startswith("<svg"), f"{where}: {image.group(1)} is not an SVG"
            assert "<svg" not in body.split("<noscript>")[0], f"{where}: the static SVG is still inline"
            caption = re.search(r"<figcaption[^>]*>(.+?)</figcaption>", body, re.S)
            assert caption and caption.group(1).strip(), f"{where}: empty description caption"
    assert charts >= 1, "no chart in the built book: the chart pipeline produced nothing"


def test_chart_bundle_is_served_with_the_book(built_book):
    bundle = built_book / "_static" / "edition-charts.js"
    assert bundle.exists() and bundle.stat().st_size > 500_000, "the Vega bundle is missing from _static"
    text = bundle.read_text(encoding="utf-8")
    assert text.startswith("(() => {") and "edition-chart__spec" in text, "the bundle is not wrapped or lacks the init code"
    for name, html in pages(built_book).items():
        assert re.search(r'<script defer="defer" src="(\.\./)*_static/edition-charts\.js', html), (
            f"{name}.html does not load _static/edition-charts.js"
        )


def test_no_thebe_or_cdn_scripts(built_book):
    for name, html in pages(built_book).items():
        assert "THEBE_JS_URL" not in html and "thebe.js" not in html, f"{name}.html still loads sphinx-thebe"
        assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html, f"{name}.html mentions a CDN"


def test_pages_do_not_load_the_font_awesome_script(built_book):
    for name, html in pages(built_book).items():
        assert "fontawesome.js" not in html, (
            f"{name}.html loads Font Awesome's 1.5 MB script: book/_templates/layout.html must filter it out "
            "of the theme's css block (edition.sphinxext.without_fontawesome_js)"
        )
        assert "bootstrap.js" in html and "pydata-sphinx-theme.css" in html, f"{name}.html lost the theme's own assets"


def test_footer_carries_the_copyright_of_the_release_year(built_book):
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    year = str(citation["date-released"])[:4]
    assert config()["copyright"].startswith(year), "_config.yml copyright year differs from CITATION.cff's release year"
    html = (built_book / "book" / "index.html").read_text(encoding="utf-8")
    assert f"Copyright {year} The SCS Edition editors" in html


def test_binder_button_opens_the_chapter_notebook(built_book):
    repo = config()["repository"]
    owner_repo = repo["url"].removeprefix("https://github.com/")
    for name in ["book/sources", "book/debates/backer"]:
        html = (built_book / f"{name}.html").read_text(encoding="utf-8")
        expected = f"https://mybinder.org/v2/gh/{owner_repo}/{repo['branch']}?urlpath=lab/tree/{name}.md"
        assert expected in html, f"{name}.html: no Binder link to {expected}"


def test_citations_are_round_bracketed_links_to_the_bibliography(built_book):
    html = (built_book / "book" / "sources.html").read_text(encoding="utf-8")
    link = r'<a class="reference internal" href="bibliography.html#[^"]+"[^>]*>{}</a>'
    assert re.search(r"\(" + link.format("Kobie, 2019") + r"\)", html), "(Kobie, 2019) is not linked"
    assert re.search(link.format(r"RADII, \[2019\]"), html), "inferred years are not shown in square brackets"
