"""Check references.bib and the citation keys the chapters use.

Run ``python -m edition.references`` to check the project. Every problem is one
line naming the file, the line and the fix.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock

from edition.paths import BOOK, REFERENCES

# Fields each entry type must have ("a|b": either will do).
REQUIRED = {
    "article": ["author", "title", "journal", "year"],
    "book": ["author|editor", "title", "publisher", "year"],
    "inproceedings": ["author", "title", "booktitle", "year"],
    "incollection": ["author", "title", "booktitle", "publisher", "year"],
    "techreport": ["author", "title", "institution", "year"],
    "phdthesis": ["author", "title", "school", "year"],
    "misc": ["author", "title"],
}

# {cite}`a,b`, {cite:p}`a`, {cite:t}`a` ... in MyST Markdown.
CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")


def check_bibliography(path: Path = REFERENCES) -> list[str]:
    """Problems in a .bib file: unparsable blocks, duplicate keys, missing fields."""
    library = bibtexparser.parse_file(str(path))
    problems = []
    for block in library.failed_blocks:
        if isinstance(block, DuplicateBlockKeyBlock):
            fix = f"rename or merge the second entry with key {block.key!r}"
        elif isinstance(block, DuplicateFieldKeyBlock):
            fix = f"remove the repeated field(s) {sorted(block.duplicate_keys)}"
        else:
            fix = "fix the BibTeX syntax (unbalanced braces, missing comma or missing key?)"
        problems.append(f"{path}:{block.start_line + 1}: unparsable or duplicate entry: {fix}")
    for entry in library.entries:
        rules = REQUIRED.get(entry.entry_type.lower())
        where = f"{path}:{entry.start_line + 1}: entry {entry.key!r}"
        if rules is None:
            problems.append(f"{where}: unsupported type @{entry.entry_type}: use one of {sorted(REQUIRED)}")
            continue
        fields = {k.lower() for k, v in entry.fields_dict.items() if str(v.value).strip()}
        for rule in rules:
            if not fields & set(rule.split("|")):
                problems.append(f"{where}: missing field '{rule}' required for @{entry.entry_type.lower()}: add it")
    return problems


def bibliography_keys(path: Path = REFERENCES) -> set[str]:
    return {entry.key for entry in bibtexparser.parse_file(str(path)).entries}


def cited_keys(folder: Path = BOOK) -> dict[str, list[str]]:
    """Every citation key used in the chapters, with the places (file:line) it is used."""
    places = defaultdict(list)
    for path in sorted(folder.rglob("*.md")):
        if any(part.startswith(("_build", ".")) for part in path.parts):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in CITE_ROLE.finditer(line):
                for key in match.group(1).split(","):
                    places[key.strip()].append(f"{path}:{number}")
    return dict(places)


def check_citations(folder: Path = BOOK, path: Path = REFERENCES) -> list[str]:
    """Citation keys used in the chapters that references.bib does not define."""
    known = bibliography_keys(path)
    return [
        f"{place}: unknown citation key {key!r}: add it to {path.name} or correct the key"
        for key, places in sorted(cited_keys(folder).items())
        if key not in known
        for place in places
    ]


SOURCE_COLUMNS = ("source", "source_a", "source_b", "origin")


def keys_used_by_data(folder: Path = BOOK / "data") -> set[str]:
    """Citation keys the dataset's rows cite."""
    import csv

    used = set()
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                used |= {row[c] for c in SOURCE_COLUMNS if row.get(c)}
    return used


def uncited_entries(folder: Path = BOOK, path: Path = REFERENCES) -> list[str]:
    """Entries of references.bib that neither the chapters nor the dataset cite."""
    used = set(cited_keys(folder)) | keys_used_by_data(folder / "data")
    return [
        f"{path}:{entry.start_line + 1}: entry {entry.key!r} is cited nowhere: cite it in a chapter or a data row, or remove it"
        for entry in bibtexparser.parse_file(str(path)).entries
        if entry.key not in used
    ]


def main() -> int:
    problems = check_bibliography() + check_citations() + uncited_entries()
    for problem in problems:
        print(problem)
    print(f"references: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
