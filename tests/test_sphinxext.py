"""The book extension's cache rule: a change in book/data or book/edition empties
myst-nb's execution cache, and nothing outside the build folder is ever removed."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from edition import sphinxext


def fake_app(build):
    return SimpleNamespace(outdir=str(build / "html"))


def fake_env(cache):
    return SimpleNamespace(mystnb_config=SimpleNamespace(execution_cache_path=str(cache)))


@pytest.fixture
def inputs(tmp_path, monkeypatch):
    data = tmp_path / "book" / "data" / "table.csv"
    data.parent.mkdir(parents=True)
    data.write_text("id\n1\n")
    monkeypatch.setattr(sphinxext, "BOOK", tmp_path / "book")
    monkeypatch.setattr(sphinxext, "_inputs", lambda: [data])
    return data


def test_cache_survives_when_inputs_are_unchanged_and_is_emptied_when_they_change(tmp_path, inputs):
    build, cache = tmp_path / "_build", tmp_path / "_build" / ".jupyter_cache"
    cache.mkdir(parents=True)
    sphinxext.on_env_before_read_docs(fake_app(build), fake_env(cache), [])  # first build: records the inputs
    cache.mkdir(exist_ok=True)
    (cache / "kept").write_text("x")
    sphinxext.on_env_before_read_docs(fake_app(build), fake_env(cache), [])
    assert (cache / "kept").exists(), "the cache was emptied although no input changed"
    inputs.write_text("id\n2\n")
    sphinxext.on_env_before_read_docs(fake_app(build), fake_env(cache), [])
    assert not cache.exists(), "the cache survived a change in book/data"


def test_refuses_to_remove_anything_outside_the_build_folder(tmp_path, inputs):
    build = tmp_path / "_build"
    outside = tmp_path / "precious"
    outside.mkdir()
    with pytest.raises(RuntimeError, match="refusing to clear"):
        sphinxext.on_env_before_read_docs(fake_app(build), fake_env(outside), [])
    assert outside.exists()
    with pytest.raises(RuntimeError, match="refusing to clear"):
        sphinxext.on_env_before_read_docs(fake_app(build), fake_env(build), [])


def test_every_chapter_depends_on_the_data_and_helpers():
    noted = []
    app = SimpleNamespace(env=SimpleNamespace(note_dependency=noted.append))
    sphinxext.on_source_read(app, "book/sources", [""])
    assert any(p.endswith("book/data/sources.csv") for p in noted)
    assert any(p.endswith("book/edition/charts.py") for p in noted)


def test_font_awesome_filter_removes_only_that_script():
    block = (
        '<link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />\n'
        '  <script defer src="../_static/scripts/fontawesome.js?digest=55c26ed414f5f8a31ebb"></script>\n'
        '  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=1" />'
    )
    filtered = sphinxext.without_fontawesome_js(block)
    assert "fontawesome.js" not in filtered
    assert "theme.css" in filtered and "bootstrap.js" in filtered, "the filter removed more than the Font Awesome script"
