"""The PDF guides: built offline from the single-page build, complete, typeset in French, with QR codes."""

import dataclasses
import io
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
import segno
import zxingcpp
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from kaart_course import pdf
from kaart_course.course_plan import course_plan
from kaart_course.paths import REPO_ROOT

HTML_DIR = REPO_ROOT / "_build" / "html"
SINGLEHTML = REPO_ROOT / "_build" / "singlehtml"


def test_french_typography():
    assert pdf.french_typography("Pourquoi ? Voici : « ceci » ; 34 875 communes !") == (
        "Pourquoi\u202f? Voici\u00a0: «\u00a0ceci\u00a0»\u202f; 34\u202f875 communes\u202f!")
    assert pdf.french_typography("déjà\u00a0: rien") == "déjà\u00a0: rien"
    assert pdf.french_typography("Kit d'Alerte") == "Kit d’Alerte"


def test_qr_code_decodes_to_its_url():
    url = "https://kaart.example.org/exercises/00-autodiagnostic.html#quiz-00-bienvenue"
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=4, border=2)
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(buffer.getvalue())))
    assert [code.text for code in decoded] == [url]
    assert pdf.short_url(url) == "kaart.example.org/exercises/00-autodiagnostic.html#quiz-00-bienvenue"


def test_a_qr_link_gets_its_qr_code_on_any_page():
    """The cahier box marks its links with ``kaart-qr-link``: they print with a QR code even on a page that
    does not ask for one beside every link, and other links of that page do not."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(
        '<section><p>Le cahier : <a class="reference external kaart-qr-link" href="https://theshiftproject.org/r/">'
        'lien</a>.</p><p>Autre <a class="reference external" href="https://example.org/">lien</a>.</p></section>',
        "html.parser")
    section = soup.section
    pdf._add_qr_codes(soup, section, "modules/02-territoires/05-montagne", "https://kaart.example.org/", False)
    boxes = section.select(".kaart-qr")
    assert [box["data-kaart-qr"] for box in boxes] == ["https://theshiftproject.org/r/"]
    assert boxes[0].find_previous_sibling("p").a["href"] == "https://theshiftproject.org/r/"


def test_editions_split_learner_and_trainer_parts():
    plan = course_plan()
    assert all(pdf.LEARNER.keeps(p) != pdf.TRAINER.keeps(p) for p in plan)
    assert not any(pdf.LEARNER.keeps(p) for p in plan if p.part == pdf.TRAINER_PART)


def _font_file(family: str) -> str:
    found = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True)
    return found.stdout


def test_every_font_stack_of_the_guide_has_every_glyph():
    """No tofu: each font stack of the print CSS covers French accents, quotes, œ, €, ≤, °C…"""
    needed = "ÀÂÇÉÈÊËÎÏÔÙÛÜŸàâçéèêëîïôùûüÿ«»œŒ€≤≥°’–—…"
    css = pdf.PDF_CSS.read_text(encoding="utf-8")
    stacks = {tuple(re.findall(r'"([^"]+)"', declaration))
              for declaration in re.findall(r"font(?:-family)?\s*:([^;}]+)", css)}
    stacks.discard(())
    assert stacks, "la feuille de style nomme ses polices"
    for stack in stacks:
        cmaps = []
        for family in stack:
            path = _font_file(family)
            assert Path(path).stem.replace("-", " ").lower().startswith(family.split()[0].lower()), (
                f"police « {family} » absente (fc-match donne {path})")
            cmaps.append(TTFont(path, fontNumber=0).getBestCmap())
        missing = [char for char in needed if not any(ord(char) in cmap for cmap in cmaps)]
        assert not missing, f"{stack} : glyphes manquants {missing}"


# learner_pdf (the PDF guides built into the site, as `make book` does) comes from conftest.py.


def _pages_text(path):
    """Each page's text with whitespace runs made single spaces (lines wrap anywhere)."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


@pytest.mark.book
def test_pdf_has_cover_contents_and_every_part_in_order(learner_pdf):
    pages = _pages_text(learner_pdf)
    text = " ".join(pages)
    assert "Kit d’Alerte et d’Action pour la Résilience des Territoires" in pages[0]
    assert "BY-SA 4.0" in pages[0] and "Version" in pages[0]
    assert "Sommaire" in pages[1]
    parts = list(dict.fromkeys(p.part for p in course_plan() if pdf.LEARNER.keeps(p)))
    # Each part opens on its own title page, after the cover and the contents.
    bare = [" ".join(re.sub(r"\bKAART\b|\d+ / \d+", "", page).split()) for page in pages]
    title_pages = {page: number for number, page in enumerate(bare) if page in parts}
    positions = [title_pages.get(part, -1) for part in parts]
    assert all(position > 1 for position in positions), dict(zip(parts, positions))
    assert positions == sorted(positions), "les parties suivent l'ordre du cours"
    for words in ("Résilience", "À retenir", "élus", "«", "»", "Corrigés des quiz"):
        assert words in text, words


@pytest.mark.book
def test_pdf_has_no_blank_page(learner_pdf):
    reader = PdfReader(learner_pdf)
    for number, page in enumerate(reader.pages, start=1):
        has_text = len((page.extract_text() or "").strip()) > 20
        has_image = bool(page.images)
        assert has_text or has_image, f"page {number} vide"


@pytest.mark.book
def test_pdf_fonts_are_embedded(learner_pdf):
    reader = PdfReader(learner_pdf)
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptors = [font.get("/FontDescriptor")]
            for descendant in font.get("/DescendantFonts", []):
                descriptors.append(descendant.get_object().get("/FontDescriptor"))
            for descriptor in filter(None, descriptors):
                descriptor = descriptor.get_object()
                seen.add(str(descriptor.get("/FontName")))
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), descriptor
    assert any("Noto" in name for name in seen), seen


@pytest.mark.book
def test_every_qr_code_decodes_to_a_page_of_the_site(learner_pdf, tmp_path):
    subprocess.run(["pdftoppm", "-r", "110", "-png", str(learner_pdf), str(tmp_path / "p")], check=True, timeout=600)
    base = pdf.site_url()
    urls = []
    for image in sorted(tmp_path.glob("p-*.png")):
        urls += [code.text for code in zxingcpp.read_barcodes(Image.open(image), formats=zxingcpp.BarcodeFormat.QRCode)]
    printed_forms = sum(1 for text in _pages_text(learner_pdf) for _ in re.finditer("À faire en ligne", text))
    assert printed_forms >= 1
    assert len(urls) >= printed_forms, "chaque forme imprimée a son QR code lisible"
    resources = (HTML_DIR / "modules" / "09-annexes" / "ressources.html").read_text(encoding="utf-8")
    for url in urls:
        if url.startswith(base):
            path = urlparse(url).path.removeprefix(urlparse(base).path)
            assert (HTML_DIR / path).is_file(), f"{url} : {path} absent de _build/html"
        else:
            # A listed resource on another site: it must be one of the links of the resources page.
            assert f'href="{url}"' in resources, f"QR code vers {url}, qui n'est pas une ressource listée"
    assert any(url.startswith(base) for url in urls) and any(not url.startswith(base) for url in urls)


@pytest.mark.book
def test_trainer_pages_go_to_their_own_guide(learner_pdf, monkeypatch):
    """The mechanism the trainer kit relies on: pages of « Guide du formateur » leave the learner's guide
    for a guide of their own."""
    plan = course_plan()
    moved = plan[2]
    fake = [p if p is not moved else dataclasses.replace(p, part=pdf.TRAINER_PART) for p in plan]
    monkeypatch.setattr(pdf, "course_plan", lambda root=None: fake)
    trainer = pdf.assemble(SINGLEHTML, pdf.TRAINER)
    learner = pdf.assemble(SINGLEHTML, pdf.LEARNER)
    assert trainer.find(id=f"document-{moved.docname}") is not None
    assert learner.find(id=f"document-{moved.docname}") is None
    assert "Guide du formateur" in trainer.select_one(".kaart-cover").get_text()
    monkeypatch.setattr(pdf, "course_plan", lambda root=None: plan)
    assert pdf.assemble(SINGLEHTML, pdf.TRAINER) is None, "pas de guide formateur tant que la partie n'existe pas"


@pytest.mark.book
def test_the_survey_paper_form_is_printed_in_its_part(learner_pdf):
    """The survey form prints as the paper questionnaire, in « L'enquête », before « Après la rencontre »."""
    pages = _pages_text(learner_pdf)
    bare = [" ".join(re.sub(r"\bKAART\b|\d+ / \d+", "", page).split()) for page in pages]
    part, after = bare.index("L’enquête"), bare.index("Après la rencontre")
    form = [number for number, page in enumerate(pages) if "Questionnaire papier, version" in page]
    assert len(form) == 1 and part < form[0] < after
    text = " ".join(pages[form[0]:after])
    assert "À lire avant la première question" in text and "Accord n° 1" in text and "Accord n° 2" in text
    assert "☐" in text and "20. La collectivité accepte-t-elle" in text
