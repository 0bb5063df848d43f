"""Where things are, anchored on this file so any working directory works."""
from pathlib import Path

BOOK = Path(__file__).resolve().parent.parent
ROOT = BOOK.parent
DATA = BOOK / "data"
REFERENCES = ROOT / "references.bib"
STATIC = Path(__file__).resolve().parent / "static"
