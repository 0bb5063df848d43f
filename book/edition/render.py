"""How charts are shown.

In the book build, charts are rendered offline: the output carries the chart's
Vega spec (compiled from Altair's Vega-Lite at build time and drawn
interactively in the reader's browser by a bundle served with the book), a
static SVG of the chart, and a text description for screen readers. The book's
Sphinx extension sets ``EDITION_BOOK_BUILD``, so the kernels it starts use this
renderer; the extension then moves the static SVG into its own file behind
<noscript>, so only readers without JavaScript download it.

Everywhere else (JupyterLab, Binder, a plain kernel), Altair's own default
renderer is left in place, so readers get its normal interactive output.
"""
from __future__ import annotations

import hashlib
import html
import json
import os

import altair as alt
import pandas as pd
import vl_convert

ENV_VAR = "EDITION_BOOK_BUILD"
RENDERER = "edition-book"
VL_VERSION = "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])

STATIC_WIDTH = 640  # width of the static SVG when the chart fills its container

_FIGURE = """<figure class="edition-chart" id="chart-{id}">
<div class="edition-chart__static">{svg}</div>
<div class="edition-chart__view" aria-describedby="chart-{id}-description"></div>
<script type="application/json" class="edition-chart__spec">{spec}</script>
<figcaption id="chart-{id}-description" class="edition-chart__description visually-hidden">{description}</figcaption>
</figure>"""


class ChartError(ValueError):
    """A chart that cannot be published as it stands."""


def describe(spec: dict) -> str:
    """The chart's text description; every published chart must have one."""
    description = spec.get("description")
    if not description:
        title = spec.get("title")
        name = title.get("text") if isinstance(title, dict) else title
        raise ChartError(
            f"chart {name!r} has no description: pass description=... to the chart "
            "(a sentence a screen reader can read instead of the picture)"
        )
    return str(description)


def static_svg(spec: dict, description: str) -> str:
    """The chart as an SVG image, labelled with its description."""
    if spec.get("width") == "container":
        spec = {**spec, "width": STATIC_WIDTH}
    svg = vl_convert.vegalite_to_svg(spec, vl_version=VL_VERSION)
    label = html.escape(description, quote=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def browser_spec(spec: dict) -> dict:
    """The Vega spec the reader's browser draws, compiled from the Vega-Lite spec here.

    Compiling at build time spares every reader's browser that step (about 150 ms on
    the heaviest pages, measured on the development machine); the drawn chart is
    the same, in light and in dark mode.
    """
    return vl_convert.vegalite_to_vega(spec, vl_version=VL_VERSION)


def _json(spec: dict) -> str:
    return json.dumps(spec, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def book_renderer(spec: dict, **metadata) -> dict[str, str]:
    """Altair renderer for the built book: static SVG + Vega spec + description."""
    description = describe(spec)
    chart_id = hashlib.sha1(_json(spec).encode("utf-8")).hexdigest()[:12]
    # "<" is escaped so the spec cannot close its <script> element early.
    figure = _FIGURE.format(
        id=chart_id,
        svg=static_svg(spec, description),
        spec=_json(browser_spec(spec)).replace("<", "\\u003c"),
        description=html.escape(description),
    )
    return {"text/html": figure, "text/plain": description}


def activate() -> None:
    """Use the book renderer when the book is being built; leave Altair's default otherwise."""
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, book_renderer)
    if os.environ.get(ENV_VAR):
        alt.renderers.enable(RENDERER)


def data_table(frame: pd.DataFrame, summary: str = "Show the data behind this chart") -> str:
    """A collapsible HTML table of the data behind a chart."""
    table = frame.to_html(index=False, border=0, classes="edition-data__table", escape=True)
    return (
        f'<details class="edition-data"><summary>{html.escape(summary)}</summary>'
        f'<div class="edition-data__scroll">{table}</div></details>'
    )


def table(frame: pd.DataFrame, links: dict[str, str] | None = None):
    """A plain HTML table (no index); ``links`` maps a column to an href template such as "data/{}"."""
    links = links or {}
    shown = frame.astype(str).map(html.escape)
    for column, template in links.items():
        shown[column] = [f'<a href="{html.escape(template.format(v))}">{html.escape(v)}</a>' for v in frame[column].astype(str)]
    return HTML(shown.to_html(index=False, border=0, classes="edition-data__table", escape=False))


class HTML:
    """Markup shown as HTML in the book and in Jupyter."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return f'<div class="edition-output">{self.markup}</div>'


def downloads(package: dict) -> HTML:
    """Links to the zip of the whole dataset and to its descriptor."""
    archive = f"scs-edition-data-{package['version']}.zip"
    return HTML(
        f'<p>All tables with their descriptor: <a href="data/{archive}">{archive}</a>. '
        'The descriptor alone: <a href="data/datapackage.json">datapackage.json</a>.</p>'
    )


def stance_codebook(resource: dict, stances: pd.DataFrame) -> HTML:
    """The stance codes with the general coding procedure above them."""
    return HTML(f"<p>{html.escape(resource['description'])}</p>" + table(stances).markup)


def column_codebooks(package: dict, codebook) -> HTML:
    """One collapsible codebook per table: its columns, types, meanings and allowed values."""
    parts = []
    for entry in package["resources"]:
        summary = f"<code>{entry['path']}</code>: {html.escape(entry['description'])}"
        parts.append(
            f'<details class="edition-data" id="table-{entry["name"]}"><summary>{summary}</summary>'
            f"{table(codebook(entry['name'])).markup}</details>"
        )
    return HTML("".join(parts))


def discrepancy_notes(discrepancies: pd.DataFrame) -> "Markdown":
    """The critical notes as MyST: one labelled note per disagreement, so chapters can {ref} it."""
    from IPython.display import Markdown

    notes = []
    for row in discrepancies.itertuples(index=False):
        notes.append(
            f"({row.id})=\n### {row.topic}\n\n"
            f"- {row.claim_a} {{cite:p}}`{row.source_a}` ({row.locator_a})\n"
            f"- {row.claim_b} {{cite:p}}`{row.source_b}` ({row.locator_b})\n\n"
            f"**{'The edition reads' if row.status == 'resolved' else 'Open'}:** {row.resolution}\n"
        )
    return Markdown("\n".join(notes))


def dataset_citation(package: dict) -> str:
    """How to cite the dataset and its licence, from the datapackage descriptor."""
    authors = "; ".join(c["title"] for c in package["contributors"])
    year = package["created"][:4]
    licence = package["licenses"][0]
    return (
        f"<p>{html.escape(authors)} ({year}). <em>{html.escape(package['title'])}</em> "
        f"(version {html.escape(package['version'])}) [Data set]. {html.escape(package['homepage'])}</p>"
        f'<p>Licence: <a href="{licence["path"]}">{html.escape(licence["title"])}</a> ({licence["name"]}). '
        "Credit the editors, link to the licence and say what you changed.</p>"
    )


def show(chart: alt.TopLevelMixin, table: pd.DataFrame | None = None, summary: str | None = None):
    """Display a chart and, beneath it, a collapsible table of the same data."""
    from IPython.display import display

    display(chart)
    if table is not None:
        display(HTML(data_table(table, summary or "Show the data behind this chart")))
