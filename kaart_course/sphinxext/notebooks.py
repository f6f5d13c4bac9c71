"""Offer each exercise notebook, authored as MyST Markdown, as an executed ``.ipynb`` download.

sphinx-book-theme only copies the executed notebook when a launch service is configured, and ours has
none (the site must work offline), so this does the copy and hands the theme its download link.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx


def _offer_ipynb(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html" or not pagename.startswith("exercises/"):
        return
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.exists():
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(executed, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app: Sphinx) -> None:
    # Before the theme builds its header buttons (default priority 500).
    app.connect("html-page-context", _offer_ipynb, priority=400)
