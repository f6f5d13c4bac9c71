"""Serve the widgets' browser modules from the book itself and mount them on the pages that have one.

Notebook outputs and directives put a ``[data-kaart-widget]`` element in the page (kaart_course._widget);
this adds ``kaart-mount.js`` and the widgets' CSS to exactly those pages. The html-manager and require.js
that myst-nb would load from a CDN are never used, and the saved ipywidgets state is left out of the page.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from kaart_course.paths import STATIC_DIR

WIDGET_MARKER = "data-kaart-widget="
WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")


def _prefer_static_form(app: Sphinx, config: Config) -> None:
    # A widget output offers the widget view and our text/html form: the book shows the latter.
    overrides = list(config.nb_mime_priority_overrides or [])
    overrides += [(builder, "text/html", 0) for builder in HTML_BUILDERS]
    config.nb_mime_priority_overrides = overrides
    config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def _attach_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if WIDGET_MARKER in context.get("body", ""):
        # Added for this page only (Sphinx reverts page-specific assets after writing it).
        app.add_css_file("kaart-widgets.css")
        app.add_js_file("kaart-mount.js", type="module")
    context["script_files"] = [
        asset for asset in context.get("script_files", [])
        if getattr(asset, "attributes", {}).get("type") != WIDGET_STATE_TYPE
    ]


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _prefer_static_form)
    app.connect("html-page-context", _attach_assets, priority=800)
