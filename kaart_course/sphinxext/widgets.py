"""Serve the widgets' browser modules from the book itself and mount them on the pages that have one.

Notebook outputs and directives put a ``[data-kaart-widget]`` element in the page (kaart_course._widget);
this adds ``kaart-mount.js`` and the widgets' CSS to exactly those pages. The html-manager and require.js
that myst-nb would load from a CDN are never used, and the saved ipywidgets state is left out of the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from kaart_course.paths import STATIC_DIR

logger = logging.getLogger(__name__)
_MOUNT = re.compile(
    r'data-kaart-widget="([a-z-]+)"[^>]*>\s*<script type="application/json" class="kaart-state">(.*?)</script>', re.S)
PRINT_FORMS: dict[str, Callable[[dict], list[nodes.Node]]] = {}


def register_print_form(module: str, factory: Callable[[dict], list[nodes.Node]]) -> None:
    """How a widget prints: ``factory(state)`` returns the nodes shown on paper instead of the widget."""
    PRINT_FORMS[module] = factory


def _state(payload: str) -> dict:
    return json.loads(payload)  # the payload escapes <, > and & as \uXXXX, which JSON reads back


def _add_print_forms(app: Sphinx, doctree: nodes.document) -> None:
    """After every widget, whether from a directive or a notebook output, put its print form."""
    for raw in list(doctree.findall(nodes.raw)):
        if "html" not in raw.get("format", ""):
            continue
        for module, payload in _MOUNT.findall(raw.astext()):
            factory = PRINT_FORMS.get(module)
            if factory is None:
                logger.warning("widget %s sans version imprimable", module, location=raw,
                               type="kaart", subtype="print")
                continue
            # In a notebook the raw node sits in a mime bundle whose type is chosen per builder later on;
            # the print form goes beside the bundle so that every builder keeps it.
            anchor = raw.parent if "mime" in type(raw.parent).__name__.lower() else raw
            anchor.parent.insert(anchor.parent.index(anchor) + 1,
                                 nodes.container("", *factory(_state(payload)), classes=["kaart-print-form"]))

WIDGET_MARKER = "data-kaart-widget="
WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")


def _prefer_static_form(app: Sphinx, config: Config) -> None:
    # A widget output offers the widget view and our text/html form: the book shows the latter.
    overrides = list(getattr(config, "nb_mime_priority_overrides", None) or [])
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


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _prefer_static_form)
    app.connect("doctree-read", _add_print_forms)
    app.connect("html-page-context", _attach_assets, priority=800)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
