"""The build fails loudly: a failing cell or an unknown citation key stops it,
and the message names the chapter or the key. Each case builds a one-chapter
book that uses the edition's real configuration."""
from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, build_book

HEADER = (ROOT / "book" / "sources.md").read_text(encoding="utf-8").split("---\n", 2)[1]


def one_chapter_book(tmp_path, body: str):
    for name in ["_config.yml", "references.bib"]:
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in ["_static", "_templates"]:
        shutil.copytree(ROOT / "book" / folder, tmp_path / "book" / folder)
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/index\nchapters:\n  - file: book/chapter\n")
    (tmp_path / "book" / "index.md").write_text("# Index\n\n```{bibliography}\n```\n")
    (tmp_path / "book" / "chapter.md").write_text(f"---\n{HEADER}---\n\n# A chapter\n\n{body}\n")
    return build_book(tmp_path, tmp_path / "out")


@pytest.mark.slow
def test_failing_cell_fails_the_build_and_names_the_chapter(tmp_path):
    result = one_chapter_book(tmp_path, "```{code-cell} ipython3\nraise ValueError('deliberate failure')\n```")
    log = result.stdout + result.stderr
    assert result.returncode != 0, "a failing cell did not fail the build"
    assert "book/chapter.md" in log and "deliberate failure" in log, log[-3000:]


@pytest.mark.slow
def test_unknown_citation_key_fails_the_build(tmp_path):
    result = one_chapter_book(tmp_path, "As shown {cite:p}`nosuchkey2099`.")
    log = result.stdout + result.stderr
    assert result.returncode != 0, "an unknown citation key did not fail the build"
    assert "nosuchkey2099" in log, log[-3000:]


@pytest.mark.slow
def test_control_the_same_book_with_a_sound_chapter_builds(tmp_path):
    result = one_chapter_book(tmp_path, "As shown {cite:p}`kobie2019complicated`.\n\n```{code-cell} ipython3\n1 + 1\n```")
    assert result.returncode == 0, "the one-chapter test book must build when nothing is wrong:\n" + (result.stdout + result.stderr)[-3000:]
