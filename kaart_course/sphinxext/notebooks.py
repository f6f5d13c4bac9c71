"""Offer each exercise notebook, authored as MyST Markdown, as an executed ``.ipynb`` download.

sphinx-book-theme only copies the executed notebook when a launch service is configured, and ours has
none (the site must work offline), so this does the copy and hands the theme its download link.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from sphinx.application import Sphinx


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


def _offer_ipynb(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html" or not pagename.startswith("exercises/"):
        return
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.exists():
        return
    notebook = _with_outputs(app, nbformat.read(executed, as_version=nbformat.NO_CONVERT))
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app: Sphinx) -> None:
    # Before the theme builds its header buttons (default priority 500).
    app.connect("html-page-context", _offer_ipynb, priority=400)
