"""Find resources a built page would fetch from outside the book.

Only what a browser loads by itself counts: scripts, stylesheets, fonts,
images, media and frames, in HTML attributes, inline styles and CSS files.
Links a reader follows (<a href>) do not.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)  # http://, https://, //cdn...
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
FETCHING_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload",
    "modulepreload", "prefetch", "prerender", "manifest", "preconnect", "dns-prefetch",
}
SOURCE_ATTRS = {
    "script": ["src"], "img": ["src", "srcset"], "source": ["src", "srcset"],
    "iframe": ["src"], "frame": ["src"], "video": ["src", "poster"], "audio": ["src"],
    "track": ["src"], "embed": ["src"], "object": ["data"], "input": ["src"],
    "image": ["href", "xlink:href"], "use": ["href", "xlink:href"], "feimage": ["href", "xlink:href"],
}


def _urls(value: str) -> list[str]:
    """The URLs in an attribute value (a srcset holds several)."""
    return [part.strip().split(" ")[0] for part in value.split(",")] if "," in value else [value.strip()]


def css_external(css: str) -> list[str]:
    return [u for m in CSS_URL.finditer(css) for u in m.groups() if u and EXTERNAL.match(u)]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        names = list(SOURCE_ATTRS.get(tag, []))
        if tag == "link" and FETCHING_RELS & set(attrs.get("rel", "").lower().split()):
            names.append("href")
        for name in names:
            for url in _urls(attrs.get(name, "")):
                if url and EXTERNAL.match(url):
                    self.found.append(f"<{tag} {name}={url}>")
        for url in css_external(attrs.get("style", "")):
            self.found.append(f"<{tag} style=url({url})>")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.found += [f"<style> url({u})" for u in css_external(data)]


def html_external(page: str) -> list[str]:
    """Every resource in an HTML page that points outside the book."""
    collector = _Collector()
    collector.feed(page)
    return collector.found
