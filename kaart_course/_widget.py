"""Widgets whose browser module runs both in live Jupyter and on the static book, with no kernel.

A widget is an anywidget: a Python class with synced traits and one ES module exporting
``render({model, el})`` (``static/<name>/<name>.js``). In Jupyter, anywidget mounts the module on the
kernel-backed model. In the book, the cell output carries the widget's state under the course's own MIME type
(``MIME_TYPE``); kaart_course.sphinxext.widgets turns it into the page's widget and its print form, and
``kaart-mount.js`` mounts the same module on a plain model built from that state — no html-manager,
no require.js, no CDN.
"""

from __future__ import annotations

import html
from typing import ClassVar

import anywidget
import traitlets

from kaart_course import _bundle

MIME_TYPE = "application/vnd.kaart.widget+json"
# What Jupyter shows when it cannot draw the widget (a notebook opened before its cells ran).
RUN_ME = ("Exercice interactif KAART : exécutez cette cellule (▶ ou Maj+Entrée), ou toutes les cellules "
          "(« Run All »), pour l'afficher.")


def widget_payload(module: str, state: dict, element_id: str = "") -> dict:
    """What the book needs to draw a widget: its module, its state and the id of its element."""
    return {"module": module, "state": state, "id": element_id}


class StaticWidget(anywidget.AnyWidget):
    """Base of the course's widgets; a subclass names its browser module in ``_module``."""

    _module: ClassVar[str] = ""
    state = traitlets.Dict().tag(sync=True)

    def __init__(self, **kwargs) -> None:
        cls = type(self)
        if "_esm" not in cls.__dict__:
            # Built on first use, not on import: validating data never needs Node.js.
            cls._esm = _bundle.jupyter_module(cls._module)
            cls._css = _bundle.jupyter_css(cls._module)
        super().__init__(**kwargs)

    def element_id(self) -> str:
        """An id for the widget's element on the page (a link target), or "" for none."""
        return ""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data)
        data[MIME_TYPE] = widget_payload(self._module, self.state, self.element_id())
        data["text/plain"] = RUN_ME
        data["text/html"] = f'<p class="kaart-run-me">{html.escape(RUN_ME)}</p>'
        return data, metadata
