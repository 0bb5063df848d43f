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
from edition.theme import OKABE_ITO

_PERIOD = {"day": "D", "month": "M", "year": "Y"}
_TITLE_WIDTH = 60  # characters per title line, so titles wrap on narrow screens


def title(finding: str, sources: str) -> alt.Title:
    """A chart title that states the finding, and a subtitle naming the sources."""
    return alt.Title(
        textwrap.wrap(finding, _TITLE_WIDTH, break_on_hyphens=False),
        subtitle=textwrap.wrap(sources, _TITLE_WIDTH + 20, break_on_hyphens=False),
    )


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
        tooltip=source_tooltip(
            alt.Tooltip("outlet:N", title="Outlet"),
            alt.Tooltip("date:N", title="Date"),
            alt.Tooltip("precision:N", title="Precision"),
            alt.Tooltip("date_basis:N", title="How the date is known"),
            alt.Tooltip("date_note:N", title="Note"),
        ),
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


# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------

CLASSIFYING = ["operator", "level", "target", "component", "mechanism", "participation", "status", "method_public"]
CONSEQUENCES = ["data_inputs", "rewards", "sanctions", "redress"]
COMPARED = CLASSIFYING[:-2] + ["method_public"] + CONSEQUENCES  # codes used to measure similarity (not status)
STANCE_COLOURS = ["#2166ac", "#67a9cf", "#d1e5f0", "#bababa", "#fdb863", "#b2182b"]  # diverging, colour-blind safe
NOT_ESTABLISHED = "not established"


def source_tooltip(*extra: alt.Tooltip) -> list[alt.Tooltip]:
    """Tooltips that always end with the source and its locator."""
    return [*extra, alt.Tooltip("source:N", title="Source"), alt.Tooltip("locator:N", title="Locator")]


def names(programmes: pd.DataFrame) -> dict[str, str]:
    return dict(zip(programmes["id"], programmes["short_name"]))


def labels(vocabulary: pd.DataFrame) -> dict[tuple[str, str], str]:
    return {(f, v): lab for f, v, lab in zip(vocabulary["feature"], vocabulary["value"], vocabulary["label"])}


def evaluated(programmes: pd.DataFrame) -> pd.DataFrame:
    """Programmes that are not actors: schemes, policies and infrastructure."""
    return programmes[programmes["kind"] != "actor"]


def one_value(features: pd.DataFrame, feature: str) -> dict[str, str]:
    """Programme -> value of a single-valued feature."""
    rows = features[features["feature"] == feature]
    return dict(zip(rows["programme"], rows["value"]))


# ---------------------------------------------------------------------------
# Part I: the programmes
# ---------------------------------------------------------------------------

def feature_cells(features: pd.DataFrame, programmes: pd.DataFrame, vocabulary: pd.DataFrame) -> pd.DataFrame:
    """Programme x classifying feature, one row per cell: the value shown, or a gap, with its source."""
    label = labels(vocabulary)
    known = features[features["feature"].isin(CLASSIFYING)].set_index(["programme", "feature"])
    rows = []
    for pid, name, kind in evaluated(programmes)[["id", "short_name", "kind"]].itertuples(index=False):
        for feature in CLASSIFYING:
            if (pid, feature) in known.index:
                fact = known.loc[(pid, feature)]
                rows.append({"programme": name, "kind": kind, "feature": feature, "value": fact["value"],
                             "meaning": label[(feature, fact["value"])], "detail": fact["detail"],
                             "source": fact["source"], "locator": fact["locator"], "established": True})
            else:
                rows.append({"programme": name, "kind": kind, "feature": feature, "value": "—", "meaning": NOT_ESTABLISHED,
                             "detail": "", "source": "", "locator": "", "established": False})
    return pd.DataFrame(rows)


def feature_matrix(features: pd.DataFrame, programmes: pd.DataFrame, vocabulary: pd.DataFrame) -> alt.Chart:
    """Programmes (rows) by classifying features (columns); each cell's value, detail, source and locator."""
    cells = feature_cells(features, programmes, vocabulary)
    cells = cells[cells.groupby("programme")["established"].transform("any")]
    gaps = int((~cells["established"]).sum())
    operators = one_value(features, "operator")
    state = sum(1 for pid in evaluated(programmes)["id"] if operators.get(pid) == "state")
    finding = (f"{state} of the {cells['programme'].nunique()} programmes are run by the state; "
               f"{gaps} of {len(cells)} feature values are not established by the sources and are left blank")
    order = list(dict.fromkeys(cells.sort_values(["kind", "programme"])["programme"]))
    base = alt.Chart(cells).encode(
        x=alt.X("feature:N", sort=CLASSIFYING, title=None, axis=alt.Axis(orient="top", labelAngle=-30, labelLimit=120)),
        y=alt.Y("programme:N", sort=order, title=None, axis=alt.Axis(labelLimit=170)),
        tooltip=source_tooltip(alt.Tooltip("programme:N", title="Programme"), alt.Tooltip("feature:N", title="Feature"),
                               alt.Tooltip("meaning:N", title="Value"), alt.Tooltip("detail:N", title="Detail")),
    )
    fill = base.mark_rect(stroke="#999", strokeWidth=0.3).encode(
        color=alt.Color("established:N", scale=alt.Scale(domain=[True, False], range=["#d1e5f0", "transparent"]), legend=None)
    )
    text = base.mark_text(fontSize=9, limit=62).encode(text="value:N")
    return (fill + text).properties(
        title=title(finding, "Sources: features.csv (one cited row per value); hover over a cell for its source and locator"),
        description=f"{finding}. A table-like chart: each row is a programme, each column a feature, each cell the value the sources establish, or a dash.",
        width=alt.Step(66), height=alt.Step(20),
    )


def typology(features: pd.DataFrame, programmes: pd.DataFrame) -> pd.DataFrame:
    """Operator, mechanism and Daum's component of each programme that has the first two."""
    operators, mechanisms, components = (one_value(features, f) for f in ("operator", "mechanism", "component"))
    rows = []
    for pid, name in evaluated(programmes)[["id", "short_name"]].itertuples(index=False):
        if pid in operators and pid in mechanisms:
            fact = features[(features["programme"] == pid) & (features["feature"] == "mechanism")].iloc[0]
            rows.append({"programme": name, "operator": operators[pid], "mechanism": mechanisms[pid],
                         "component": components.get(pid, "not coded"), "source": fact["source"], "locator": fact["locator"]})
    frame = pd.DataFrame(rows)
    frame["slot"] = frame.groupby(["operator", "mechanism"]).cumcount()
    return frame


MECHANISMS = ["score", "rating", "list", "record", "platform", "identifier", "agreement", "plan"]
COMPONENTS = ["financial", "regulatory", "educational", "not coded"]


def named_grid(frame: pd.DataFrame, column: str, column_order: list[str], column_title: str, tooltip: list) -> alt.FacetChart:
    """Programmes named in a grid: one facet row per mechanism, columns by ``column``; each cell lists its programmes."""
    frame = frame.assign(slot=frame.groupby(["mechanism", column]).cumcount())
    base = alt.Chart(frame).encode(
        x=alt.X(f"{column}:N", sort=column_order, title=column_title, scale=alt.Scale(domain=column_order),
                axis=alt.Axis(orient="top", labelAngle=0, grid=False, domain=False, ticks=False)),
        y=alt.Y("slot:O", axis=None),
        tooltip=tooltip,
    )
    marker = base.mark_point(filled=True, size=55, xOffset=-88).encode(
        color=alt.Color("component:N", title="Daum's component", scale=alt.Scale(domain=COMPONENTS, range=[OKABE_ITO[1], OKABE_ITO[0], OKABE_ITO[2], "#bbbbbb"])),
        shape=alt.Shape("component:N", title="Daum's component", scale=alt.Scale(domain=COMPONENTS, range=["diamond", "square", "triangle-up", "circle"])),
    )
    text = base.mark_text(align="left", xOffset=-80, fontSize=10, limit=168).encode(text="programme:N")
    return (marker + text).properties(width=alt.Step(190), height=alt.Step(16)).facet(
        row=alt.Row("mechanism:N", sort=[m for m in MECHANISMS if m in set(frame["mechanism"])], title=None,
                    header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold", labelPadding=8)),
        spacing=10,
    ).resolve_scale(y="independent")


def typology_grid(features: pd.DataFrame, programmes: pd.DataFrame) -> alt.FacetChart:
    """Operator x mechanism, each programme named in its cell and marked by Daum's component."""
    frame = typology(features, programmes)
    lists = frame[frame["mechanism"] == "list"]
    scores = frame[frame["mechanism"] == "score"]
    finding = (f"All {len(lists)} lists are run by the state" if (lists["operator"] == "state").all() else f"{len(lists)} lists")
    levels = one_value(features, "level")
    local = {"municipal", "county", "village", "provincial"}
    state_scores = [levels.get(pid) for pid, name in evaluated(programmes)[["id", "short_name"]].itertuples(index=False)
                    if name in set(scores.loc[scores["operator"] == "state", "programme"])]
    whose = "local governments'" if state_scores and all(level in local for level in state_scores) else "the state's"
    finding += (f"; of {len(scores)} scores, {int((scores['operator'] == 'private').sum())} are companies' "
                f"and {len(state_scores)} are {whose}")
    tooltip = source_tooltip(alt.Tooltip("programme:N", title="Programme"), alt.Tooltip("operator:N", title="Operator"),
                             alt.Tooltip("mechanism:N", title="Mechanism"), alt.Tooltip("component:N", title="Daum's component"))
    return named_grid(frame, "operator", ["state", "hybrid", "private"], "Operator", tooltip).properties(
        title=title(finding, "Sources: features.csv (operator, mechanism, component), radii2019blackmirror for the components"),
        description=f"{finding}. A grid of operator (columns) by mechanism (rows); each programme is named in its cell, marked by the component Daum assigns it where a source does.",
    )


def rewards_and_sanctions(features: pd.DataFrame, programmes: pd.DataFrame, vocabulary: pd.DataFrame) -> alt.Chart:
    """Rewards (left) and sanctions (right) each programme is recorded to apply."""
    label, name = labels(vocabulary), names(programmes)
    rows = features[features["feature"].isin(["rewards", "sanctions"]) & (features["value"] != "none")]
    frame = pd.DataFrame({
        "programme": rows["programme"].map(name), "side": rows["feature"],
        "consequence": [label[(f, v)] for f, v in zip(rows["feature"], rows["value"])],
        "count": [-1 if f == "rewards" else 1 for f in rows["feature"]],
        "detail": rows["detail"], "source": rows["source"], "locator": rows["locator"],
    })
    per = frame.groupby(["programme", "side"]).size().unstack(fill_value=0)
    both = per[(per.get("rewards", 0) > 0) & (per.get("sanctions", 0) > 0)].index.tolist()
    top = per["sanctions"].idxmax()
    finding = (f"{top} carries the most sanctions ({per.loc[top, 'sanctions']}); "
               f"{len(both)} of {len(per)} programmes are recorded with both rewards and sanctions")
    return alt.Chart(frame).mark_bar(stroke="white", strokeWidth=1).encode(
        x=alt.X("sum(count):Q", title="← rewards (count)   |   sanctions (count) →", axis=alt.Axis(labelExpr="abs(datum.value)")),
        y=alt.Y("programme:N", title=None, sort=alt.EncodingSortField("count", op="sum", order="descending"), axis=alt.Axis(labelLimit=230)),
        color=alt.Color("side:N", title=None, scale=alt.Scale(domain=["rewards", "sanctions"], range=[OKABE_ITO[0], OKABE_ITO[3]])),
        opacity=alt.value(0.85),
        tooltip=source_tooltip(alt.Tooltip("programme:N", title="Programme"), alt.Tooltip("side:N", title="Kind"),
                               alt.Tooltip("consequence:N", title="Consequence"), alt.Tooltip("detail:N", title="Detail")),
    ).properties(
        title=title(finding, "Source: features.csv (rewards and sanctions; one block per recorded consequence)"),
        description=f"{finding}. Horizontal bars per programme: rewards to the left of zero, sanctions to the right, one block per consequence recorded in the sources.",
        width="container", height=alt.Step(18), autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )


def defaulter_series(statistics: pd.DataFrame) -> pd.DataFrame:
    """Cumulative figures of the court's defaulter list, split by what is counted."""
    rows = statistics[(statistics["programme"] == "spc-defaulter-list") & (statistics["period"] == "cumulative")
                      & statistics["measure"].isin(["persons-listed", "flight-purchases-restricted", "train-purchases-restricted"])].copy()
    rows["when"] = date_span(rows["date"], rows["precision"])["latest"]
    rows["millions"] = rows["value"] / 1e6
    rows["panel"] = rows["unit"].map({"persons": "People on the list (persons)", "instances": "Ticket purchases blocked (instances, not people)"})
    rows["measure"] = rows["measure"].map({"persons-listed": "people listed", "flight-purchases-restricted": "plane tickets",
                                           "train-purchases-restricted": "train tickets"})
    return rows


def defaulter_figures(statistics: pd.DataFrame) -> alt.VConcatChart:
    """The defaulter list in numbers: people listed, and ticket purchases blocked, in separate panels."""
    frame = defaulter_series(statistics)
    people = frame[frame["unit"] == "persons"].sort_values("when")
    last = people.iloc[-1]
    qualifier = {"more-than": "more than ", "nearly": "nearly ", "about": "about ", "exact": ""}[last["qualifier"]]
    finding = (f"By {last['when']:%B %Y}, {qualifier}{last['millions']:.1f} million people were on the court's defaulter list; "
               "ticket figures count blocked purchases, not people")

    def panel(unit: str, height: int) -> alt.LayerChart:
        data = frame[frame["unit"] == unit]
        base = alt.Chart(data).encode(
            x=alt.X("when:T", title=None, axis=alt.Axis(format="%b %Y", tickCount=6),
                    scale=alt.Scale(domain=[frame["when"].min(), frame["when"].max()])),
            y=alt.Y("millions:Q", title="millions"),
            color=alt.Color("measure:N", title="What is counted", scale=alt.Scale(domain=["people listed", "plane tickets", "train tickets"], range=[OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2]])),
            shape=alt.Shape("measure:N", title="What is counted", scale=alt.Scale(domain=["people listed", "plane tickets", "train tickets"], range=["circle", "triangle-up", "square"])),
            tooltip=source_tooltip(alt.Tooltip("measure:N", title="Measure"), alt.Tooltip("date:N", title="As of"),
                                   alt.Tooltip("value:Q", title="Value", format=","), alt.Tooltip("qualifier:N", title="Outlet's wording"),
                                   alt.Tooltip("note:N", title="Note")),
        )
        return (base.mark_line(opacity=0.4) + base.mark_point(size=70, filled=True)).properties(
            title=data["panel"].iloc[0], width=560, height=height)

    return alt.vconcat(panel("persons", 150), panel("instances", 190)).properties(
        title=title(finding, "Sources: statistics.csv (cumulative figures reported by Chinese state media from court statements)"),
        description=f"{finding}. Two panels over time: the number of people on the list, and, separately, the number of plane and train ticket purchases blocked.",
    ).resolve_scale(color="shared", shape="shared")


# ---------------------------------------------------------------------------
# Part I: overlaps and data flows
# ---------------------------------------------------------------------------

def codes(features: pd.DataFrame, kinds: list[str]) -> pd.DataFrame:
    """(programme, code) pairs for the given features, without 'none' values."""
    rows = features[features["feature"].isin(kinds) & (features["value"] != "none")]
    return pd.DataFrame({"programme": rows["programme"], "code": rows["feature"] + ":" + rows["value"]})


def shared_feature_sets(features: pd.DataFrame, programmes: pd.DataFrame, vocabulary: pd.DataFrame) -> pd.DataFrame:
    """UpSet intersections: each group of programmes that shares exactly the same consequence and input codes."""
    label, name = labels(vocabulary), names(programmes)
    rows_of = features[features["feature"].isin(CONSEQUENCES) & (features["value"] != "none")]
    pairs = codes(features, CONSEQUENCES)
    groups = pairs.groupby("code")["programme"].apply(lambda p: tuple(sorted(p)))
    groups = groups[groups.map(len) >= 2]
    rows = []
    for members, shared in groups.groupby(groups):
        code_labels = sorted(label[tuple(c.split(":", 1))] for c in shared.index)
        facts = rows_of[rows_of["programme"].isin(members) & (rows_of["feature"] + ":" + rows_of["value"]).isin(shared.index)]
        key = " + ".join(name[m] for m in members)
        for member in members:
            rows.append({"group": key, "programme": name[member], "size": len(members), "shared": len(code_labels),
                         "codes": "; ".join(code_labels), "source": "; ".join(sorted(set(facts["source"]))),
                         "locator": "the features rows of these programmes for: " + "; ".join(code_labels)})
    return pd.DataFrame(rows)


def upset(features: pd.DataFrame, programmes: pd.DataFrame, vocabulary: pd.DataFrame) -> alt.VConcatChart:
    """UpSet-style view: bars count the features each group of programmes shares exactly; dots show the group."""
    frame = shared_feature_sets(features, programmes, vocabulary)
    groups = frame.drop_duplicates("group").sort_values(["shared", "size"], ascending=False)
    top = groups.iloc[0]
    finding = f"The largest shared set: {top['group']} share {top['shared']} features ({top['codes']})"
    order = list(groups["group"])
    x = alt.X("group:N", sort=order, axis=None)
    tips = source_tooltip(alt.Tooltip("group:N", title="Programmes"), alt.Tooltip("shared:Q", title="Shared features"),
                          alt.Tooltip("codes:N", title="Which"))
    bars = alt.Chart(frame).mark_bar(color=OKABE_ITO[0]).encode(
        x=x, y=alt.Y("max(shared):Q", title="shared features"), tooltip=tips).properties(height=120, width=alt.Step(26))
    programmes_in = sorted(frame["programme"].unique())
    dots = alt.Chart(frame).mark_circle(size=90, color="#333", opacity=1).encode(
        x=x, y=alt.Y("programme:N", sort=programmes_in, title=None, axis=alt.Axis(labelLimit=230)), tooltip=tips)
    ends = frame.groupby("group")["programme"].agg(first="min", last="max").reset_index()
    lines = alt.Chart(ends).mark_rule(strokeWidth=2, color="#333").encode(
        x=x, y=alt.Y("first:N", sort=programmes_in), y2="last:N")
    return alt.vconcat(bars, (lines + dots).properties(width=alt.Step(26), height=alt.Step(18)), spacing=4).properties(
        title=title(finding, "Source: features.csv (data inputs, rewards, sanctions, redress); a column is a group of programmes"),
        description=f"{finding}. An UpSet chart: each column is a group of two or more programmes; the bar counts the features all of them share and no other programme has; dots below mark the group's members.",
    )


def similarity_pairs(features: pd.DataFrame, programmes: pd.DataFrame) -> pd.DataFrame:
    """Jaccard similarity of every pair of schemes over their feature codes."""
    name = names(programmes)
    schemes = programmes.loc[programmes["kind"] == "scheme", "id"]
    pairs = codes(features[features["programme"].isin(schemes)], COMPARED)
    sets = pairs.groupby("programme")["code"].apply(set)
    rows = []
    for a in sets.index:
        for b in sets.index:
            union = sets[a] | sets[b]
            shared = sets[a] & sets[b]
            rows.append({"a": name[a], "b": name[b], "jaccard": round(len(shared) / len(union), 2) if union else 0.0,
                         "shared": len(shared), "either": len(union), "source": "features.csv", "locator": f"rows of {a} and {b}"})
    return pd.DataFrame(rows)


def similarity_heatmap(features: pd.DataFrame, programmes: pd.DataFrame) -> alt.Chart:
    """How alike the schemes are: Jaccard index of their feature codes."""
    frame = similarity_pairs(features, programmes)
    others = frame[frame["a"] < frame["b"]].sort_values("jaccard", ascending=False)
    best = others.iloc[0]
    finding = f"Most alike: {best['a']} and {best['b']} (Jaccard {best['jaccard']:.2f})"
    order = sorted(frame["a"].unique())
    base = alt.Chart(frame).encode(
        x=alt.X("a:N", sort=order, title=None, axis=alt.Axis(labelAngle=-45, labelLimit=160)),
        y=alt.Y("b:N", sort=order, title=None, axis=alt.Axis(labelLimit=180)),
        tooltip=source_tooltip(alt.Tooltip("a:N", title="Programme"), alt.Tooltip("b:N", title="Compared with"),
                               alt.Tooltip("jaccard:Q", title="Jaccard index"), alt.Tooltip("shared:Q", title="Shared codes"),
                               alt.Tooltip("either:Q", title="Codes either has")),
    )
    heat = base.mark_rect().encode(color=alt.Color("jaccard:Q", title="Jaccard index", scale=alt.Scale(scheme="viridis", domain=[0, 1])))
    text = base.mark_text(fontSize=8).encode(
        text=alt.Text("jaccard:Q", format=".1f"),
        color=alt.condition(alt.datum.jaccard > 0.5, alt.value("black"), alt.value("white")),
    ).transform_filter(alt.datum.jaccard > 0)
    return (heat + text).properties(
        title=title(finding, "Jaccard index = codes two schemes share / codes either has (operator, level, target, component, mechanism, participation, method, inputs, rewards, sanctions, redress). Source: features.csv"),
        description=f"{finding}. A heatmap of every pair of schemes, coloured and labelled by how many of their recorded feature codes they share, as a share of the codes either has.",
        width=alt.Step(19), height=alt.Step(19),
    )


def network_layout(links: pd.DataFrame, programmes: pd.DataFrame, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node positions (networkx spring layout, fixed seed) and the edges between them."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for row in links.itertuples(index=False):
        graph.add_edge(row[0], row[1], kind=row.kind)
    position = nx.spring_layout(nx.Graph(graph), seed=seed, k=1.4, iterations=200)
    name = names(programmes)
    about = programmes.set_index("id")[["kind", "source", "locator"]]
    nodes = pd.DataFrame([{"id": n, "name": name[n], **about.loc[n].to_dict(), "links": graph.degree(n),
                           "x": position[n][0], "y": position[n][1]} for n in graph.nodes])
    edges = links.assign(
        x=links["from"].map(lambda n: position[n][0]), y=links["from"].map(lambda n: position[n][1]),
        x2=links["to"].map(lambda n: position[n][0]), y2=links["to"].map(lambda n: position[n][1]),
        from_name=links["from"].map(name), to_name=links["to"].map(name),
    )
    return nodes, edges


def link_network(links: pd.DataFrame, programmes: pd.DataFrame) -> alt.LayerChart:
    """Who shares data with, sanctions through, licenses, owns or partners with whom."""
    nodes, edges = network_layout(links, programmes)
    most = nodes["links"].max()
    hubs = " and ".join(sorted(nodes.loc[nodes["links"] == most, "name"]))
    flows = int(edges["kind"].isin(["shares-data-with", "sanctions-through"]).sum())
    finding = (f"{hubs} {'is' if ' and ' not in hubs else 'are'} the most connected ({most} links each); "
               f"data and sanctions flow along {flows} of {len(edges)} links")
    kinds = sorted(edges["kind"].unique())
    axis = alt.Axis(title=None, labels=False, ticks=False, domain=False, grid=False)
    lines = alt.Chart(edges).mark_rule(strokeWidth=1.6, opacity=0.7).encode(
        x=alt.X("x:Q", axis=axis), y=alt.Y("y:Q", axis=axis), x2="x2:Q", y2="y2:Q",
        color=alt.Color("kind:N", title="Link", scale=alt.Scale(domain=kinds, range=(OKABE_ITO * 2)[: len(kinds)])),
        strokeDash=alt.StrokeDash("kind:N", title="Link", scale=alt.Scale(domain=kinds)),
        tooltip=source_tooltip(alt.Tooltip("from_name:N", title="From"), alt.Tooltip("kind:N", title="Link"),
                               alt.Tooltip("to_name:N", title="To"), alt.Tooltip("detail:N", title="Detail")),
    )
    node_tips = source_tooltip(alt.Tooltip("name:N", title="Programme or actor"), alt.Tooltip("kind:N", title="Kind"),
                               alt.Tooltip("links:Q", title="Links"))
    points = alt.Chart(nodes).mark_point(filled=True, size=90, color="#333").encode(
        x="x:Q", y="y:Q", shape=alt.Shape("kind:N", title="Node"), tooltip=node_tips)
    text = alt.Chart(nodes).mark_text(dy=-9, fontSize=9, limit=140).encode(x="x:Q", y="y:Q", text="name:N", tooltip=node_tips)
    return (lines + points + text).properties(
        title=title(finding, "Source: links.csv (node positions: networkx spring layout, seed 7; distance carries no meaning)"),
        description=f"{finding}. A network of programmes and actors; each line is one sourced relation, styled by kind.",
        width=680, height=600,
    )


# ---------------------------------------------------------------------------
# Part I: timeline
# ---------------------------------------------------------------------------

ACTORS = ["central-state", "local-state", "court", "company", "foreign", "press"]


def timeline(events: pd.DataFrame) -> alt.LayerChart:
    """Dated events by type of actor; a bar spans the period a month- or year-only date allows."""
    frame = events.join(date_span(events["date"], events["precision"]))
    vague = int((frame["precision"] != "day").sum())
    finding = (f"{len(frame)} dated events from {frame['earliest'].dt.year.min()} to {frame['latest'].dt.year.max()}; "
               f"{vague} are dated only to the month or year")
    base = alt.Chart(frame).encode(
        y=alt.Y("actor_type:N", sort=ACTORS, title=None),
        tooltip=source_tooltip(alt.Tooltip("date:N", title="Date"), alt.Tooltip("precision:N", title="Precision"),
                               alt.Tooltip("event:N", title="Event"), alt.Tooltip("actor_type:N", title="Actor")),
    )
    span = base.mark_bar(height=12, opacity=0.3, color=OKABE_ITO[0]).encode(x=alt.X("earliest:T", title=None, axis=alt.Axis(format="%Y")), x2="latest:T")
    point = base.mark_point(size=55, opacity=0.85, filled=True).encode(
        x="earliest:T",
        shape=alt.Shape("precision:N", title="Date known to the", sort=["day", "month", "year"], scale=alt.Scale(domain=["day", "month", "year"], range=["circle", "square", "triangle-up"])),
        color=alt.Color("precision:N", title="Date known to the", sort=["day", "month", "year"], scale=alt.Scale(domain=["day", "month", "year"], range=[OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[3]])),
    )
    return (span + point).properties(
        title=title(finding, "Source: events.csv (hover over a mark for the event, its source and locator)"),
        description=f"{finding}. A timeline with one row per type of actor; points mark events, and bars show the whole period of a date known only to the month or year.",
        width="container", height=alt.Step(40), autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )


# ---------------------------------------------------------------------------
# Part III: the experts' stances
# ---------------------------------------------------------------------------

def stance_cells(positions: pd.DataFrame, experts: pd.DataFrame, questions: pd.DataFrame, stances: pd.DataFrame) -> pd.DataFrame:
    """Positions with their expert's name, question title and stance label; slot separates positions in one cell."""
    frame = positions.merge(experts[["id", "name"]].rename(columns={"id": "expert", "name": "expert_name"}), on="expert")
    frame = frame.merge(questions[["id", "number", "title"]].rename(columns={"id": "question", "title": "question_title"}), on="question")
    frame = frame.merge(stances[["code", "order", "label"]].rename(columns={"code": "stance", "label": "stance_label"}), on="stance")
    frame["question_label"] = frame["number"].astype(int).astype(str) + ". " + frame["question"]
    frame["mark"] = frame["stance_label"].str[0]
    frame["slot"] = frame.groupby(["expert", "question"]).cumcount()
    return frame


def stance_map(positions: pd.DataFrame, experts: pd.DataFrame, questions: pd.DataFrame, stances: pd.DataFrame) -> alt.LayerChart:
    """Experts (rows) by debate questions (columns): one square per position, coloured and lettered by stance."""
    frame = stance_cells(positions, experts, questions, stances)
    counts = frame.groupby("expert_name")["order"].agg(["count", "mean"])
    critical, favourable = counts["mean"].idxmax(), counts["mean"].idxmin()
    finding = (f"{len(frame)} positions on {frame['question'].nunique()} questions; the most critical profile is "
               f"{critical}'s, the most favourable {favourable}'s")
    order = stances.sort_values("order")
    base = alt.Chart(frame).encode(
        y=alt.Y("question_label:N", title=None, sort=alt.EncodingSortField("number", op="min"), axis=alt.Axis(labelLimit=170, grid=False)),
        x=alt.X("expert_name:N", title=None, sort=list(experts["name"]), axis=alt.Axis(orient="top", labelAngle=-40, labelLimit=130, grid=False)),
        xOffset=alt.XOffset("slot:O"),
        tooltip=source_tooltip(alt.Tooltip("expert_name:N", title="Expert"), alt.Tooltip("question_title:N", title="Question"),
                               alt.Tooltip("stance_label:N", title="Stance"), alt.Tooltip("summary:N", title="Position"),
                               alt.Tooltip("quote:N", title="Quotation"), alt.Tooltip("quote_by:N", title="Words of")),
    )
    squares = base.mark_square(size=150, opacity=1).encode(
        color=alt.Color("stance_label:N", title="Stance (letter in each square)", sort=list(order["label"]),
                        scale=alt.Scale(domain=list(order["label"]), range=STANCE_COLOURS),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=200, titleLimit=300)))
    letters = base.mark_text(fontSize=8, fontWeight="bold").encode(
        text="mark:N", color=alt.condition("datum.order == 1 || datum.order == 6", alt.value("white"), alt.value("black")))
    return (squares + letters).properties(
        title=title(finding, "Sources: positions.csv, coded with the stance codebook (stances.csv); hover for the summary, quotation and locator"),
        description=f"{finding}. A grid of the debate questions (rows) against the nine experts (columns); each square is one recorded position, coloured and lettered by its stance code.",
        width=alt.Step(15), height=alt.Step(24),
    )


def stance_spread(positions: pd.DataFrame, questions: pd.DataFrame, stances: pd.DataFrame) -> alt.Chart:
    """For each question, how the recorded positions divide across the stance scale."""
    frame = positions.merge(questions[["id", "number", "title"]].rename(columns={"id": "question"}), on="question")
    frame = frame.merge(stances[["code", "order", "label"]].rename(columns={"code": "stance"}), on="stance")
    frame["question_label"] = frame["number"].astype(int).astype(str) + ". " + frame["title"]
    spread = frame.groupby("question_label")["order"].agg(lambda s: s.max() - s.min())
    widest = spread[spread == spread.max()].index.tolist()
    span = f"{spread.max()} steps of the {len(stances)}-point scale"
    topic = lambda label: "“" + label.split(". ", 1)[1] + "”"  # noqa: E731
    finding = (f"Stances range furthest apart ({span}) on the question {topic(widest[0])}" if len(widest) == 1
               else f"Stances range furthest apart ({span}) on {len(widest)} questions, among them {topic(widest[0])}")
    order = stances.sort_values("order")
    return alt.Chart(frame).mark_bar(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("count():Q", title="positions"),
        y=alt.Y("question_label:N", title=None, sort=alt.EncodingSortField("number", op="min"), axis=alt.Axis(labelLimit=330)),
        color=alt.Color("label:N", title="Stance", sort=list(order["label"]), scale=alt.Scale(domain=list(order["label"]), range=STANCE_COLOURS),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=200)),
        order=alt.Order("order:Q"),
        tooltip=source_tooltip(alt.Tooltip("title:N", title="Question"), alt.Tooltip("expert:N", title="Expert"),
                               alt.Tooltip("label:N", title="Stance"), alt.Tooltip("summary:N", title="Position")),
    ).properties(
        title=title(finding, "Sources: positions.csv and stances.csv; each block is one position, ordered from most favourable to most critical"),
        description=f"{finding}. Stacked bars, one per debate question, dividing its positions by stance from most favourable to most critical.",
        width="container", height=alt.Step(20), autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )


# ---------------------------------------------------------------------------
# Part III: Western analogues
# ---------------------------------------------------------------------------

def mechanism_comparison(analogues: pd.DataFrame, features: pd.DataFrame, programmes: pd.DataFrame) -> alt.Chart:
    """How many Chinese schemes and how many Western analogues work by each mechanism."""
    schemes = set(programmes.loc[programmes["kind"] == "scheme", "id"])
    chinese = features[(features["feature"] == "mechanism") & features["programme"].isin(schemes)]
    name = names(programmes)
    rows = [{"side": "Chinese schemes", "mechanism": m, "source": s, "locator": l, "item": name[p]}
            for m, s, l, p in zip(chinese["value"], chinese["source"], chinese["locator"], chinese["programme"])]
    practice = analogues[analogues["mechanism"] != "fiction"]
    rows += [{"side": "Western analogues", "mechanism": m, "source": s, "locator": l, "item": n}
             for m, s, l, n in zip(practice["mechanism"], practice["source"], practice["locator"], practice["name"])]
    frame = (pd.DataFrame(rows).groupby(["side", "mechanism"])
             .agg(count=("item", "size"), items=("item", "; ".join),
                  source=("source", lambda s: "; ".join(sorted(set(s)))), locator=("locator", lambda s: "; ".join(sorted(set(s)))))
             .reset_index())
    both = sorted(set(frame.loc[frame["side"] == "Chinese schemes", "mechanism"]) & set(frame.loc[frame["side"] == "Western analogues", "mechanism"]))
    finding = f"Chinese schemes and their Western analogues share {len(both)} mechanisms ({', '.join(both)}); fiction is left out"
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("count:Q", title="number"),
        y=alt.Y("mechanism:N", title=None, sort=alt.EncodingSortField("count", op="sum", order="descending")),
        yOffset=alt.YOffset("side:N"),
        color=alt.Color("side:N", title=None, scale=alt.Scale(range=[OKABE_ITO[3], OKABE_ITO[0]])),
        tooltip=source_tooltip(alt.Tooltip("side:N", title="Side"), alt.Tooltip("mechanism:N", title="Mechanism"),
                               alt.Tooltip("count:Q", title="Number"), alt.Tooltip("items:N", title="Programmes or practices")),
    ).properties(
        title=title(finding, "Sources: features.csv (mechanism of each Chinese scheme) and analogues.csv (the practices the sources compare)"),
        description=f"{finding}. Paired bars per mechanism: the number of Chinese schemes and the number of Western practices compared to them.",
        width="container", height=alt.Step(11), autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )


def comparers(analogues: pd.DataFrame) -> alt.Chart:
    """Who compares social credit to which practice, and whether they liken or contrast it."""
    likens = int((analogues["relation"] == "likens").sum())
    finding = f"{likens} of {len(analogues)} comparisons liken social credit to a practice elsewhere; {len(analogues) - likens} contrast it"
    return alt.Chart(analogues).mark_point(size=120, filled=True).encode(
        x=alt.X("compared_by:N", title="Who draws the comparison", axis=alt.Axis(labelAngle=-35, labelLimit=140)),
        y=alt.Y("name:N", title=None, axis=alt.Axis(labelLimit=260)),
        shape=alt.Shape("relation:N", title="Relation", scale=alt.Scale(domain=["likens", "contrasts"], range=["circle", "cross"])),
        color=alt.Color("relation:N", title="Relation", scale=alt.Scale(domain=["likens", "contrasts"], range=[OKABE_ITO[0], OKABE_ITO[3]])),
        tooltip=source_tooltip(alt.Tooltip("name:N", title="Practice"), alt.Tooltip("compared_by:N", title="Compared by"),
                               alt.Tooltip("relation:N", title="Relation"), alt.Tooltip("detail:N", title="Comparison")),
    ).properties(
        title=title(finding, "Source: analogues.csv"),
        description=f"{finding}. A dot grid: each row is a practice outside China, each column a person who compares it to social credit; circles liken, crosses contrast.",
        width=alt.Step(36), height=alt.Step(18),
    )


# ---------------------------------------------------------------------------
# What "social credit" means: the distinctions
# ---------------------------------------------------------------------------

def distinctions(features: pd.DataFrame, programmes: pd.DataFrame) -> alt.FacetChart:
    """Schemes by mechanism and target: scores, lists, records and ratings; individuals, firms or both."""
    schemes = programmes[programmes["kind"] == "scheme"]
    mechanisms, targets, components = (one_value(features, f) for f in ("mechanism", "target", "component"))
    rows = []
    for pid, name in schemes[["id", "short_name"]].itertuples(index=False):
        if pid in mechanisms and pid in targets:
            fact = features[(features["programme"] == pid) & (features["feature"] == "target")].iloc[0]
            rows.append({"programme": name, "mechanism": mechanisms[pid], "target": targets[pid],
                         "component": components.get(pid, "not coded"), "source": fact["source"], "locator": fact["locator"]})
    frame = pd.DataFrame(rows)
    scores, lists = frame[frame["mechanism"] == "score"], frame[frame["mechanism"] == "list"]
    finding = (f"Every one of the {len(scores)} scores rates individuals" if (scores["target"] == "individuals").all()
               else f"{int((scores['target'] == 'individuals').sum())} of {len(scores)} scores rate individuals")
    finding += f"; {int((lists['target'] != 'individuals').sum())} of {len(lists)} lists also reach firms"
    tooltip = source_tooltip(alt.Tooltip("programme:N", title="Scheme"), alt.Tooltip("mechanism:N", title="Mechanism"),
                             alt.Tooltip("target:N", title="Target"), alt.Tooltip("component:N", title="Daum's component"))
    targets_present = [t for t in ["individuals", "both", "organisations"] if t in set(frame["target"])]
    return named_grid(frame, "target", targets_present, "Whom it evaluates", tooltip).properties(
        title=title(finding, "Source: features.csv (mechanism and target of each scheme)"),
        description=f"{finding}. A grid of mechanism (rows) by target (columns) naming each scheme in its cell.",
    )


# ---------------------------------------------------------------------------
# Part II: charts for the expert chapters
# ---------------------------------------------------------------------------

def expert_profile(positions: pd.DataFrame, experts: pd.DataFrame, questions: pd.DataFrame, stances: pd.DataFrame, expert: str) -> alt.LayerChart:
    """On each question the expert answers: where the expert's positions and everyone else's fall on the stance scale."""
    frame = stance_cells(positions, experts, questions, stances)
    name = experts.set_index("id").loc[expert, "name"]
    asked = frame.loc[frame["expert"] == expert, "question"].unique()
    frame = frame[frame["question"].isin(asked)].assign(who=lambda f: f["expert"].eq(expert).map({True: name, False: "other experts"}))
    own = frame[frame["expert"] == expert]
    common = own["stance_label"].value_counts()
    tied = list(common[common == common.iloc[0]].index)
    habit = f"most often '{tied[0]}'" if len(tied) == 1 else "as often " + " as ".join(f"'{t}'" for t in tied)
    gaps = {q: (g["order"].max() - g["order"].min()) for q, g in frame.groupby("question_label")}
    widest = sorted((q for q, gap in gaps.items() if gap == max(gaps.values())), key=lambda q: int(q.split(".")[0]))
    apart = widest[0] if len(widest) == 1 else f"{len(widest)} questions ({', '.join(widest)})"
    finding = (f"{name} takes {len(own)} positions on {len(asked)} questions, {habit}"
               + (f"; the experts are furthest apart on {apart}" if max(gaps.values()) > 0 else "; no other expert answers these questions"))
    order = stances.sort_values("order")
    base = alt.Chart(frame).encode(
        x=alt.X("stance_label:N", title="Stance (most favourable → most critical)", sort=list(order["label"]),
                scale=alt.Scale(domain=list(order["label"])), axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("question_label:N", title=None, sort=alt.EncodingSortField("number"), axis=alt.Axis(labelLimit=200)),
        tooltip=source_tooltip(alt.Tooltip("expert_name:N", title="Expert"), alt.Tooltip("question_title:N", title="Question"),
                               alt.Tooltip("stance_label:N", title="Stance"), alt.Tooltip("summary:N", title="Position")),
    )
    others = base.transform_filter(alt.datum.who == "other experts").mark_point(size=60, opacity=0.7).encode(
        shape=alt.Shape("who:N", title=None, scale=alt.Scale(domain=[name, "other experts"], range=["square", "circle"])),
        color=alt.Color("who:N", title=None, scale=alt.Scale(domain=[name, "other experts"], range=["#000000", "#888888"])),
        xOffset=alt.XOffset("slot:O"),
    )
    mine = base.transform_filter(alt.datum.who == name).mark_point(size=170, filled=True).encode(
        shape=alt.Shape("who:N", title=None, scale=alt.Scale(domain=[name, "other experts"], range=["square", "circle"])),
        color=alt.Color("who:N", title=None, scale=alt.Scale(domain=[name, "other experts"], range=["#000000", "#888888"])),
    )
    return (others + mine).properties(
        title=title(finding, "Sources: positions.csv (stances coded with stances.csv); hover for each position's summary, source and locator"),
        description=f"{finding}. One row per question {name} answers; black squares mark {name}'s positions on the stance scale, grey circles the other experts'.",
        width=560, height=alt.Step(26),
    )


def sesame_inputs(features: pd.DataFrame, vocabulary: pd.DataFrame) -> alt.Chart:
    """The kinds of data Sesame Credit's score is said to draw on, and which source says so."""
    label = labels(vocabulary)
    rows = features[(features["programme"] == "sesame-credit") & (features["feature"] == "data_inputs")]
    frame = rows.assign(input=[label[("data_inputs", v)] for v in rows["value"]])
    by_ahmed = int((frame["source"] == "cdt2017ahmed").sum())
    finding = f"The sources name {len(frame)} kinds of data behind Sesame Credit's score; {by_ahmed} of them come from the app's own breakdown as Ahmed reports it"
    return alt.Chart(frame).mark_point(size=150, filled=True).encode(
        x=alt.X("source:N", title="Which source names it", axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("input:N", title=None, sort=alt.EncodingSortField("source"), axis=alt.Axis(labelLimit=220)),
        shape=alt.Shape("source:N", legend=None),
        color=alt.Color("source:N", legend=None, scale=alt.Scale(range=OKABE_ITO)),
        tooltip=source_tooltip(alt.Tooltip("input:N", title="Kind of data"), alt.Tooltip("detail:N", title="Detail")),
    ).properties(
        title=title(finding, "Source: features.csv (Sesame Credit's data inputs, each with its source and locator)"),
        description=f"{finding}. A dot grid: one row per kind of data, one column per source article that names it.",
        width=alt.Step(150), height=alt.Step(24),
    )


def daum_components(features: pd.DataFrame, programmes: pd.DataFrame) -> alt.Chart:
    """Programmes the sources place in each of Daum's three components, and those they leave uncoded."""
    coded = features[features["feature"] == "component"]
    name = names(programmes)
    frame = pd.DataFrame({"component": coded["value"], "programme": coded["programme"].map(name),
                          "source": coded["source"], "locator": coded["locator"]})
    counts = frame["component"].value_counts()
    empty = [c for c in ["financial", "regulatory", "educational"] if c not in counts]
    finding = (f"The sources place {counts.get('financial', 0)} programmes in Daum's financial component and "
               f"{counts.get('regulatory', 0)} in the regulatory one" + (f"; none in the {', '.join(empty)}" if empty else ""))
    frame["slot"] = frame.groupby("component").cumcount()
    return alt.Chart(frame).mark_text(align="left", fontSize=11).encode(
        x=alt.X("component:N", title=None, sort=["financial", "regulatory", "educational"],
                scale=alt.Scale(domain=["financial", "regulatory", "educational"]), axis=alt.Axis(orient="top", labelAngle=0, grid=False)),
        y=alt.Y("slot:O", axis=None),
        text="programme:N",
        tooltip=source_tooltip(alt.Tooltip("programme:N", title="Programme"), alt.Tooltip("component:N", title="Component")),
    ).properties(
        title=title(finding, "Sources: features.csv (component), following Daum's three components in radii2019blackmirror"),
        description=f"{finding}. Three columns, one per component, listing the programmes a source places in it.",
        width=alt.Step(200), height=alt.Step(20),
    )


def airline_episode(events: pd.DataFrame) -> alt.Chart:
    """The civil-aviation credit measures and the letters to foreign airlines, in order."""
    aviation = events[events["programme"].eq("civil-aviation-credit-measures") | events["event"].str.contains("airline", case=False)]
    frame = aviation.join(date_span(aviation["date"], aviation["precision"])).sort_values("earliest")
    frame["step"] = range(1, len(frame) + 1)
    first, last = frame.iloc[0], frame.iloc[-1]
    measures = frame.loc[frame["programme"] == "civil-aviation-credit-measures", "latest"].min()
    letters = frame.loc[frame["event"].str.contains("airlines", case=False), "earliest"].min()
    order = ("the credit measures were in force before the letters to foreign airlines" if measures < letters
             else "the letters to foreign airlines did not wait for the credit measures")
    finding = f"{len(frame)} dated steps from {first['earliest']:%B %Y} to {last['earliest']:%B %Y}: {order}"
    base = alt.Chart(frame).encode(
        y=alt.Y("step:O", title=None, axis=None),
        tooltip=source_tooltip(alt.Tooltip("date:N", title="Date"), alt.Tooltip("precision:N", title="Precision"),
                               alt.Tooltip("event:N", title="Event"), alt.Tooltip("actor_type:N", title="Actor")),
    )
    span = base.mark_bar(height=10, opacity=0.3, color=OKABE_ITO[0]).encode(
        x=alt.X("earliest:T", title=None, axis=alt.Axis(format="%b %Y", tickCount="month")), x2="latest:T")
    point = base.mark_point(size=70, filled=True, color=OKABE_ITO[0]).encode(x="earliest:T")
    text = base.mark_text(align="left", dx=10, fontSize=10, limit=420).encode(x="earliest:T", text="event:N")
    return (span + point + text).properties(
        title=title(finding, "Source: events.csv (the civil-aviation credit measures and the CAAC's letters)"),
        description=f"{finding}. Each row is one dated event, in order; a bar spans a date known only to the month.",
        width=620, height=alt.Step(30),
    )
