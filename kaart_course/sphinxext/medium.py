"""Text for one medium only: ``{web}`` on screen, ``{papier}`` in print (the PDF guides, a printed page).

A page says « l'atelier ci-dessous » on the site and « la fiche (voir p. N) » on paper by writing both:

    {web}`L'atelier ci-dessous vous aide.`{papier}`La fiche de préparation vous aide.`

or, for whole blocks, ``:::{web}`` / ``:::{papier}``. Both become the same element with the class
``kaart-web`` or ``kaart-papier``: the site's stylesheet hides the paper text on screen and the web text in
print, and the PDF assembler (kaart_course.pdf) drops the web text. The phrases that must never reach paper
are listed in ``data/impression.yml`` and checked on every PDF build.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole

WEB, PAPER = "kaart-web", "kaart-papier"


class MediumRole(SphinxRole):
    """Inline text for one medium; its content is parsed as MyST (links, ``{term}``, emphasis)."""

    def __init__(self, css_class: str) -> None:
        self.css_class = css_class

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        holder = nodes.inline(self.rawtext, "", classes=[self.css_class])
        children, messages = self.inliner.parse(self.text, self.lineno, self.inliner, holder)
        holder.extend(children)
        return [holder], messages


class MediumDirective(SphinxDirective):
    """Blocks for one medium (``:::{web}`` / ``:::{papier}``)."""

    has_content = True
    css_class = WEB

    def run(self) -> list[nodes.Node]:
        container = nodes.container(classes=[self.css_class])
        self.set_source_info(container)
        self.state.nested_parse(self.content, self.content_offset, container)
        return [container]


class WebDirective(MediumDirective):
    css_class = WEB


class PaperDirective(MediumDirective):
    css_class = PAPER


def setup(app: Sphinx) -> dict:
    app.add_role("web", MediumRole(WEB))
    app.add_role("papier", MediumRole(PAPER))
    app.add_directive("web", WebDirective)
    app.add_directive("papier", PaperDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
