"""The edition's Sphinx extension (listed in _config.yml, sphinx.extra_extensions).

1. Tells the chapters' kernels they run in the book build (edition.render).
2. Serves the chart bundle (Vega, Vega-Lite, Vega-Embed and our init code) from
   the book's own _static folder, built once by vl-convert and cached.
3. Re-executes chapters when the data or the helper package change: myst-nb's
   cache only notices changed code cells.
4. Removes sphinx-thebe's scripts (live code is off; they reference a CDN),
   gives the bibliography's citation list valid ARIA roles, and moves each
   chart's static SVG into its own file behind <noscript> (page weight).
5. Publishes the dataset: book/data's files (and a zip of them) are copied to
   the same relative place in the HTML, so "data/programmes.csv" works from a
   chapter in the built book as it does in the repository and in Binder.
6. Lets a fork set its repository URL with EDITION_REPOSITORY_URL.
7. Registers the citation style `author_year_round`: (Kobie, 2019), so that an
   inferred year reads (RADII, [2019]) rather than [RADII, [2019]].
8. Writes the version (from CITATION.cff) into every page footer, and
   Highwire Press citation_* and Open Graph meta tags into every page head,
   so reference managers capture a correct record (edition.citation).
9. Gives the page templates the filter `without_fontawesome_js` (used by
   book/_templates/layout.html): the theme loads Font Awesome's 1.5 MB script
   only so that books can add custom icons; the edition adds none, and the
   theme's icons are drawn by the web font its stylesheet already loads.
"""
from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import markupsafe
import sphinxcontrib.bibtex.plugin
import vl_convert
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from edition import citation
from edition.paths import BOOK, DATA, ROOT, STATIC
from edition.render import ENV_VAR

BUNDLE = "edition-charts.js"


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@dataclasses.dataclass
class RoundAuthorYearStyle(AuthorYearReferenceStyle):
    """Author-year citations in round brackets."""

    bracket_parenthetical: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_textual: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_author: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_label: BracketStyle = dataclasses.field(default_factory=_round)
    bracket_year: BracketStyle = dataclasses.field(default_factory=_round)


def _inputs() -> list[Path]:
    """Files every chapter's output may depend on besides its own code."""
    files = [p for p in DATA.rglob("*") if p.is_file()]
    files += [p for p in (BOOK / "edition").rglob("*") if p.is_file() and p.suffix in {".py", ".js"}]
    return sorted(files)


def _digest(files: list[Path]) -> str:
    h = hashlib.sha256()
    for path in files:
        h.update(str(path.relative_to(BOOK)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _build_dir(app) -> Path:
    return Path(app.outdir).resolve().parent


def _write_bundle(folder: Path) -> None:
    snippet = (STATIC / "charts.js").read_text(encoding="utf-8")
    key = hashlib.sha256(f"{vl_convert.__version__}\n{snippet}\nclassic".encode()).hexdigest()
    stamp = folder / f"{BUNDLE}.sha256"
    if (folder / BUNDLE).exists() and stamp.exists() and stamp.read_text() == key:
        return
    folder.mkdir(parents=True, exist_ok=True)
    bundle = vl_convert.javascript_bundle(snippet=snippet)
    # A function scope keeps the bundle's top-level names out of the page's globals.
    (folder / BUNDLE).write_text(f"(() => {{\n{bundle}\n}})();\n", encoding="utf-8")
    stamp.write_text(key)


def on_config_inited(app, config) -> None:
    folder = _build_dir(app) / ".edition-static"
    _write_bundle(folder)
    config.html_static_path = [*config.html_static_path, str(folder)]
    config.html_theme_options["extra_footer"] = f"<p>{citation.footer()}</p>"
    if os.environ.get("EDITION_REPOSITORY_URL"):
        config.html_theme_options["repository_url"] = os.environ["EDITION_REPOSITORY_URL"]


def on_source_read(app, docname, source) -> None:
    for path in _inputs():
        app.env.note_dependency(str(path))


def on_env_before_read_docs(app, env, docnames) -> None:
    """Empty myst-nb's execution cache when book/data or book/edition changed."""
    build = _build_dir(app)
    cache = Path(env.mystnb_config.execution_cache_path).resolve()
    if build not in cache.parents:  # never delete anything outside the build folder
        raise RuntimeError(f"refusing to clear {cache}: it is not inside {build}")
    stamp = build / "edition-inputs.sha256"
    digest = _digest(_inputs())
    if stamp.exists() and stamp.read_text() == digest:
        return
    if cache.is_dir():
        shutil.rmtree(cache)
    build.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)


def _is_thebe(script) -> bool:
    name = getattr(script, "filename", None) or str(script)
    body = getattr(script, "attributes", {}).get("body", "") or ""
    return "thebe" in name.lower() or "THEBE" in body


def page_title(app, pagename: str, context: dict) -> str:
    if pagename == app.config.root_doc:
        return citation.metadata()["title"]
    text = html.unescape(re.sub(r"<[^>]+>", "", context.get("title", ""))).strip()
    text = re.sub(r"^[0-9]+(\.[0-9]+)*\.\s+", "", text)  # the section number is presentation, not title
    return text or {"genindex": "Index", "search": "Search"}.get(pagename, pagename)


STATIC_CHART = re.compile(
    r'(<figure class="edition-chart" id="chart-([0-9a-f]+)">\s*)<div class="edition-chart__static">(<svg .*?</svg>)</div>', re.S
)


def move_static_charts(app, pagename: str, body: str) -> str:
    """Move each chart's static SVG out of the page into _images/charts/, behind <noscript>.

    Readers with JavaScript get the interactive chart and never download the picture;
    readers without it (and the script, if drawing fails) get the <img>.
    """
    folder = Path(app.outdir) / "_images" / "charts"
    prefix = "../" * pagename.count("/")

    def replace(match: re.Match) -> str:
        head, chart_id, svg = match.groups()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{chart_id}.svg").write_text(svg, encoding="utf-8")
        alt = re.search(r'aria-label="([^"]*)"', svg)
        size = re.search(r'<svg [^>]*?width="([0-9.]+)" height="([0-9.]+)"', svg)
        dims = f' width="{size.group(1)}" height="{size.group(2)}"' if size else ""
        image = f'<img class="edition-chart__static" src="{prefix}_images/charts/{chart_id}.svg" alt="{alt.group(1) if alt else ""}"{dims}>'
        return f"{head}<noscript>{image}</noscript>"

    return STATIC_CHART.sub(replace, body)


FONTAWESOME_JS = re.compile(r'\s*<script defer src="[^"]*/fontawesome\.js(\?[^"]*)?"></script>')


def without_fontawesome_js(markup: str) -> markupsafe.Markup:
    return markupsafe.Markup(FONTAWESOME_JS.sub("", str(markup)))


def on_builder_inited(app) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["without_fontawesome_js"] = without_fontawesome_js


def on_html_page_context(app, pagename, templatename, context, doctree) -> None:
    tags = citation.meta_tags(page_title(app, pagename, context), pagename, app.config.root_doc)
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<meta {attribute}="{name}" content="{html.escape(content, quote=True)}" />' for attribute, name, content in tags
    )
    if "body" in context:  # the citation list: role="list" needs role="listitem" children (doc-biblioentry is deprecated)
        context["body"] = move_static_charts(app, pagename, context["body"].replace('role="doc-biblioentry"', 'role="listitem"'))
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not _is_thebe(s)]
    if "css_files" in context:
        context["css_files"] = [c for c in context["css_files"] if "thebe" not in str(getattr(c, "filename", c))]


def publish_data(app, exception) -> None:
    """Copy the book's data folder into the built HTML, with a zip of the whole package."""
    relative = DATA.relative_to(ROOT)
    source = Path(app.srcdir).resolve() / relative  # the sources being built, which may be a copy
    if exception is not None or app.builder.format != "html" or not source.is_dir():
        return
    target = Path(app.outdir) / relative
    target.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in source.iterdir() if p.suffix in {".csv", ".json"})
    for path in files:
        shutil.copy2(path, target / path.name)
    version = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))["version"]
    archive = target / f"scs-edition-data-{version}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in files:
            bundle.write(path, f"scs-edition-data-{version}/{path.name}")


def setup(app):
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "author_year_round", RoundAuthorYearStyle
    )
    os.environ[ENV_VAR] = "1"
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("source-read", on_source_read)
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.connect("html-page-context", on_html_page_context)
    app.connect("build-finished", publish_data)
    app.add_js_file(BUNDLE, defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
