"""The paper questionnaire as its own A4 PDF (``kaart-enquete-formulaire.pdf``), for volunteers who prefer paper.

It is the form's print form (:func:`kaart_course.sphinxext.enquete.print_form`, the one the PDF guide holds),
drawn from the same state, rendered to HTML by docutils and printed by WeasyPrint with its own page style
(``static/enquete/formulaire-a4.css``): large boxes and cases, lines to write on, each question kept on one
page, the two consents framed. The book builds it (kaart_course.sphinxext.enquete_files) into the site.
"""

from __future__ import annotations

import html
from pathlib import Path

from docutils.frontend import get_default_settings
from docutils.io import StringOutput
from docutils.utils import new_document
from docutils.writers.html5_polyglot import Writer

from kaart_course.paths import STATIC_DIR

FORM_PDF = "kaart-enquete-formulaire.pdf"
FORM_CSS = STATIC_DIR / "enquete" / "formulaire-a4.css"


def form_html(state: dict) -> str:
    """The paper questionnaire as one HTML page (French, A4 print style inline, nothing loaded from anywhere)."""
    from kaart_course.sphinxext.enquete import print_form  # docutils nodes only: no Sphinx application needed

    writer = Writer()
    document = new_document("formulaire", get_default_settings(Writer))
    document.extend(print_form(state))
    writer.write(document, StringOutput(encoding="unicode"))
    writer.assemble_parts()
    title = html.escape(f"{state['title']} — questionnaire papier")
    header = html.escape(f"KAART · questionnaire papier, version {state['version']}")
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
            f'<style>{FORM_CSS.read_text(encoding="utf-8")}</style></head>'
            f'<body data-header="{header}"><main>{writer.parts["body"]}</main></body></html>')


def write_form_pdf(state: dict, path: Path) -> Path:
    """Print the paper questionnaire to ``path`` (A4) with WeasyPrint."""
    from weasyprint import HTML  # only the PDF needs it

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=form_html(state), base_url=str(path.parent)).write_pdf(path)
    return path
