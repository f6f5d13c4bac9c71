"""The exercises as notebooks to open in Jupyter, for `make lab`: _build/jupyter/<exercise>.ipynb.

    .venv/bin/python scripts/lab_notebooks.py [OUTPUT_DIR]

Each MyST notebook of exercises/ is read by jupytext, its text put in standard MyST for jupyterlab-myst
(kaart_course.jupyter_text) and written as an .ipynb without outputs: « Run All » draws the widgets. An
existing notebook is left alone, so that a learner's answers and edits survive the next `make lab`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext

from kaart_course.jupyter_text import notebook_for_jupyter
from kaart_course.paths import REPO_ROOT


def write_notebooks(output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted((REPO_ROOT / "exercises").glob("*.md")):
        target = output / f"{source.stem}.ipynb"
        if not target.exists():
            jupytext.write(notebook_for_jupyter(jupytext.read(source)), target)
            written.append(target)
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_ROOT / "_build" / "jupyter"
    for path in write_notebooks(folder):
        print(f"écrit : {path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}")
    print(f"Notebooks des exercices dans {folder}")
