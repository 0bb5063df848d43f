"""Every chart builder, on its spec: a title that states a finding, a subtitle naming
its sources, a description for screen readers, every data row reaching the chart,
and tooltips that carry each mark's source and locator."""
from __future__ import annotations

import altair as alt
import pytest
from edition import charts, data

TABLES = {name: data.load(name) for name in [
    "sources", "programmes", "features", "vocabulary", "links", "events", "statistics",
    "experts", "questions", "stances", "positions", "analogues",
]}
T = TABLES


def spec_of(chart: alt.TopLevelMixin) -> dict:
    return chart.to_dict()


def rows_in(spec: dict) -> int:
    return sum(len(rows) for rows in spec.get("datasets", {}).values())


def tooltips(node) -> list[list[dict]]:
    """Every tooltip encoding in a spec, however deeply layered or concatenated."""
    found = []
    if isinstance(node, dict):
        encoding = node.get("encoding", {})
        if "tooltip" in encoding:
            tip = encoding["tooltip"]
            found.append(tip if isinstance(tip, list) else [tip])
        for value in node.values():
            found += tooltips(value)
    elif isinstance(node, list):
        for value in node:
            found += tooltips(value)
    return found


def stances_order():
    return list(T["stances"].sort_values("order")["label"])


schemes = T["programmes"]["kind"] == "scheme"
evaluated_ids = set(T["programmes"].loc[T["programmes"]["kind"] != "actor", "id"])
scheme_ids = set(T["programmes"].loc[schemes, "id"])
mechanism_and_target = T["features"][T["features"]["feature"].isin(["mechanism", "target"]) & T["features"]["programme"].isin(scheme_ids)]

# builder, arguments, number of data rows the chart must carry
BUILDERS = {
    "source_dates": (charts.source_dates, lambda: (T["sources"],), len(T["sources"])),
    "feature_matrix": (charts.feature_matrix, lambda: (T["features"], T["programmes"], T["vocabulary"]),
                       8 * T["features"][T["features"]["feature"].isin(charts.CLASSIFYING)]["programme"].nunique()),
    "typology_grid": (charts.typology_grid, lambda: (T["features"], T["programmes"]),
                      len(set(charts.one_value(T["features"], "operator")) & set(charts.one_value(T["features"], "mechanism")) & evaluated_ids)),
    "rewards_and_sanctions": (charts.rewards_and_sanctions, lambda: (T["features"], T["programmes"], T["vocabulary"]),
                              int((T["features"]["feature"].isin(["rewards", "sanctions"]) & (T["features"]["value"] != "none")).sum())),
    "defaulter_figures": (charts.defaulter_figures, lambda: (T["statistics"],), len(charts.defaulter_series(T["statistics"]))),
    "upset": (charts.upset, lambda: (T["features"], T["programmes"], T["vocabulary"]), None),
    "similarity_heatmap": (charts.similarity_heatmap, lambda: (T["features"], T["programmes"]), None),
    "link_network": (charts.link_network, lambda: (T["links"], T["programmes"]),
                     len(T["links"]) + len(set(T["links"]["from"]) | set(T["links"]["to"]))),
    "timeline": (charts.timeline, lambda: (T["events"],), len(T["events"])),
    "stance_map": (charts.stance_map, lambda: (T["positions"], T["experts"], T["questions"], T["stances"]), len(T["positions"])),
    "stance_spread": (charts.stance_spread, lambda: (T["positions"], T["questions"], T["stances"]), len(T["positions"])),
    "mechanism_comparison": (charts.mechanism_comparison, lambda: (T["analogues"], T["features"], T["programmes"]),
                             len(T["features"][(T["features"]["feature"] == "mechanism") & T["features"]["programme"].isin(scheme_ids)])
                             + int((T["analogues"]["mechanism"] != "fiction").sum())),
    "comparers": (charts.comparers, lambda: (T["analogues"],), len(T["analogues"])),
    "expert_profile": (lambda *a: charts.expert_profile(*a, "ahmed"), lambda: (T["positions"], T["experts"], T["questions"], T["stances"]),
                       int(T["positions"]["question"].isin(set(T["positions"].loc[T["positions"]["expert"] == "ahmed", "question"])).sum())),
    "sesame_inputs": (charts.sesame_inputs, lambda: (T["features"], T["vocabulary"]),
                      int(((T["features"]["programme"] == "sesame-credit") & (T["features"]["feature"] == "data_inputs")).sum())),
    "daum_components": (charts.daum_components, lambda: (T["features"], T["programmes"]), int((T["features"]["feature"] == "component").sum())),
    "airline_episode": (charts.airline_episode, lambda: (T["events"],), None),
    "distinctions": (charts.distinctions, lambda: (T["features"], T["programmes"]),
                     int((mechanism_and_target.groupby("programme").size() == 2).sum())),
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_chart_states_finding_sources_and_description(name):
    builder, arguments, _ = BUILDERS[name]
    spec = spec_of(builder(*arguments()))
    title = spec["title"]
    text = " ".join(title["text"]) if isinstance(title["text"], list) else title["text"]
    subtitle = " ".join(title["subtitle"]) if isinstance(title["subtitle"], list) else title["subtitle"]
    assert len(text.split()) >= 6, f"{name}: the title should state a finding, not a topic: {text!r}"
    assert "Source" in subtitle or ".csv" in subtitle, f"{name}: the subtitle must name its sources: {subtitle!r}"
    assert spec["description"].startswith(text.rstrip(".")), f"{name}: the description must open with the finding"


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_tooltip_carries_source_and_locator(name):
    builder, arguments, _ = BUILDERS[name]
    found = tooltips(spec_of(builder(*arguments())))
    assert found, f"{name}: no tooltips"
    for tip in found:
        fields = [t.get("field") for t in tip]
        assert "source" in fields and "locator" in fields, f"{name}: a tooltip lacks source or locator: {fields}"


AGGREGATED = {"mechanism_comparison": "count"}  # builders that count rows into one mark per group


@pytest.mark.parametrize("name", sorted(k for k, v in BUILDERS.items() if v[2] is not None))
def test_every_data_row_reaches_the_chart(name):
    builder, arguments, expected = BUILDERS[name]
    spec = spec_of(builder(*arguments()))
    if name in AGGREGATED:
        counted = sum(row[AGGREGATED[name]] for rows in spec["datasets"].values() for row in rows)
        assert counted == expected
    else:
        assert rows_in(spec) == expected


def test_upset_groups_share_exactly_their_codes():
    frame = charts.shared_feature_sets(T["features"], T["programmes"], T["vocabulary"])
    assert (frame["size"] >= 2).all(), "a group of one programme is not an overlap"
    pairs = charts.codes(T["features"], charts.CONSEQUENCES)
    for group, rows in frame.groupby("group"):
        members = set(rows["programme"])
        assert len(members) == rows["size"].iloc[0]
    assert rows_in(spec_of(charts.upset(T["features"], T["programmes"], T["vocabulary"]))) >= len(frame)
    assert len(pairs) > len(frame["codes"].unique())


def test_similarity_is_a_symmetric_jaccard_index():
    frame = charts.similarity_pairs(T["features"], T["programmes"])
    n = frame["a"].nunique()
    assert len(frame) == n * n
    same = frame[frame["a"] == frame["b"]]
    assert (same["jaccard"] == 1.0).all()
    table = frame.pivot(index="a", columns="b", values="jaccard")
    assert (table == table.T).all().all()
    assert frame["jaccard"].between(0, 1).all()


def test_defaulter_figures_keep_persons_and_instances_apart():
    spec = spec_of(charts.defaulter_figures(T["statistics"]))
    panels = spec["vconcat"]
    units = []
    for panel in panels:
        rows = [row for layer in [panel] for row in spec["datasets"][panel["layer"][0]["data"]["name"] if "data" in panel["layer"][0] else panel["data"]["name"]]]
        units.append({row["unit"] for row in rows})
    assert units == [{"persons"}, {"instances"}]


def test_stance_map_colours_follow_the_codebook_order():
    spec = spec_of(charts.stance_map(T["positions"], T["experts"], T["questions"], T["stances"]))
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"] == stances_order()
    assert colour["scale"]["range"] == charts.STANCE_COLOURS
    assert spec["layer"][1]["encoding"]["text"]["field"] == "mark", "each square also carries a letter, for readers without colour"


def test_network_positions_are_reproducible():
    first, _ = charts.network_layout(T["links"], T["programmes"])
    second, _ = charts.network_layout(T["links"], T["programmes"])
    assert first[["x", "y"]].round(9).equals(second[["x", "y"]].round(9))


def test_timeline_shows_precision_by_shape_and_colour():
    spec = spec_of(charts.timeline(T["events"]))
    point = spec["layer"][1]["encoding"]
    assert point["shape"]["field"] == "precision" and point["color"]["field"] == "precision"
    assert spec["layer"][0]["encoding"]["x2"]["field"] == "latest", "month and year dates are drawn as spans"


def test_a_chart_without_description_is_refused():
    from edition.render import ChartError, book_renderer

    chart = alt.Chart(T["sources"]).mark_point().encode(x="date:N").properties(title="No description here")
    with pytest.raises(ChartError, match="has no description"):
        book_renderer(chart.to_dict())


def test_expert_profile_marks_the_expert_apart_from_the_others():
    spec = spec_of(charts.expert_profile(T["positions"], T["experts"], T["questions"], T["stances"], "hoffman"))
    filters = [layer["transform"][0]["filter"] for layer in spec["layer"]]
    assert any("other experts" in str(f) for f in filters) and any("Samantha Hoffman" in str(f) for f in filters)
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == stances_order()
