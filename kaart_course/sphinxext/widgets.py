"""Widgets in the book: one docutils node, written once, read by nobody else.

A directive (``{kaart-quiz}``…) or a notebook output (the course's MIME type, see kaart_course._widget) puts a
``widget`` node in the doctree with its module, state and element id. At write time a post-transform turns
it into, for the HTML builders, the element that ``kaart-mount.js`` mounts right away (its state as JSON in a
``<script type="application/json">``, then an inline script that mounts it before the page below is laid out:
no layout jump), followed by the widget's print form (shown instead of the widget on paper, and on screen when
scripts are off); for every other builder, the print form alone.

Each widget registers its print form with :func:`register`; the page loads the shared ``kaart-mount.js`` and
``kaart-widget.css`` and the script and CSS of exactly the widgets it holds.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from kaart_course import _bundle
from kaart_course._widget import MIME_TYPE

logger = logging.getLogger(__name__)
PRINT_FORMS: dict[str, Callable[[dict], list[nodes.Node]]] = {}
WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"
HTML_FORMAT = "html"


class widget(nodes.General, nodes.Element):
    """A course widget: ``module``, ``state`` (the plain data its browser module renders) and ``element_id``."""


def widget_node(module: str, state: dict, element_id: str = "") -> widget:
    return widget("", module=module, state=state, element_id=element_id)


def register(module: str, print_form: Callable[[dict], list[nodes.Node]]) -> None:
    """How a widget prints: ``print_form(state)`` returns the nodes shown on paper instead of the widget."""
    PRINT_FORMS[module] = print_form


def state_json(state: dict) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' can end it or start markup."""
    text = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def mount_html(module: str, state: dict, element_id: str = "") -> str:
    """The page's form of a widget: its state, and the inline call that mounts it where it stands."""
    id_attribute = f' id="{html.escape(element_id)}"' if element_id else ""
    return (
        f'<div class="kaart-widget kaart-widget-{html.escape(module)}" data-kaart-widget="{html.escape(module)}"'
        f'{id_attribute}><script type="application/json" class="kaart-state">{state_json(state)}</script></div>'
        "<script>kaartMount(document.currentScript)</script>"
    )


class RenderWidgets(SphinxPostTransform):
    """Replace each widget node by its page form and its print form (print form only outside HTML)."""

    default_priority = 500

    def run(self, **kwargs) -> None:
        modules: set[str] = set(self.document.get("kaart_widgets", []))
        for node in list(self.document.findall(widget)):
            module, state = node["module"], node["state"]
            factory = PRINT_FORMS.get(module)
            if factory is None:
                logger.warning("widget %s sans version imprimable (widgets.register)", module, location=node,
                               type="kaart", subtype="print")
                printed: list[nodes.Node] = []
            else:
                printed = factory(state)
            replacement: list[nodes.Node] = []
            if self.app.builder.format == HTML_FORMAT:
                replacement.append(nodes.raw("", mount_html(module, state, node["element_id"]), format="html"))
                modules.add(module)
            replacement.append(nodes.container("", *printed, classes=["kaart-print-form"]))
            node.replace_self(replacement)
        self.document["kaart_widgets"] = sorted(modules)


class WidgetMimeRenderer:
    """myst-nb's plugin for the course's MIME type: a notebook output becomes a widget node
    (registered as the ``myst_nb.mime_renderers`` entry point ``kaart`` in pyproject.toml)."""

    mime_priority_overrides = [("*", MIME_TYPE, 0)]

    @staticmethod
    def handle_mime(renderer, data, inline: bool) -> list[nodes.Element] | None:
        if data.mime_type != MIME_TYPE or inline:
            return None
        payload = json.loads(data.content) if isinstance(data.content, (str, bytes)) else data.content
        return [widget_node(payload["module"], payload["state"], payload.get("id", ""))]


def _serve_built_code(app: Sphinx, config: Config) -> None:
    config.html_static_path = [*config.html_static_path, str(_bundle.ensure_built())]


def _attach_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    modules = doctree.get("kaart_widgets", []) if doctree is not None else []
    if modules:
        # Blocking scripts in the head, so that each widget mounts where it stands (page-specific assets:
        # Sphinx forgets them once the page is written).
        app.add_css_file("kaart-widget.css")
        app.add_js_file("kaart-mount.js")
        for module in modules:
            if (_bundle.BUILD_DIR / f"kaart-{module}.css").exists():
                app.add_css_file(f"kaart-{module}.css")
            app.add_js_file(f"kaart-{module}.js")
    # myst-nb saves the notebooks' ipywidgets state for an html-manager the book never loads.
    context["script_files"] = [asset for asset in context.get("script_files", [])
                               if getattr(asset, "attributes", {}).get("type") != WIDGET_STATE_TYPE]


def setup(app: Sphinx) -> dict:
    app.add_node(widget)
    app.add_post_transform(RenderWidgets)
    app.connect("config-inited", _serve_built_code)
    app.connect("html-page-context", _attach_assets, priority=800)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
