"""The scholarly apparatus: citation metadata in every page, the version in every
footer, a How to cite page generated from CITATION.cff, and a grouped bibliography."""
from __future__ import annotations

import html
import re

import bibtexparser
import yaml
from conftest import ROOT
from edition import citation
from edition.paths import REFERENCES

GROUPS = ["source", "primary", "scholarship", "press"]


def meta(page: str) -> list[tuple[str, str]]:
    return [(name, html.unescape(content)) for name, content in
            re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)" />', page)]


def built_pages(built_book):
    """Every page a reader sees (not Jupyter Book's redirect stub at the root)."""
    pages = sorted(p for p in built_book.rglob("*.html") if "_static" not in p.parts)
    return [p for p in pages if 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")[:300]]


def test_every_page_carries_citation_and_open_graph_tags(built_book):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for path in built_pages(built_book):
        tags = meta(path.read_text(encoding="utf-8"))
        names = [name for name, _ in tags]
        where = path.relative_to(built_book)
        title = dict(tags).get("citation_title", "")
        assert title and not re.match(r"^[0-9]+\.", title), f"{where}: citation_title {title!r}"
        assert [c for n, c in tags if n == "citation_author"] == citation.authors(), f"{where}: citation_author"
        assert dict(tags)["citation_publication_date"] == str(cff["date-released"]).replace("-", "/"), f"{where}: date"
        assert ("citation_book_title" in names) != ("citation_inbook_title" in names), f"{where}: book or in-book title"
        assert {"og:title", "og:type", "og:site_name"} <= set(names), f"{where}: Open Graph tags"
        assert ("citation_public_url" in names) == bool(citation.site_url()), f"{where}: public URL only when configured"


def test_root_page_is_the_book_and_chapters_are_in_it(built_book):
    root = dict(meta((built_book / "book" / "index.html").read_text(encoding="utf-8")))
    assert root["citation_title"] == citation.metadata()["title"] and root["og:type"] == "book"
    chapter = dict(meta((built_book / "book" / "debates" / "dai.html").read_text(encoding="utf-8")))
    assert chapter["citation_title"] == "Xin Dai" and chapter["citation_inbook_title"] == citation.metadata()["title"]


def test_every_footer_shows_the_version(built_book):
    version = citation.metadata()["version"]
    for path in built_pages(built_book):
        assert f"Version {version} (" in path.read_text(encoding="utf-8"), f"{path.relative_to(built_book)}: no version in the footer"


def test_how_to_cite_gives_every_chapter_in_three_styles(built_book):
    page = html.unescape((built_book / "book" / "cite.html").read_text(encoding="utf-8"))
    for work in [citation.book(), *citation.chapters()]:
        assert re.sub(r"\*", "", citation.apa(work)) in re.sub(r"</?em>", "", page), f"APA citation of {work.title!r} missing"
        assert f"@{'book' if work.is_book else 'incollection'}{{{work.key}," in page, f"BibTeX of {work.title!r} missing"
    assert page.count("<strong>Chicago</strong>") == len(citation.chapters()) + 1


def test_bibtex_keys_of_chapters_are_unique():
    keys = [w.key for w in [citation.book(), *citation.chapters()]]
    assert len(keys) == len(set(keys))


def test_every_reference_has_a_group_and_a_url_doi_or_note():
    for entry in bibtexparser.parse_file(str(REFERENCES)).entries:
        fields = entry.fields_dict
        group = fields["keywords"].value if "keywords" in fields else None
        assert group in GROUPS, f"references.bib:{entry.start_line + 1}: {entry.key}: keywords must be one of {GROUPS}"
        assert {"url", "doi", "note"} & set(fields), f"references.bib:{entry.start_line + 1}: {entry.key}: give a url, a doi, or a note saying why not"


def test_bibliography_page_lists_each_group(built_book):
    page = (built_book / "book" / "bibliography.html").read_text(encoding="utf-8")
    parts = re.split(r'id="references-(sources|primary|scholarship|press)"', page)
    assert parts[1::2] == ["sources", "primary", "scholarship", "press"], "the four groups, in order"
    sections = parts[2::2]
    library = bibtexparser.parse_file(str(REFERENCES))
    counts = {g: sum(1 for e in library.entries if e.fields_dict["keywords"].value == g) for g in GROUPS}
    for group, section in zip(GROUPS, sections):
        assert section.count('class="citation"') == counts[group], f"group {group}: entries missing from the page"
        assert 'role="doc-biblioentry"' not in section, "deprecated ARIA role left in the citation list"
    assert "[2017]" in page and "[2019]" in page, "inferred years must show in square brackets"
