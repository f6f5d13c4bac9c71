"""The ``{kaart-cahier}`` directive: the box that sends a territory page to its cahier.

Usage in a page (``:aussi:`` names the cahiers to read as well; the content, optional, is Markdown)::

    :::{kaart-cahier} grandes-villes
    :aussi: villes-moyennes
    Lisez aussi le cahier Villes pour les communes de l'agglomération.
    :::

The argument and ``:aussi:`` are the course's ids of the cahiers (data/territoires/cahiers.yml); the box shows
each cahier's own title in the publication (Métropoles, Villes, Campagnes, Littoral, Montagne, Outre-mer).

The box names the publication and its date (from ``data/cahiers.yml``) and links the publication page, and
the cahier's own PDF, slide deck and video when the data file gives them. Those links carry the class
``kaart-qr-link``: the PDF guide prints a QR code beside each of them.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from kaart_course._french import format_date
from kaart_course._data import DataError
from kaart_course.cahiers import CAHIERS_PATH, load_publication
from kaart_course.guides import QR_LINK_CLASS

_LINK_LABELS = {"pdf": "le cahier en PDF", "diaporama": "son diaporama", "video": "la vidéo de présentation"}


def _link(text: str, url: str) -> nodes.reference:
    return nodes.reference(text, text, refuri=url, classes=[QR_LINK_CLASS])


class KaartCahier(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec = {"aussi": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(CAHIERS_PATH))
        try:
            publication = load_publication()
        except DataError as error:
            raise self.error(f"{{kaart-cahier}} : données invalides\n{error}") from error
        cahier = publication.cahier(self.arguments[0])
        also_ids = [name.strip() for name in self.options.get("aussi", "").split(",") if name.strip()]
        unknown = [name for name in [self.arguments[0], *also_ids] if publication.cahier(name) is None]
        if unknown:
            known = ", ".join(c.id for c in publication.cahiers)
            raise self.error(f"{{kaart-cahier}} : cahier inconnu « {', '.join(unknown)} » (connus : {known})")

        box = nodes.admonition(classes=["kaart-cahier"])
        box += nodes.title(text=f"Le cahier à lire : {cahier.shift_title}")
        intro = nodes.paragraph()
        intro += nodes.Text(f"Un des six cahiers « {publication.kit} » de la publication ")
        intro += nodes.emphasis(text=publication.title)
        intro += nodes.Text(f" ({publication.publisher}, {format_date(publication.date)}) : "
                            f"{publication.contents}.")
        if also_ids:
            titles = " et ".join(publication.cahier(name).shift_title for name in also_ids)
            intro += nodes.Text(f" À parcourir aussi : {titles}.")
        box += intro
        if self.content:
            box += self.parse_content_to_nodes()
        links = nodes.paragraph()
        own = [(field, cahier.links[field]) for field in _LINK_LABELS if cahier.links.get(field)]
        for field, url in own:
            links += nodes.Text(f"{_LINK_LABELS[field][0].upper()}{_LINK_LABELS[field][1:]} : ")
            links += _link(url, url)
            links += nodes.Text(". ")
        links += nodes.Text("Le cahier, son diaporama et les vidéos sur la page de la publication : ")
        links += _link(publication.url, publication.url)
        box += links
        return [box]


def setup(app: Sphinx) -> dict:
    app.add_directive("kaart-cahier", KaartCahier)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
