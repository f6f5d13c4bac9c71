"""The ``{kaart-modele}`` directive: a message template of ``data/modeles/`` to fill in on the page.

```{kaart-modele} demande-rdv-maire
:titre: Courriel à la maire ou au maire
```

On the site, the fill-in form (kaart_course/modeles.py, static/modele/); on paper, the template's text as it
is, its fields in square brackets to fill in by hand.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from kaart_course import modeles
from kaart_course._data import DataError
from kaart_course.sphinxext import widgets


def print_form(state: dict) -> list[nodes.Node]:
    block = nodes.literal_block(state["text"], state["text"], classes=["kaart-modele-print"])
    block["language"] = "text"
    return [block]


class ModeleDirective(SphinxDirective):
    required_arguments = 1
    option_spec = {"titre": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        template_id = self.arguments[0]
        self.env.note_dependency(str(modeles.TEMPLATES_DIR / f"{template_id}.txt"))
        try:
            state = modeles.template_state(template_id, self.options.get("titre", "Modèle de message"))
        except DataError as error:
            raise self.error(str(error)) from error
        return [widgets.widget_node("modele", state, f"modele-{template_id}")]


def setup(app: Sphinx) -> dict:
    app.setup_extension("kaart_course.sphinxext.widgets")
    widgets.register("modele", print_form)
    app.add_directive("kaart-modele", ModeleDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
