"""Validate the open dataset in book/data.

Run from anywhere (the package is installed): ``python -m edition.validate``.

Two layers, each problem reported as ``file:line: column: what is wrong; fix: ...``:

1. The schema in ``datapackage.json`` (the one place it is written down):
   columns, required cells, types, enums, patterns, unique values, primary and
   foreign keys. ``frictionless validate book/data/datapackage.json`` checks the
   same schema; this module repeats it so that every message names the fix.
2. Cross-checks the schema cannot express: citation keys exist in
   references.bib; dates are real dates of the stated precision; every expert
   and question has positions; feature codes are in the vocabulary and
   single-valued features appear once; ticket restrictions are counted as
   instances, not persons; quotations and locator phrases occur word for word in
   the five source articles (when ../shared/sources is present).
"""
from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from edition import sourcetext
from edition.paths import BOOK, DATA, REFERENCES
from edition.references import bibliography_keys

SINGLE_VALUED = {"operator", "level", "target", "component", "mechanism", "participation", "start", "status", "method_public", "score_range"}
FREE_FEATURES = {"start", "score_range"}  # values not taken from the vocabulary
SOURCE_COLUMNS = {"source", "source_a", "source_b", "origin"}
LOCATOR_FOR = {"locator": "source", "locator_a": "source_a", "locator_b": "source_b"}
UNIT_OF_MEASURE = {
    "persons-listed": "persons", "flight-purchases-restricted": "instances", "train-purchases-restricted": "instances",
    "listings-published": "instances", "loan-applications-rejected": "instances", "entities-listed": "entities",
    "loans-refused-value": "yuan", "deposits-frozen": "yuan",
}
PRECISION_OF_LENGTH = {4: "year", 7: "month", 10: "day"}
QUOTE_WORDS = (3, 30)
SPEAKERS_OWN_WORDS = {"cdt2017ahmed", "cscsblog2017pressing"}  # an interview and written answers: every answer is the expert's


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        column = f" column {self.column}:" if self.column else ""
        return f"{where}:{column} {self.message}; fix: {self.fix}"


@dataclass
class Table:
    name: str
    path: Path
    schema: dict
    rows: list[dict]
    lines: list[int]  # the file line on which each row starts

    @property
    def label(self) -> str:
        try:
            return str(self.path.relative_to(BOOK.parent))
        except ValueError:
            return str(self.path)


def load_package(folder: Path = DATA) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def read_table(folder: Path, resource: dict) -> tuple[Table | None, list[Problem]]:
    path = folder / resource["path"]
    if not path.exists():
        return None, [Problem(str(path), None, None, "file missing", f"restore {resource['path']} or remove it from datapackage.json")]
    table = Table(resource["name"], path, resource["schema"], [], [])
    expected = [f["name"] for f in table.schema["fields"]]
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        problems = []
        if header != expected:
            missing = [c for c in expected if c not in header]
            extra = [c for c in header if c not in expected]
            problems.append(Problem(table.label, 1, None, f"header differs from datapackage.json (missing {missing}, unexpected {extra})",
                                    f"use exactly these columns in this order: {','.join(expected)}"))
            return None, problems
        start = reader.line_num + 1
        for cells in reader:
            if len(cells) != len(expected):
                problems.append(Problem(table.label, start, None, f"{len(cells)} cells where {len(expected)} are expected",
                                        "quote cells that contain commas, and give every column a cell"))
            else:
                table.rows.append(dict(zip(expected, cells)))
                table.lines.append(start)
            start = reader.line_num + 1
    return table, problems


def check_schema(table: Table) -> list[Problem]:
    problems = []

    def report(i, column, message, fix):
        problems.append(Problem(table.label, table.lines[i], column, message, fix))

    for field in table.schema["fields"]:
        name, kind, rules = field["name"], field.get("type", "string"), field.get("constraints", {})
        seen: dict[str, int] = {}
        for i, row in enumerate(table.rows):
            value = row[name]
            if value.strip() != value:
                report(i, name, f"{value!r} has spaces at its ends", "remove the leading or trailing spaces")
            if value == "":
                if rules.get("required"):
                    report(i, name, "empty but required", f"fill in {name}: {field['description']}")
                continue
            if kind == "integer" and not re.fullmatch(r"-?[0-9]+", value):
                report(i, name, f"{value!r} is not a whole number", "write digits only, e.g. 12")
            elif kind == "number" and not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value):
                report(i, name, f"{value!r} is not a number", "write digits only, without separators or words (e.g. 17460000)")
            elif kind in ("integer", "number") and "minimum" in rules and float(value) < rules["minimum"]:
                report(i, name, f"{value} is below {rules['minimum']}", f"use a value of at least {rules['minimum']}")
            if "enum" in rules and value not in rules["enum"]:
                report(i, name, f"{value!r} is not an allowed value", f"use one of: {', '.join(rules['enum'])}")
            if "pattern" in rules and not re.fullmatch(rules["pattern"], value):
                report(i, name, f"{value!r} does not match the pattern {rules['pattern']}", f"write it in the form the pattern requires ({field['description']})")
            if field.get("format") == "uri" and not re.match(r"https?://\S+$", value):
                report(i, name, f"{value!r} is not a web address", "give a full http(s):// address or leave the cell empty")
            if rules.get("unique"):
                if value in seen:
                    report(i, name, f"{value!r} repeats line {table.lines[seen[value]]}", f"make each {name} unique")
                else:
                    seen[value] = i
    key = table.schema.get("primaryKey", [])
    if len(key) > 1:
        first: dict[tuple, int] = {}
        for i, row in enumerate(table.rows):
            values = tuple(row[c] for c in key)
            if values in first:
                report(i, ",".join(key), f"{values} repeats line {table.lines[first[values]]}", "remove the duplicate row or merge the two")
            first.setdefault(values, i)
    return problems


def check_foreign_keys(tables: dict[str, Table]) -> list[Problem]:
    problems = []
    for table in tables.values():
        for fk in table.schema.get("foreignKeys", []):
            target = tables.get(fk["reference"]["resource"] or table.name)
            if target is None:
                continue
            (column,), (ref,) = fk["fields"], fk["reference"]["fields"]
            known = {row[ref] for row in target.rows}
            for i, row in enumerate(table.rows):
                if row[column] and row[column] not in known:
                    problems.append(Problem(table.label, table.lines[i], column, f"{row[column]!r} is not an id in {target.path.name} ({ref})",
                                            f"correct the id or add a row for it to {target.path.name}"))
    return problems


def real_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return False
    return True


def check_dates(table: Table) -> list[Problem]:
    problems = []
    if "date" not in {f["name"] for f in table.schema["fields"]}:
        return problems
    for i, row in enumerate(table.rows):
        value, precision = row["date"], row.get("precision", "")
        if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
            continue  # reported by the schema check
        if not real_date(value):
            problems.append(Problem(table.label, table.lines[i], "date", f"{value!r} is not a real date", "check the month and day"))
        elif precision and PRECISION_OF_LENGTH[len(value)] != precision:
            problems.append(Problem(table.label, table.lines[i], "precision", f"{precision!r} does not fit the date {value!r}",
                                    f"use precision {PRECISION_OF_LENGTH[len(value)]!r}, or write the date to the stated precision"))
    return problems


def check_citation_keys(tables: dict[str, Table], keys: set[str]) -> list[Problem]:
    problems = []
    for table in tables.values():
        for column in SOURCE_COLUMNS & set(table.rows[0] if table.rows else {}):
            for i, row in enumerate(table.rows):
                if row[column] and row[column] not in keys:
                    problems.append(Problem(table.label, table.lines[i], column, f"{row[column]!r} is not a key in references.bib",
                                            "add the work to references.bib or correct the key"))
    return problems


def check_coverage(tables: dict[str, Table]) -> list[Problem]:
    problems = []
    positions = tables.get("positions")
    if positions is None:
        return problems
    for owner, column in [("experts", "expert"), ("questions", "question")]:
        if owner not in tables:
            continue
        used = Counter(row[column] for row in positions.rows)
        for i, row in enumerate(tables[owner].rows):
            if used[row["id"]] == 0:
                problems.append(Problem(tables[owner].label, tables[owner].lines[i], "id", f"{row['id']!r} has no row in positions.csv",
                                        f"add the {column}'s positions to positions.csv, or remove the {column}"))
    for i, row in enumerate(positions.rows):
        if not re.fullmatch(rf"{re.escape(row['expert'])}-{re.escape(row['question'])}(-[0-9]+)?", row["id"]):
            problems.append(Problem(positions.label, positions.lines[i], "id", f"{row['id']!r} does not match expert {row['expert']!r} and question {row['question']!r}",
                                    "name the position <expert>-<question>, adding -2, -3 for further positions"))
    if "experts" in tables:
        for i, row in enumerate(tables["experts"].rows):
            if not (BOOK / f"{row['chapter']}.md").exists():
                problems.append(Problem(tables["experts"].label, tables["experts"].lines[i], "chapter", f"book/{row['chapter']}.md does not exist",
                                        "give the path of the expert's chapter under book/, without .md"))
    return problems


def check_features(tables: dict[str, Table]) -> list[Problem]:
    features, vocabulary = tables.get("features"), tables.get("vocabulary")
    if features is None or vocabulary is None:
        return []
    problems = []
    codes = {(row["feature"], row["value"]) for row in vocabulary.rows}
    count = Counter((row["programme"], row["feature"]) for row in features.rows)
    for i, row in enumerate(features.rows):
        feature, value, line = row["feature"], row["value"], features.lines[i]
        if feature == "start":
            if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value) or not real_date(value):
                problems.append(Problem(features.label, line, "value", f"start {value!r} is not a real date", "write YYYY, YYYY-MM or YYYY-MM-DD"))
        elif feature == "score_range":
            if not re.fullmatch(r"[0-9]+-[0-9]+", value):
                problems.append(Problem(features.label, line, "value", f"score_range {value!r} is not low-high", "write e.g. 350-950"))
        elif (feature, value) not in codes:
            problems.append(Problem(features.label, line, "value", f"{value!r} is not a code of {feature!r} in vocabulary.csv",
                                    f"use a code listed for {feature} in vocabulary.csv, or add and define it there"))
        if feature in SINGLE_VALUED and count[(row["programme"], feature)] > 1:
            problems.append(Problem(features.label, line, "feature", f"{row['programme']!r} has {count[(row['programme'], feature)]} rows for single-valued {feature!r}",
                                    "keep one row (record a disagreement in discrepancies.csv)"))
    return problems


def check_units(tables: dict[str, Table]) -> list[Problem]:
    statistics = tables.get("statistics")
    problems = []
    for i, row in enumerate(statistics.rows if statistics else []):
        expected = UNIT_OF_MEASURE.get(row["measure"])
        if expected and row["unit"] != expected:
            problems.append(Problem(statistics.label, statistics.lines[i], "unit", f"{row['measure']!r} counted in {row['unit']!r}",
                                    f"use unit {expected!r} (ticket restrictions count purchase attempts, not people); quote the outlet's wording in note"))
    return problems


def check_against_sources(tables: dict[str, Table], folder: Path) -> list[Problem]:
    """Quotations and locator phrases must occur word for word in the five articles."""
    problems = []
    articles = {row["key"] for row in tables["sources"].rows} if "sources" in tables else set()
    for table in tables.values():
        columns = set(table.rows[0]) if table.rows else set()
        for i, row in enumerate(table.rows):
            line = table.lines[i]
            if row.get("quote"):
                if row["source"] not in articles:
                    problems.append(Problem(table.label, line, "quote", f"quotations must come from the five source articles, not {row['source']!r}",
                                            "move the words into detail as a paraphrase, or cite the article they come from"))
                else:
                    words = len(row["quote"].split())
                    if not QUOTE_WORDS[0] <= words <= QUOTE_WORDS[1]:
                        problems.append(Problem(table.label, line, "quote", f"{words} words", f"quote between {QUOTE_WORDS[0]} and {QUOTE_WORDS[1]} words"))
                    text = sourcetext.text_of(row["source"], folder)
                    if text is not None and not sourcetext.occurs(row["quote"], text):
                        problems.append(Problem(table.label, line, "quote", f"not found word for word in {row['source']}: {row['quote'][:80]!r}",
                                                "copy the words exactly from the article (mark omissions with ...)"))
                    elif text is not None and row.get("quote_by") and row["source"] not in SPEAKERS_OWN_WORDS:
                        quoted = sourcetext.within_quotation_marks(row["quote"], row["source"], folder)
                        if quoted != (row["quote_by"] == "expert"):
                            problems.append(Problem(table.label, line, "quote_by", f"{row['quote_by']!r}, but the words are {'' if quoted else 'not '}inside quotation marks in {row['source']}",
                                                    "use expert for words the article puts in quotation marks, journalist for its reported speech"))
            for locator, source in LOCATOR_FOR.items():
                if source not in columns:
                    source = "origin"  # questions: the locator points into the work that poses the question
                if locator not in columns or row.get(source) not in articles:
                    continue
                phrase = sourcetext.phrase_in_locator(row[locator])
                if phrase is None:
                    problems.append(Problem(table.label, line, locator, f"locator {row[locator]!r} quotes no phrase of {row[source]}",
                                            'add a short verbatim phrase in double quotation marks, e.g. Q3 Backer: "We can only speculate here"'))
                    continue
                if row[locator].startswith("URL") and row.get("url"):
                    if phrase not in row["url"]:  # evidence in the article's address, e.g. its /2017/08/ path
                        problems.append(Problem(table.label, line, locator, f"phrase {phrase!r} is not in the row's url",
                                                "copy the part of the address exactly"))
                    continue
                text = sourcetext.text_of(row[source], folder)
                if text is not None and not sourcetext.occurs(phrase, text):
                    problems.append(Problem(table.label, line, locator, f"phrase {phrase!r} is not in {row[source]}",
                                            "copy the phrase exactly from the cited passage"))
    return problems


def validate(folder: Path = DATA, references: Path = REFERENCES, sources: Path = sourcetext.SOURCES) -> tuple[dict[str, Table], list[Problem]]:
    package = load_package(folder)
    tables, problems = {}, []
    for resource in package["resources"]:
        table, found = read_table(folder, resource)
        problems += found
        if table is not None:
            tables[table.name] = table
            problems += check_schema(table) + check_dates(table)
    problems += check_foreign_keys(tables)
    problems += check_citation_keys(tables, bibliography_keys(references))
    problems += check_coverage(tables) + check_features(tables) + check_units(tables)
    problems += check_against_sources(tables, sources)
    return tables, problems


def summary(tables: dict[str, Table]) -> list[str]:
    """Rows per table and the share of fact-bearing rows that carry a locator."""
    lines = []
    for name, table in tables.items():
        if "locator" not in {f["name"] for f in table.schema["fields"]} and "locator_a" not in {f["name"] for f in table.schema["fields"]}:
            lines.append(f"{name:14} {len(table.rows):4} rows (codebook: the edition's definitions, no facts)")
            continue
        located = sum(1 for row in table.rows if all(row.get(c) for c in LOCATOR_FOR if c in row))
        lines.append(f"{name:14} {len(table.rows):4} rows, {located / max(len(table.rows), 1):.0%} with a locator")
    return lines


def main() -> int:
    tables, problems = validate()
    for problem in problems:
        print(problem)
    for line in summary(tables):
        print(line)
    if not sourcetext.available():
        print(f"note: {sourcetext.SOURCES} not found, so quotations and locator phrases were not matched against the articles")
    print(f"validate: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
