"""Offer each exercise notebook, authored as MyST Markdown, as an executed ``.ipynb`` download.

sphinx-book-theme only copies the executed notebook when a launch service is configured, and ours has
none (the site must work offline), so this does the copy and hands the theme its download link.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from sphinx.application import Sphinx

from kaart_course._widget import MIME_TYPE
from kaart_course.jupyter_text import notebook_for_jupyter


def _with_outputs(app: Sphinx, notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook with its outputs, taken from the jupyter-cache when the copy on disk has none.

    When myst-nb finds a notebook in the jupyter-cache it renders the cached outputs but writes the
    notebook it read, without outputs, to jupyter_execute/ (myst-nb 1.4.0): merge them back.
    """
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    if not code or any(cell.outputs or cell.get("execution_count") for cell in code):
        return notebook
    cache_path = getattr(app.env, "mystnb_config", None) and app.env.mystnb_config.execution_cache_path
    if not cache_path or not Path(cache_path).exists():
        return notebook
    from jupyter_cache import get_cache

    try:
        _, merged = get_cache(cache_path).merge_match_into_notebook(notebook)
    except KeyError:  # not in the cache (execution off for this page): offer it as it is
        return notebook
    return merged


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def for_download(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as a reader opens it in Jupyter before running anything.

    The executed notebook keeps, for each course widget, a view of a widget model that only existed in the
    kernel that ran it: JupyterLab then shows « Loading widget… » forever, or an error. Without that view
    (and the saved widget state), Jupyter shows the output's HTML form instead, which says to run the cell or
    « Run All » (kaart_course._widget.RUN_ME); running the cell draws the live widget. Its text is put in
    standard MyST, which jupyterlab-myst renders (kaart_course.jupyter_text).
    """
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME_TYPE in data:
                data.pop(WIDGET_VIEW, None)
    notebook.metadata.pop("widgets", None)
    return notebook_for_jupyter(notebook)


def _offer_ipynb(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html" or not pagename.startswith("exercises/"):
        return
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.exists():
        return
    notebook = for_download(_with_outputs(app, nbformat.read(executed, as_version=nbformat.NO_CONVERT)))
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app: Sphinx) -> None:
    # Before the theme builds its header buttons (default priority 500).
    app.connect("html-page-context", _offer_ipynb, priority=400)
