"""Match quotations and locator phrases against the five source articles.

The articles are the publishers' texts and are not part of this repository:
they are read from ../shared/sources (or EDITION_SOURCES) when present.
Matching ignores case, typographic quotes and dashes, and runs of whitespace;
"..." or "…" splits a quotation into fragments that must appear in order, and
[square-bracketed] editorial insertions are skipped.
"""
from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from edition.paths import ROOT

SOURCES = Path(os.environ.get("EDITION_SOURCES", ROOT.parent / "shared" / "sources"))


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for curly, straight in [("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2014", "-"), ("\u2013", "-")]:
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text).strip().lower()


def available(folder: Path = SOURCES) -> bool:
    return folder.is_dir() and any(folder.glob("*.txt"))


@lru_cache(maxsize=None)
def text_of(key: str, folder: Path = SOURCES) -> str | None:
    path = folder / f"{key}.txt"
    return normalise(path.read_text(encoding="utf-8")) if path.exists() else None


def fragments(quote: str) -> list[str]:
    quote = re.sub(r"\[[^\]]*\]", "...", quote)
    parts = re.split(r"\.\.\.|\u2026", quote)
    return [p for p in (normalise(part).strip(" ,;:.'\"") for part in parts) if p]


def occurs(quote: str, text: str) -> bool:
    """Whether every fragment of the quotation appears in the text, in order."""
    position = 0
    for fragment in fragments(quote):
        found = text.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True


def phrase_in_locator(locator: str) -> str | None:
    """The verbatim phrase a locator quotes: the text between its first pair of double quotes."""
    match = re.search(r'"(.+)"', locator)
    return match.group(1) if match else None


def within_quotation_marks(quote: str, key: str, folder: Path = SOURCES) -> bool:
    """Whether every fragment of the quotation lies inside a quoted span of the article (the speaker's own words)."""
    raw = (folder / f"{key}.txt").read_text(encoding="utf-8")
    spans = [normalise(m.group(1)) for m in re.finditer(r'[\u201c"]([^\u201d"]+)[\u201d"]', raw)]
    return all(any(fragment in span for span in spans) for fragment in fragments(quote))
