"""references.bib parses cleanly, entries are complete, and every cited key exists."""
from __future__ import annotations

import bibtexparser
from edition.paths import REFERENCES
from edition.references import REQUIRED, check_bibliography, check_citations, cited_keys, uncited_entries

GOOD = """@misc{ok2020,
  title  = {{A title}},
  author = {Doe, Jane},
  year   = {2020}
}
"""


def test_references_parse_without_failed_blocks():
    library = bibtexparser.parse_file(str(REFERENCES))
    assert library.failed_blocks == [], f"unparsable blocks in references.bib: {library.failed_blocks}"
    keys = [entry.key for entry in library.entries]
    assert len(keys) == len(set(keys)), "duplicate keys in references.bib"


def test_references_have_required_fields_and_cited_keys_exist():
    assert check_bibliography() == []
    assert check_citations() == []
    assert cited_keys(), "no {cite} roles found in book/: the citation scanner is broken"


def test_every_entry_type_used_has_rules():
    types = {entry.entry_type.lower() for entry in bibtexparser.parse_file(str(REFERENCES)).entries}
    assert types <= set(REQUIRED), f"entry types without required-field rules: {types - set(REQUIRED)}"


def test_malformed_entry_names_file_line_and_fix(tmp_path):
    bib = tmp_path / "bad.bib"
    bib.write_text(GOOD + "\n@misc{broken,\n  title = {Unclosed\n")
    problems = check_bibliography(bib)
    assert len(problems) == 1 and problems[0].startswith(f"{bib}:7: unparsable")
    assert "fix the BibTeX syntax" in problems[0]


def test_duplicate_key_is_reported(tmp_path):
    bib = tmp_path / "dup.bib"
    bib.write_text(GOOD + "\n" + GOOD)
    problems = check_bibliography(bib)
    assert problems and "rename or merge the second entry with key 'ok2020'" in problems[0]


def test_missing_required_field_is_reported(tmp_path):
    bib = tmp_path / "incomplete.bib"
    bib.write_text("@article{nojournal2020,\n  title = {T},\n  author = {Doe, J.},\n  year = {2020}\n}\n")
    assert check_bibliography(bib) == [
        f"{bib}:1: entry 'nojournal2020': missing field 'journal' required for @article: add it"
    ]


def test_unknown_citation_key_names_file_and_line(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(GOOD)
    chapter = tmp_path / "chapter.md"
    chapter.write_text("# A chapter\n\nAs argued {cite:p}`ok2020, nosuch2021`.\n")
    assert check_citations(tmp_path, bib) == [
        f"{chapter}:3: unknown citation key 'nosuch2021': add it to refs.bib or correct the key"
    ]


def test_every_entry_is_cited_in_a_chapter_or_a_data_row():
    assert uncited_entries() == []


def test_an_uncited_entry_is_reported(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(GOOD + "\n@misc{orphan2020,\n  title = {{Never cited}},\n  author = {Doe, J.}\n}\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "chapter.md").write_text("As argued {cite:p}`ok2020`.\n")
    assert uncited_entries(tmp_path, bib) == [f"{bib}:7: entry 'orphan2020' is cited nowhere: cite it in a chapter or a data row, or remove it"]
