"""The page-convention blocks: {objectifs}, {a-retenir}, {sources} and the trainer-only {formateur}.

One base directive; each block is a one-line subclass naming its title and CSS class.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from kaart_course.conventions import parse_duration


class _Block(SphinxDirective):
    has_content = True
    title = ""
    css_class = ""
    extra_classes: tuple[str, ...] = ()

    def heading(self) -> str:
        return self.title

    def run(self) -> list[nodes.Node]:
        node = nodes.admonition(classes=["kaart-block", self.css_class, *self.extra_classes])
        node += nodes.title(text=self.heading())
        self.state.nested_parse(self.content, self.content_offset, node)
        self.set_source_info(node)
        return [node]


def _format_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


class Objectifs(_Block):
    title, css_class = "Objectifs", "kaart-objectifs"
    option_spec = {"duree": directives.unchanged_required}

    def heading(self) -> str:
        if "duree" not in self.options:
            raise self.error("{objectifs} : l'option :duree: est obligatoire (ex. « :duree: 20 min »)")
        try:
            minutes = parse_duration(self.options["duree"])
        except ValueError as error:
            raise self.error(f"{{objectifs}} : {error}") from error
        return f"Objectifs · durée estimée : {_format_minutes(minutes)}"


class ARetenir(_Block):
    title, css_class = "À retenir", "kaart-a-retenir"


class Sources(_Block):
    title, css_class = "Sources", "kaart-sources"


class Formateur(_Block):
    """Facilitation note for trainers: folded on the site (sphinx-togglebutton's dropdown, opened on click
    and in print), left out of the learner's PDF guide."""

    title, css_class = "Note pour le formateur", "kaart-formateur"
    extra_classes = ("dropdown",)


def setup(app: Sphinx) -> None:
    app.add_directive("objectifs", Objectifs)
    app.add_directive("a-retenir", ARetenir)
    app.add_directive("sources", Sources)
    app.add_directive("formateur", Formateur)
