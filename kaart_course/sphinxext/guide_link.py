"""Links to the learner's PDF guide: a header button on every page and a ``{kaart-guide-pdf}`` button."""

from __future__ import annotations

from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from kaart_course.guides import EDITIONS, LEARNER

LABEL = "Télécharger le guide (PDF)"


class guide_link(nodes.General, nodes.Element):
    """Resolved per builder: a download button on the site, nothing in print."""


class GuideLinkDirective(SphinxDirective):
    """``{kaart-guide-pdf}`` links to the learner's guide; ``{kaart-guide-pdf} formateur`` to the trainer's."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        slug = self.arguments[0] if self.arguments else LEARNER.slug
        if slug not in {edition.slug for edition in EDITIONS}:
            raise self.error(f"{{kaart-guide-pdf}} : guide inconnu {slug!r}")
        return [guide_link(slug=slug)]


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(guide_link)):
        if app.builder.format != "html" or app.builder.name == "singlehtml":
            # On paper the reader holds the guide: where its latest edition is, at the site's address.
            url = urljoin(app.config.kaart_site_url or "", LEARNER.filename)
            node.replace_self(nodes.paragraph(
                "", "", nodes.Text("Sa dernière version se télécharge à l'adresse "),
                nodes.reference("", url.split("//", 1)[-1], refuri=url), nodes.Text("."),
                classes=["kaart-papier", "kaart-guide-link"]) if url.startswith("http") else [])
            continue
        edition = next(e for e in EDITIONS if e.slug == node.get("slug", LEARNER.slug))
        href = relative_uri(app.builder.get_target_uri(docname), edition.filename)
        label = LABEL if edition is LEARNER else "Télécharger le guide du formateur (PDF)"
        node.replace_self(nodes.raw(
            "", f'<p class="kaart-guide-link"><a class="sd-btn sd-btn-primary" href="{href}" '
                f'data-kaart-guide-pdf="{edition.slug}">{label}</a></p>', format="html"))


def _header_button(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if "header_buttons" not in context or app.builder.name == "singlehtml":
        return
    context["header_buttons"].insert(0, {
        "type": "link",
        "url": context["pathto"](LEARNER.filename, 1),
        "tooltip": LABEL,
        "text": "Guide PDF",
        "icon": "fas fa-file-pdf",
        "label": "kaart-guide-pdf",
    })


def setup(app: Sphinx) -> None:
    app.add_node(guide_link)
    app.add_directive("kaart-guide-pdf", GuideLinkDirective)
    app.connect("doctree-resolved", _resolve)
    app.connect("html-page-context", _header_button, priority=510)
