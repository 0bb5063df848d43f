"""How to cite the edition and its chapters, from one metadata file: CITATION.cff.

The "How to cite" page, the version in every page footer and the citation_*
meta tags of every page are all made here, so nothing is typed twice.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from edition.paths import ROOT


@lru_cache(maxsize=1)
def metadata() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def site_url() -> str:
    """The published book's address (``html_baseurl`` in _config.yml), or "" when none is configured."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return ((config.get("sphinx") or {}).get("config") or {}).get("html_baseurl", "") or ""


def authors() -> list[str]:
    """Authors as written in citations: 'Family, Given' for persons, the name for an entity."""
    return [a["name"] if "name" in a else f"{a['family-names']}, {a['given-names']}" for a in metadata()["authors"]]


@dataclass(frozen=True)
class Work:
    """The book, or one chapter of it."""

    title: str
    docname: str = ""  # e.g. "book/debates/backer"; empty for the whole book

    @property
    def is_book(self) -> bool:
        return not self.docname

    @property
    def url(self) -> str:
        meta = metadata()
        if self.is_book:
            return site_url() or meta["repository-code"]
        if site_url():
            return f"{site_url().rstrip('/')}/{self.docname}.html"
        return f"{meta['repository-code']}/blob/main/{self.docname}.md"

    @property
    def key(self) -> str:
        year = str(metadata()["date-released"])[:4]
        return f"scsedition{year}" + ("" if self.is_book else re.sub(r"[^a-z0-9]", "", self.docname.rsplit("/", 1)[-1]))


def book() -> Work:
    return Work(metadata()["title"])


def bibtex(work: Work) -> str:
    meta = metadata()
    fields = {
        "title": f"{{{work.title}}}",
        "author": " and ".join(f"{{{a}}}" if "," not in a else a for a in authors()),
        "year": str(meta["date-released"])[:4],
        "edition": f"Version {meta['version']}",
        "url": work.url,
    }
    if not work.is_book:
        fields["booktitle"] = f"{{{meta['title']}}}"
    kind = "book" if work.is_book else "incollection"
    body = ",\n".join(f"  {name:<9} = {{{value}}}" for name, value in fields.items())
    return f"@{kind}{{{work.key},\n{body}\n}}"


def apa(work: Work) -> str:
    meta, year = metadata(), str(metadata()["date-released"])[:4]
    who = ", ".join(authors())
    if work.is_book:
        return f"{who}. ({year}). *{work.title}* (Version {meta['version']}). {work.url}"
    return f"{who}. ({year}). {work.title}. In *{meta['title']}* (Version {meta['version']}). {work.url}"


def chicago(work: Work) -> str:
    meta, year = metadata(), str(metadata()["date-released"])[:4]
    who = ", ".join(authors())
    if work.is_book:
        return f"{who}. *{work.title}*. Version {meta['version']}. {year}. {work.url}."
    return f"{who}. “{work.title}.” In *{meta['title']}*. Version {meta['version']}. {year}. {work.url}."


def as_html(text: str) -> str:
    """A citation string with *italics* marked up."""
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", html.escape(text, quote=False))


def footer() -> str:
    meta = metadata()
    return f"Version {meta['version']} ({meta['date-released']}). Text and data CC BY 4.0; code MIT."


def meta_tags(title: str, docname: str, root: str) -> list[tuple[str, str, str]]:
    """Highwire Press citation_* and Open Graph tags for one page: (attribute, name, content)."""
    meta = metadata()
    work = Work(title, "" if docname == root else docname)
    tags = [("name", "citation_title", title)]
    tags += [("name", "citation_author", author) for author in authors()]
    tags += [("name", "citation_publication_date", str(meta["date-released"]).replace("-", "/")),
             ("name", "citation_publisher", "The SCS Edition editors")]
    if work.is_book:
        tags.append(("name", "citation_book_title", meta["title"]))
    else:
        tags.append(("name", "citation_inbook_title", meta["title"]))
    tags.append(("name", "citation_language", "en"))
    if site_url():
        tags.append(("name", "citation_public_url", work.url))
        tags.append(("property", "og:url", work.url))
    tags += [("property", "og:title", title), ("property", "og:type", "book" if work.is_book else "article"),
             ("property", "og:site_name", meta["title"]), ("property", "og:description", meta["abstract"].split(". ")[0] + ".")]
    return tags


def chapters() -> list[Work]:
    """Every page of _toc.yml after the root, with its title (its first '# ' heading)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    works = []
    for part in toc.get("parts", []):
        for entry in part["chapters"]:
            text = (ROOT / f"{entry['file']}.md").read_text(encoding="utf-8")
            heading = re.search(r"^# (.+)$", text, re.M)
            works.append(Work(heading.group(1).strip(), entry["file"]))
    return works


def citation_block(work: Work) -> str:
    """APA, Chicago and BibTeX for one work, as HTML."""
    return (
        f"<p><strong>APA</strong><br>{as_html(apa(work))}</p>"
        f"<p><strong>Chicago</strong><br>{as_html(chicago(work))}</p>"
        f"<p><strong>BibTeX</strong></p><pre>{html.escape(bibtex(work))}</pre>"
    )


def chapter_blocks() -> str:
    """One collapsible citation block per chapter."""
    return "".join(
        f'<details class="edition-data" id="cite-{w.docname.rsplit("/", 1)[-1]}"><summary>{html.escape(w.title)}</summary>'
        f"{citation_block(w)}</details>"
        for w in chapters()
    )
