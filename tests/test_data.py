"""The open dataset: valid against its schema and cross-checks, and every kind of
bad input is caught with a message naming the file, the line, the column and the fix."""
from __future__ import annotations

import csv
import shutil

import frictionless
import pytest
from edition import sourcetext
from edition.paths import DATA, REFERENCES
from edition.validate import summary, validate

ARTICLES = {"cdt2017ahmed", "cscsblog2017pressing", "geographical2019steptoofar", "kobie2019complicated", "radii2019blackmirror"}
NEEDS_SOURCES = pytest.mark.skipif(
    not sourcetext.available(),
    reason=f"the five source texts are not at {sourcetext.SOURCES} (a reader's fresh clone); CI has them",
)


def test_dataset_is_valid():
    tables, problems = validate()
    assert not problems, "\n".join(map(str, problems))
    assert len(tables) == 13


def test_frictionless_accepts_the_package():
    report = frictionless.validate(str(DATA / "datapackage.json"))
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    assert report.valid, "\n".join(errors[:20])


def test_every_fact_bearing_row_has_a_locator():
    tables, _ = validate()
    for line in summary(tables):
        assert "codebook" in line or line.endswith("100% with a locator"), line


# ---------------------------------------------------------------------------
# Corruption: copy the dataset, damage one cell, and expect one precise message.
# ---------------------------------------------------------------------------

def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def write(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def problems_after(folder, table, change):
    """Apply change(header, rows) to <table>.csv in the copy and validate it."""
    path = folder / f"{table}.csv"
    header, rows = read(path)
    header, rows = change(header, rows)
    write(path, header, rows)
    _, problems = validate(folder, REFERENCES)
    return [str(p) for p in problems]


def set_cell(row_index, column, value):
    def change(header, rows):
        rows[row_index][header.index(column)] = value
        return header, rows
    return change


def first_row_where(column, predicate, then_column, value):
    def change(header, rows):
        index = next(i for i, r in enumerate(rows) if predicate(r[header.index(column)]))
        rows[index][header.index(then_column)] = value
        return header, rows
    return change


CASES = {
    "missing source": ("positions", set_cell(0, "source", ""), "positions.csv:2: column source: empty but required"),
    "unknown source key": ("events", set_cell(0, "source", "nosuchwork2099"),
                           "events.csv:2: column source: 'nosuchwork2099' is not a key in references.bib; fix: add the work"),
    "unknown programme in links": ("links", set_cell(0, "from", "no-such-programme"),
                                   "links.csv:2: column from: 'no-such-programme' is not an id in programmes.csv"),
    "bad enum": ("statistics", set_cell(0, "unit", "people"),
                 "statistics.csv:2: column unit: 'people' is not an allowed value; fix: use one of: persons, instances"),
    "duplicate id": ("events", lambda h, rows: (h, [rows[0], rows[0], *rows[2:]]), "events.csv:3: column id:"),
    "malformed date": ("events", set_cell(0, "date", "March 2018"), "events.csv:2: column date: 'March 2018' does not match the pattern"),
    "impossible date": ("events", first_row_where("precision", lambda p: p == "day", "date", "2018-02-30"), "column date: '2018-02-30' is not a real date"),
    "precision does not fit date": ("events", first_row_where("precision", lambda p: p == "day", "precision", "year"),
                                    "column precision: 'year' does not fit the date"),
    "empty quote": ("positions", set_cell(0, "quote", ""), "positions.csv:2: column quote: empty but required"),
    "quote from a work outside the sources": ("features", first_row_where("source", lambda s: s not in ARTICLES, "quote", "words from a press report here"),
                                              "column quote: quotations must come from the five source articles"),
    "expert without positions": ("positions", lambda h, rows: (h, [r for r in rows if r[h.index("expert")] != "wang"]),
                                 "experts.csv:5: column id: 'wang' has no row in positions.csv"),
    "unknown stance code": ("positions", set_cell(0, "stance", "hostile"), "positions.csv:2: column stance: 'hostile' is not an id in stances.csv"),
    "position id does not match its expert": ("positions", set_cell(0, "expert", "sapio"), "positions.csv:2: column id:"),
    "feature code not in the vocabulary": ("features", first_row_where("feature", lambda f: f == "operator", "value", "governmental"),
                                           "column value: 'governmental' is not a code of 'operator' in vocabulary.csv"),
    "single-valued feature twice": ("features", lambda h, rows: (h, rows + [[
        *[next(r for r in rows if r[h.index("feature")] == "operator")[i] if c != "value" else "hybrid" for i, c in enumerate(h)]]]),
        "for single-valued 'operator'"),
    "tickets counted as persons": ("statistics", first_row_where("measure", lambda m: m == "flight-purchases-restricted", "unit", "persons"),
                                   "counted in 'persons'; fix: use unit 'instances'"),
    "number written in words": ("statistics", set_cell(0, "value", "about 3 million"), "statistics.csv:2: column value: 'about 3 million' is not a number"),
    "renamed column": ("links", lambda h, rows: (["source_key" if c == "source" else c for c in h], rows),
                       "links.csv:1: header differs from datapackage.json (missing ['source'], unexpected ['source_key'])"),
    "row with a missing cell": ("events", lambda h, rows: (h, [rows[0][:-1], *rows[1:]]), "events.csv:2: 8 cells where 9 are expected"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_corruption_is_caught_with_a_precise_message(data, case):
    table, change, expected = CASES[case]
    problems = problems_after(data, table, change)
    assert any(expected in p for p in problems), f"{case}: expected {expected!r} in:\n" + "\n".join(problems[:10])
    assert all("; fix: " in p for p in problems), "every problem must say how to fix it"


@NEEDS_SOURCES
def test_misquotation_is_caught(data):
    problems = problems_after(data, "positions", set_cell(0, "quote", "the system is a perfectly ordinary thing in every way"))
    assert any("positions.csv:2: column quote: not found word for word in" in p for p in problems), problems


@NEEDS_SOURCES
def test_locator_phrase_not_in_its_source_is_caught(data):
    problems = problems_after(data, "events", first_row_where("source", lambda s: s == "kobie2019complicated", "locator", 'Introduction: "words nobody printed"'))
    assert any("column locator: phrase 'words nobody printed' is not in kobie2019complicated" in p for p in problems), problems


# ---------------------------------------------------------------------------
# The dataset as published in the built book.
# ---------------------------------------------------------------------------

def test_built_book_offers_every_table_and_the_zip(built_book):
    import json
    import zipfile

    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    published = built_book / "book" / "data"
    page = (built_book / "book" / "data-and-method.html").read_text(encoding="utf-8")
    for resource in package["resources"]:
        assert (published / resource["path"]).read_bytes() == (DATA / resource["path"]).read_bytes(), resource["path"]
        assert f'href="data/{resource["path"]}"' in page, f"no download link for {resource['path']}"
    archive = published / f"scs-edition-data-{package['version']}.zip"
    names = {name.split("/")[-1] for name in zipfile.ZipFile(archive).namelist()}
    assert names == {r["path"] for r in package["resources"]} | {"datapackage.json"}
    assert f'href="data/{archive.name}"' in page


def test_codebook_page_is_generated_from_the_descriptor(built_book):
    import html as html_lib
    import json

    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    page = html_lib.unescape((built_book / "book" / "data-and-method.html").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert f'id="table-{resource["name"]}"' in page, f"no codebook for {resource['name']}"
        for field in resource["schema"]["fields"]:
            assert field["description"] in page, f"{resource['name']}.{field['name']}: description missing from the codebook"
    assert package["licenses"][0]["title"] in page and package["version"] in page


@NEEDS_SOURCES
def test_reported_speech_passed_off_as_the_experts_words_is_caught(data):
    problems = problems_after(data, "positions", first_row_where("id", lambda i: i == "hoffman-one-system", "quote_by", "expert"))
    assert any("column quote_by: 'expert', but the words are not inside quotation marks in kobie2019complicated" in p for p in problems), problems
