"""Chinese terms: every glossary entry has characters, pinyin and English, and each
chapter links a glossary term to the glossary the first time its prose uses it."""
from __future__ import annotations

import re

import pytest
from conftest import ROOT, toc_docnames

GLOSSARY = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
BLOCK = GLOSSARY.split("```{glossary}", 1)[1].split("```", 1)[0]
ENTRIES = [chunk for chunk in re.split(r"\n\n(?=\S)", BLOCK.strip()) if chunk.strip()]


def terms_of(entry: str) -> list[str]:
    return [line.strip() for line in entry.splitlines() if line and not line.startswith(" ")]


TERMS = [t for entry in ENTRIES for t in terms_of(entry)]
ENGLISH = [t for t in TERMS if re.fullmatch(r"[A-Za-z][A-Za-z -]+", t) and t != "SCS"]
CHAPTERS = [n for n in toc_docnames() if n not in ("book/glossary", "book/bibliography", "book/changelog", "book/cite")]


def test_every_entry_gives_characters_pinyin_and_english():
    for entry in ENTRIES:
        names = terms_of(entry)
        assert re.search(r"[\u4e00-\u9fff]", names[0]), f"glossary entry {names}: first term must be the characters"
        assert any(re.fullmatch(r"[A-Za-z][A-Za-z ,-]+", n) for n in names[1:]), f"glossary entry {names}: no English term"
        definition = entry.split("\n", len(names))[-1]
        assert re.search(r"\*[^*]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][^*]*\*", definition), f"glossary entry {names}: no pinyin with tone marks"
        assert "{cite:p}" in definition, f"glossary entry {names}: cite the sources of its renderings"


def prose(text: str) -> str:
    """The chapter's prose: no front matter, code cells, headings, label lines, quotations or non-term roles."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"^(#+ .*|\(.*\)=|:::.*)$", "", text, flags=re.M)
    text = re.sub(r'"[^"\n]*"', '""', text)  # quotations are the sources' words
    text = re.sub(r"\{(?!term\})[a-z:]+\}`[^`]*`", "", text)  # citations, cross-references
    return text


@pytest.mark.parametrize("name", CHAPTERS)
def test_first_use_of_a_glossary_term_links_to_the_glossary(name):
    text = prose((ROOT / f"{name}.md").read_text(encoding="utf-8"))
    links = [(m.start(), m.end()) for m in re.finditer(r"\{term\}`[^`]*`", text)]
    unlinked = []
    for term in ENGLISH:
        first = re.search(rf"(?<![\w-]){re.escape(term)}s?(?![\w-])", text, re.I)
        if first and not any(start <= first.start() < end for start, end in links):
            unlinked.append(repr(term))
    assert not unlinked, f"{name}.md: first use not linked with {{term}}: {', '.join(unlinked)}"
