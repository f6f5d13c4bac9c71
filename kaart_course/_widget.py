"""Widgets whose browser module runs both in live Jupyter and on the static book, with no kernel.

A widget is an anywidget: a Python class with synced traits and one ES module exporting
``render({model, el})`` (``static/kaart-<module>.js``). In Jupyter, anywidget mounts the module on the
kernel-backed model. On the static book the same module is mounted by ``static/kaart-mount.js`` on a
plain model built from the state saved in the page — no html-manager, no require.js, no CDN.
"""

from __future__ import annotations

import html
import json
import re
from typing import ClassVar

import anywidget
import traitlets

from kaart_course.paths import STATIC_DIR

FALLBACK_TEXT = (
    "Cet exercice interactif s'affiche dans votre navigateur. S'il n'apparaît pas, activez JavaScript "
    "ou consultez la version imprimable du guide."
)


def state_json(state: dict) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' can end it or start markup."""
    text = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def mount_html(module: str, state: dict, element_id: str = "") -> str:
    """The static-site form of a widget: its saved state, mounted in the browser by kaart-mount.js."""
    id_attribute = f' id="{html.escape(element_id)}"' if element_id else ""
    return (
        f'<div class="kaart-widget" data-kaart-widget="{html.escape(module)}"{id_attribute}>'
        f'<script type="application/json" class="kaart-state">{state_json(state)}</script>'
        f'<p class="kaart-widget-fallback">{html.escape(FALLBACK_TEXT)}</p>'
        "</div>"
    )


_LOCAL_IMPORT = re.compile(r'^import \{[^}]*\} from "\./(kaart-[a-z-]+\.js)";$', re.M)


def bundled_module(module: str) -> str:
    """The widget's ES module with its imports of sibling modules (kaart-dom.js) inlined.

    The book serves the modules side by side, so the browser resolves ``./kaart-dom.js`` itself; anywidget
    loads a single module from a blob URL, where a relative import cannot resolve.
    """
    source = (STATIC_DIR / f"kaart-{module}.js").read_text(encoding="utf-8")
    return _LOCAL_IMPORT.sub(lambda m: (STATIC_DIR / m.group(1)).read_text(encoding="utf-8"), source)


class StaticWidget(anywidget.AnyWidget):
    """Base of the course's widgets; a subclass names its browser module in ``_module``."""

    _module: ClassVar[str] = ""
    state = traitlets.Dict().tag(sync=True)

    def __init_subclass__(cls, **kwargs) -> None:
        # Only for classes that name a module: anywidget also subclasses each instance's class when it
        # adds the _esm/_css traits, and those classes must keep the traits.
        if "_module" in cls.__dict__:
            cls._esm = bundled_module(cls._module)
            cls._css = STATIC_DIR / "kaart-widgets.css"
        super().__init_subclass__(**kwargs)

    def element_id(self) -> str:
        """An id for the widget's element on the page (a link target), or "" for none."""
        return ""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data)
        # The book renders this (it prefers text/html to the widget view); Jupyter renders the widget.
        data["text/html"] = mount_html(self._module, self.state, self.element_id())
        return data, metadata
