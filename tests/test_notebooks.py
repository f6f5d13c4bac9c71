"""Every notebook runs alone: converted with jupytext, executed top to bottom in a fresh kernel from its folder.

A notebook is an exercise in exercises/ (MyST Markdown or .ipynb) or any MyST page whose front matter
declares a ``kernelspec``. The book executes them too, but through jupyter-cache; this catches a notebook
that only works thanks to state left by another one, or one that a reader downloading it could not run.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from kaart_course.conventions import read_page
from kaart_course.paths import REPO_ROOT

SKIPPED_FOLDERS = {"_build", ".venv", "node_modules", "tests", ".git", ".ipynb_checkpoints"}
TIMEOUT = 120  # seconds per cell, as in _config.yml


def _sources() -> list[Path]:
    return sorted(
        path
        for path in REPO_ROOT.rglob("*")
        if path.suffix in (".md", ".ipynb")
        and not SKIPPED_FOLDERS.intersection(path.relative_to(REPO_ROOT).parts)
    )


def _is_notebook(path: Path) -> bool:
    if path.suffix == ".ipynb":
        return True
    front, _ = read_page(path.read_text(encoding="utf-8"))
    return "kernelspec" in front or "kernelspec" in front.get("jupytext", {})


NOTEBOOKS = [path for path in _sources() if _is_notebook(path)]


def test_exercises_are_notebooks() -> None:
    exercises = [p for p in _sources() if p.relative_to(REPO_ROOT).parts[0] == "exercises"]
    assert exercises, "no exercise in exercises/"
    assert [p for p in exercises if p not in NOTEBOOKS] == [], "an exercise has no kernelspec"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: str(path.relative_to(REPO_ROOT)))
def test_notebook_runs_alone_in_a_fresh_kernel(path: Path) -> None:
    notebook = jupytext.read(path)
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name=notebook.metadata.get("kernelspec", {}).get("name", "python3"),
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(f"{path.relative_to(REPO_ROOT)}: a cell raised an error:\n{error}", pytrace=False)
    nbformat.validate(notebook)
    # The strict build turns any stderr output into a warning, hence an error: say which cell wrote it.
    stderr = [
        f"cell {index}: {output.text.strip()}"
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.output_type == "stream" and output.name == "stderr"
    ]
    assert stderr == [], f"{path.relative_to(REPO_ROOT)} writes to stderr"
