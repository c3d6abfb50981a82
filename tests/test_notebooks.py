"""The notebooks run top to bottom on a fresh kernel, as a user runs them."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
PLOTS = ("plt.", "matplotlib", ".plot(", "sns.")


def figures_missing(notebook) -> list[str]:
    """Plotting cells without an image/png output (a figure stored as "<Figure size ...>" only)."""
    return [cell.source.splitlines()[0] for cell in notebook.cells
            if cell.cell_type == "code" and any(p in cell.source for p in PLOTS)
            and not any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_run_without_errors(path, tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert outputs, "a notebook that shows nothing"
    assert not figures_missing(notebook)


def test_notebooks_are_stored_with_outputs():
    nbformat = pytest.importorskip("nbformat")
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert code and all(c.get("execution_count") for c in code), f"{path.name}: run it before committing"


def test_notebooks_store_every_figure_as_an_image():
    nbformat = pytest.importorskip("nbformat")
    plotted = 0
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        assert not figures_missing(notebook), f"{path.name}: a figure without image/png"
        plotted += sum(1 for c in notebook.cells if c.cell_type == "code" and any(p in c.source for p in PLOTS))
    assert plotted, "no notebook plots anything: the check above checked nothing"
