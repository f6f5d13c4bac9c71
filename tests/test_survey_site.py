"""The survey's files in the built site (kaart_course.sphinxext.enquete_files): the XLSForm converts with pyxform,
the paper form is its own A4 PDF, the sample report is built from fictitious answers, says so, hides small
cells and gives every chart an alt text; the pages link to them; the page of communes met says how to fill it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from pypdf import PdfReader
from pyxform.xls2xform import convert

from kaart_course.sphinxext.enquete_files import FILES, FOLDER
from kaart_course.survey import load_questionnaire

pytestmark = [pytest.mark.book]


def _site_file(built_book, key: str) -> Path:
    return built_book.html_dir / FOLDER / FILES[key]


def _text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def test_the_published_xlsform_converts_with_pyxform(built_book):
    result = convert(xlsform=str(_site_file(built_book, "xlsform")), warnings=(warnings := []))
    assert warnings == [] and result.warnings == []
    for question in load_questionnaire().questions:
        assert f"/{question.id}" in result.xform


def test_the_paper_form_is_its_own_a4_pdf(built_book):
    path = _site_file(built_book, "formulaire")
    reader = PdfReader(path)
    assert 2 <= len(reader.pages) <= 5
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    text = _text(path)
    for question in load_questionnaire().questions:
        assert question.label.split(" ")[0] in text
    assert "À lire avant la première question" in text and "Accord n° 1" in text and "Accord n° 2" in text


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alts: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))


def test_the_sample_report_is_fictitious_suppressed_and_described(built_book):
    page = _site_file(built_book, "rapport-html").read_text(encoding="utf-8")
    assert "(données fictives)" in page and "Données fictives : ce rapport est un exemple" in page
    assert "&lt; 5" in page, "small cells are suppressed"
    images = _Images()
    images.feed(page)
    assert len(images.alts) >= 10 and all(alt and "Diagramme en barres" in alt for alt in images.alts)
    assert not re.search(r"""src=["']?(https?:|//)""", page), "nothing loaded from elsewhere"
    assert all(href.startswith("data:") for href in re.findall(r'<link [^>]*href="([^"]*)"', page)), \
        "a link loads nothing (the icon is inline)"
    assert "CC BY-SA 4.0" in page and "MIT" in page, "the course's licences, as on every page of the site"
    pdf = _text(_site_file(built_book, "rapport-pdf"))
    assert "données fictives" in pdf.lower() and "Méthode et limites" in pdf


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "kaart-enquete-fichier" in (attributes.get("class") or ""):
            self.links.append(attributes["href"])
        if tag == "img":
            self.images.append(attributes)


@pytest.mark.parametrize(("page", "keys"), [
    ("modules/06-enquete/04-ce-que-deviennent-les-reponses.html", {"xlsform", "rapport-html", "rapport-pdf"}),
    ("exercises/06-enquete.html", {"formulaire"}),
])
def test_pages_link_to_the_files_in_the_site(built_book, page, keys):
    parser = _Links()
    parser.feed((built_book.html_dir / page).read_text(encoding="utf-8"))
    targets = {unquote(urljoin(page, href)) for href in parser.links}
    assert targets == {f"{FOLDER}/{FILES[key]}" for key in keys}
    assert all((built_book.html_dir / target).is_file() for target in targets)


def test_the_excerpt_of_the_sample_report_has_its_alt_text(built_book):
    parser = _Links()
    page = "modules/06-enquete/04-ce-que-deviennent-les-reponses.html"
    html = (built_book.html_dir / page).read_text(encoding="utf-8")
    parser.feed(html)
    excerpt = [img for img in parser.images if "besoins" in img.get("src", "")]
    assert len(excerpt) == 1 and excerpt[0]["alt"].startswith("De quoi la collectivité aurait-elle besoin")
    assert "Diagramme en barres" in excerpt[0]["alt"] and "Exemple fictif" in html
    assert (built_book.html_dir / unquote(urljoin(page, excerpt[0]["src"]))).is_file()


def test_without_a_tracking_file_the_page_says_how_to_produce_it(built_book):
    from kaart_course.survey.tracking import TRACKING_PATH

    html = (built_book.html_dir / "modules/06-enquete/06-communes-rencontrees.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    if TRACKING_PATH.exists():
        assert "collectivité(s) rencontrée(s)" in text
    else:
        assert "Aucun fichier de suivi" in text
        assert "kaart enquete suivi --base enquete.sqlite -o data/suivi/communes.json" in text
