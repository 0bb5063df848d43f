"""Chart builders: each takes a tidy DataFrame and returns an Altair chart.

Every chart states its finding in the title, names its sources in the
subtitle, carries a description for screen readers, and shows the source and
locator of each mark in its tooltip.
"""
from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from edition import theme  # noqa: F401  (registers and enables the edition theme)

_PERIOD = {"day": "D", "month": "M", "year": "Y"}
_TITLE_WIDTH = 60  # characters per title line, so titles wrap on narrow screens


def title(finding: str, sources: str) -> alt.Title:
    """A chart title that states the finding, and a subtitle naming the sources."""
    return alt.Title(textwrap.wrap(finding, _TITLE_WIDTH), subtitle=textwrap.wrap(sources, _TITLE_WIDTH + 20))


def date_span(dates: pd.Series, precision: pd.Series) -> pd.DataFrame:
    """First and last day a partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD) can mean."""
    periods = [pd.Period(d, freq=_PERIOD[p]) for d, p in zip(dates, precision)]
    return pd.DataFrame(
        {
            "earliest": [p.start_time.normalize() for p in periods],
            "latest": [p.end_time.normalize() for p in periods],
        },
        index=dates.index,
    )


def source_dates(sources: pd.DataFrame) -> alt.LayerChart:
    """When each source article appeared, with the uncertainty of its date.

    ``sources`` needs the columns key, outlet, date, precision, date_basis,
    date_note and locator (book/data/sources.csv).
    """
    frame = sources.join(date_span(sources["date"], sources["precision"]))
    years = frame["earliest"].dt.year
    inferred = int((frame["date_basis"] != "printed").sum())
    finding = (
        f"The {len(frame)} sources date from {years.min()} to {years.max()}; "
        f"{inferred} of their dates are not fully printed"
    )
    base = alt.Chart(frame).encode(
        y=alt.Y("outlet:N", title=None, sort=alt.EncodingSortField("earliest"), axis=alt.Axis(labelLimit=260)),
        tooltip=[
            alt.Tooltip("outlet:N", title="Outlet"),
            alt.Tooltip("date:N", title="Date"),
            alt.Tooltip("precision:N", title="Precision"),
            alt.Tooltip("date_basis:N", title="How the date is known"),
            alt.Tooltip("date_note:N", title="Note"),
            alt.Tooltip("key:N", title="Source"),
            alt.Tooltip("locator:N", title="Locator"),
        ],
    )
    span = base.mark_bar(height=10, opacity=0.45).encode(
        x=alt.X("earliest:T", title="Date of publication (a bar spans the period a date allows)"),
        x2="latest:T",
    )
    point = base.mark_point(size=110, filled=True).encode(
        x="earliest:T",
        shape=alt.Shape("date_basis:N", title="How the date is known"),
        color=alt.Color("date_basis:N", title="How the date is known"),
    )
    return (span + point).properties(
        title=title(finding, "Source: book/data/sources.csv (each article's byline, URL path or internal evidence)"),
        description=(
            f"{finding}. Each row is one source article; a bar spans the whole period a "
            "year-only or month-only date allows, and a point marks its start."
        ),
        width="container",
        height=34 * len(frame),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )
