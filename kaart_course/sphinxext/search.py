"""The search page's result snippets: clean text from each page's article (``sphinxext/static/kaart-search.js``)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript
from sphinx.config import Config

STATIC = Path(__file__).parent / "static"


def _search_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if pagename == "search" and app.builder.format == "html":
        # Deferred: it runs after the page's searchtools.js and before the search starts (DOMContentLoaded).
        script = _JavaScript("_static/kaart-search.js", defer="defer")
        context["script_files"] = [*context.get("script_files", []), script]


def _serve(app: Sphinx, config: Config) -> None:
    # Not in the book's _static/: Jupyter Book links every script found there into every page.
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _serve)
    app.connect("html-page-context", _search_page)
