"""Shared fixtures: the project's paths, the table of contents, and one strict build."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
HTML = BUILD / "html"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
STRICT = ["-W", "-n", "--keep-going"]


def toc_docnames() -> list[str]:
    """Every page of _toc.yml, in reading order (e.g. 'book/debates/backer')."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]
    for part in toc.get("parts", []):
        names += [chapter["file"] for chapter in part["chapters"]]
    return names


def build_book(source: Path, output: Path | None = None) -> subprocess.CompletedProcess:
    """Run the strict Jupyter Book build; the caller checks the result."""
    command = [str(JUPYTER_BOOK), "build", str(source), *STRICT]
    if output is not None:
        command += ["--path-output", str(output)]
    env = {k: v for k, v in os.environ.items() if k != "EDITION_BOOK_BUILD"}
    return subprocess.run(command, cwd=source, capture_output=True, text=True, env=env)


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The book built as `make book` builds it (warnings are errors); its HTML folder."""
    result = build_book(ROOT)
    log = (result.stdout + result.stderr)[-6000:]
    assert result.returncode == 0, f"jupyter-book build failed (exit {result.returncode}):\n{log}"
    return HTML
