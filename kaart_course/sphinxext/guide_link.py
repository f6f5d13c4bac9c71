"""Links to what a reader takes away: the learner's PDF guide (a header button on every page and a
``{kaart-guide-pdf}`` button) and the whole site as a ZIP (``{kaart-site-archive}``), each with its size.

The sizes are only known once the guide and the archive are built, after the pages: each link carries an
empty ``data-kaart-size-of`` mark that ``kaart_course.publish.finish_site`` fills (``make book``). The
archive's block has two versions: the download link on the site, and a note in the copy inside the archive.
"""

from __future__ import annotations

from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from kaart_course import release
from kaart_course.guides import EDITIONS, LEARNER
from kaart_course.publish import ARCHIVE, ARCHIVE_FOLDER

LABEL = "Télécharger le guide (PDF)"


def _size_mark(filename: str) -> str:
    return f'<span data-kaart-size-of="{filename}"></span>'


class guide_link(nodes.General, nodes.Element):
    """Resolved per builder: a download button on the site, nothing in print."""


class site_archive(nodes.General, nodes.Element):
    """Resolved per builder: the archive's download link on the site, nothing in print."""


class GuideLinkDirective(SphinxDirective):
    """``{kaart-guide-pdf}`` links to the learner's guide; ``{kaart-guide-pdf} formateur`` to the trainer's."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        slug = self.arguments[0] if self.arguments else LEARNER.slug
        if slug not in {edition.slug for edition in EDITIONS}:
            raise self.error(f"{{kaart-guide-pdf}} : guide inconnu {slug!r}")
        return [guide_link(slug=slug)]


class SiteArchiveDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        return [site_archive()]


def _archive_html(href: str) -> str:
    url = release.site_url()
    published = ("" if release.is_placeholder(url) else
                 f' La dernière version est en ligne : <a class="reference external" href="{url}">{url}</a>.')
    return (
        f'<div class="kaart-site-archive" data-kaart-archive="site"><p class="kaart-guide-link">'
        f'<a class="sd-btn sd-btn-primary" href="{href}" download="">Télécharger le site entier (.zip'
        f'{_size_mark(ARCHIVE)})</a></p><p>Décompressez-le, puis ouvrez le fichier '
        f'<code>index.html</code> du dossier <code>{ARCHIVE_FOLDER}</code> avec votre navigateur.</p></div>'
        f'<div class="kaart-site-archive" data-kaart-archive="copy" hidden><p>Vous lisez une copie du site '
        f'enregistrée sur cet appareil, où tout marche sans connexion. '
        f'{release.edition_line()}.{published}'
        f'</p></div>')


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
        name = "Télécharger le guide" if edition is LEARNER else "Télécharger le guide du formateur"
        label = f"{name} (PDF{_size_mark(edition.filename)})"
        node.replace_self(nodes.raw(
            "", f'<p class="kaart-guide-link"><a class="sd-btn sd-btn-primary" href="{href}" '
                f'data-kaart-guide-pdf="{edition.slug}">{label}</a></p>', format="html"))
    for node in list(doctree.findall(site_archive)):
        if app.builder.format != "html" or app.builder.name == "singlehtml":
            node.replace_self([])
            continue
        href = relative_uri(app.builder.get_target_uri(docname), ARCHIVE)
        node.replace_self(nodes.raw("", _archive_html(href), format="html"))


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
    app.add_node(site_archive)
    app.add_directive("kaart-site-archive", SiteArchiveDirective)
    app.connect("doctree-resolved", _resolve)
    app.connect("html-page-context", _header_button, priority=510)
