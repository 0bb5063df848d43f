"""Each chapter runs as Binder runs it: jupytext reads the MyST file, a fresh
python3 kernel executes it in the chapter's own folder, outside the book build."""
from __future__ import annotations

import os

import jupytext
import nbclient
import pytest
from conftest import ROOT, toc_docnames


def notebooks() -> list[str]:
    """Pages that are notebooks (they declare a kernel)."""
    return [n for n in toc_docnames() if "kernelspec:" in (ROOT / f"{n}.md").read_text(encoding="utf-8")]


def execute(name: str):
    path = ROOT / f"{name}.md"
    notebook = jupytext.read(path)
    assert notebook.metadata["kernelspec"]["name"] == "python3", f"{path}: kernel must be python3"
    os.environ.pop("EDITION_BOOK_BUILD", None)  # as in Binder: no book build
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as error:
        pytest.fail(f"{path} fails in a fresh kernel:\n{str(error)[-3000:]}")
    return notebook


@pytest.mark.parametrize("name", notebooks())
def test_chapter_runs_in_a_fresh_kernel(name):
    execute(name)


def test_charts_use_altairs_own_output_outside_the_book():
    notebook = execute("book/sources")
    html = [
        output["data"]["text/html"]
        for cell in notebook.cells if cell.cell_type == "code"
        for output in cell.get("outputs", []) if "text/html" in output.get("data", {})
    ]
    assert any("vegaEmbed" in h for h in html), "no Altair chart output in the Binder run"
    assert not any("edition-chart__static" in h for h in html), "the book's offline renderer leaked into Binder"
