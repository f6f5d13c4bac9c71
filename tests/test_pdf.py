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

from kaart_course import pdf, sessions
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
    # Printed under the code, to type by hand: the page, without its anchor
    assert pdf.printed_address(url) == "kaart.example.org/exercises/00-autodiagnostic.html"
    assert pdf.printed_address("https://kaart.example.org/modules/04-preparer/index.html#x") == \
        "kaart.example.org/modules/04-preparer"


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


def _bare(page_text: str) -> str:
    """A page's text without its running header and page number."""
    return " ".join(re.sub(r"\bKAART\b|\d+ / \d+", "", page_text).split())


def _part_titles() -> list[str]:
    return list(dict.fromkeys(p.part for p in course_plan() if pdf.LEARNER.keeps(p) and pdf.in_print(p)))


def _is_part_opener(page_text: str) -> bool:
    return _bare(page_text) in {pdf.french_typography(part) for part in _part_titles()}


def _is_notes_page(page_text: str) -> bool:
    return _bare(page_text) == "Notes"


def _pages_text(path):
    """Each page's text with whitespace runs made single spaces (lines wrap anywhere)."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


@pytest.mark.book
def test_pdf_has_cover_contents_and_every_part_in_order(learner_pdf):
    pages = _pages_text(learner_pdf)
    text = " ".join(pages)
    host = urlparse(pdf.site_url()).netloc
    assert "Kit d’Alerte et d’Action pour la Résilience des Territoires" in pages[0]
    assert "Version" in pages[0] and host in pages[0], "la couverture donne la version et l'adresse du site"
    assert not re.search(r"\([0-9a-f]{7,}", pages[0]), "pas d'empreinte git sur la couverture"
    colophon = pages[1]
    for words in ("CC BY-SA 4.0", "MIT", "Autrices et auteurs", "Contact", host, "Version" if "Version" in colophon
                  else "version"):
        assert words in colophon, f"colophon : « {words} » absent"
    assert "Sommaire" in pages[2]
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
    """Only the left-hand page before a part opening on the right is left for notes, and says so."""
    reader = PdfReader(learner_pdf)
    pages = _pages_text(learner_pdf)
    for number, page in enumerate(reader.pages, start=1):
        has_text = len((page.extract_text() or "").strip()) > 20
        has_image = bool(page.images)
        notes = _is_notes_page(pages[number - 1]) and number % 2 == 0 and _is_part_opener(pages[number])
        assert has_text or has_image or notes, f"page {number} vide"


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
            if not path or path.endswith("/"):
                path += "index.html"  # the site's address itself (colophon, back cover)
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
    learner_only = [p for p in plan if p.part != pdf.TRAINER_PART]
    monkeypatch.setattr(pdf, "course_plan", lambda root=None: learner_only)
    assert pdf.assemble(SINGLEHTML, pdf.TRAINER) is None, "pas de guide formateur sans sa partie"


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


@pytest.mark.book
def test_the_finder_sheet_is_printed_with_a_qr_code_to_the_finder(learner_pdf, tmp_path):
    """« Trouver son territoire » on paper, in « Les six territoires », with a QR code that opens the finder."""
    pages = _pages_text(learner_pdf)
    bare = [" ".join(re.sub(r"\bKAART\b|\d+ / \d+", "", page).split()) for page in pages]
    part, after = bare.index("Les six territoires"), bare.index("Connaître ses élus")
    sheet = [number for number, page in enumerate(pages) if "Trouver son territoire" in page and "Cahier À lire si" in page]
    assert len(sheet) == 1 and part < sheet[0] < after
    text = " ".join(pages[sheet[0]:sheet[0] + 2])
    assert "Petites villes et communautés de communes" in text and "Conseillers" in text
    number = sheet[0] + 1
    subprocess.run(["pdftoppm", "-r", "110", "-png", "-f", str(number - 1), "-l", str(number), str(learner_pdf),
                    str(tmp_path / "p")], check=True, timeout=120)
    urls = [code.text for image in sorted(tmp_path.glob("p-*.png"))
            for code in zxingcpp.read_barcodes(Image.open(image), formats=zxingcpp.BarcodeFormat.QRCode)]
    assert pdf.site_url() + "exercises/02-mon-territoire.html#mon-territoire" in urls, urls
# --- The trainer's guide ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def trainer_pdf(learner_pdf):
    path = HTML_DIR / pdf.TRAINER.filename
    assert path.is_file(), "le guide du formateur est construit avec celui de l'apprenant"
    return path


def _positions(pages: list[str], needles: list[str]) -> list[int]:
    """The first page (after the contents) where each text appears, or -1."""
    return [next((n for n, page in enumerate(pages) if n > 1 and needle in page), -1) for needle in needles]


@pytest.mark.book
def test_trainer_guide_holds_the_ten_plans_and_the_printables_in_order(trainer_pdf):
    from kaart_course import sessions

    cycle = sessions.load_cycle()
    pages = _pages_text(trainer_pdf)
    assert "Guide du formateur" in pages[0]
    # Lines wrap anywhere in the extracted text: the number and the title's first word identify a plan.
    plans = _positions(pages, [f"Séance {s.number} — {s.title.split()[0]}" for s in cycle.sessions])
    assert all(p > 1 for p in plans) and plans == sorted(plans), plans
    printables = []
    for session in cycle.sessions:
        for kind in ("feuille-de-route", "fiche-participant"):
            title = f"{cycle.printables[kind].title} — séance {session.number}"
            printables.append(pdf.french_typography(title))
    printables += [pdf.french_typography(cycle.printables[kind].title) for kind in ("emargement", "retours", "attestation")]
    # Each printable opens an A4 page of its own, in the order of the sessions, then the cycle's sheets.
    found = [next((n for n, page in enumerate(pages) if n > 1 and page.startswith(title)), -1) for title in printables]
    assert all(p > 1 for p in found) and found == sorted(found), dict(zip(printables, found))
    text = " ".join(pages)
    assert "Note pour le formateur" not in text or "Note de la page" in text
    assert "Faites jouer la proposition en binôme" in text, "the {formateur} notes of learner pages are gathered"


@pytest.mark.book
def test_trainer_guide_qr_codes_open_each_session_projection(trainer_pdf, tmp_path):
    subprocess.run(["pdftoppm", "-r", "110", "-png", str(trainer_pdf), str(tmp_path / "p")], check=True, timeout=600)
    urls = set()
    for image in sorted(tmp_path.glob("p-*.png")):
        urls |= {code.text for code in zxingcpp.read_barcodes(Image.open(image), formats=zxingcpp.BarcodeFormat.QRCode)}
    base = pdf.site_url()
    for number in range(1, 11):
        url = f"{base}modules/08-formateur/03-seances/seance-{number:02d}.html#projeter"
        assert url in urls, f"QR code de la projection de la séance {number} absent ou illisible"
        path = urlparse(url).path.removeprefix(urlparse(base).path)
        assert (HTML_DIR / path).is_file()


@pytest.mark.book
def test_each_printable_is_also_an_a4_pdf_of_its_own(trainer_pdf):
    folder = HTML_DIR / pdf.PRINTABLES_FOLDER
    names = {path.name for path in folder.glob("*.pdf")}
    assert {"emargement.pdf", "retours.pdf", "attestation.pdf", "feuille-de-route-1.pdf",
            "fiche-participant-10.pdf"} <= names
    assert len(names) == 23
    for name in ("emargement.pdf", "feuille-de-route-7.pdf"):
        reader = PdfReader(folder / name)
        assert len(reader.pages) == 1, f"{name} tient sur une page"
        width, height = (float(v) for v in reader.pages[0].mediabox[2:])
        assert abs(width - 595) < 2 and abs(height - 842) < 2, "A4"


@pytest.mark.book
def test_learner_guide_has_no_trainer_material(learner_pdf):
    text = " ".join(_pages_text(learner_pdf))
    assert "Note pour le formateur" not in text
    for note in ("Faites jouer la proposition en binôme", "Entraînement en trio, vingt minutes"):
        assert note not in text, "a {formateur} note in the learner's guide"
    assert "Feuille de route de la séance" not in text and "Guide du formateur" in text


def test_printables_move_after_the_page_they_belong_to():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(
        '<section><h1>Séance</h1><section><h2>À imprimer</h2><div class="kaart-printable" id="a">A</div>'
        '<div class="kaart-printable" id="b">B</div></section><div class="kaart-a-retenir">R</div>'
        '<div class="kaart-sources">S</div></section>', "html.parser")
    pdf._printables_last(soup.section)
    order = [node.get("id") or node.get("class")[0] for node in soup.section.select("[id], .kaart-a-retenir, .kaart-sources")]
    assert order == ["kaart-a-retenir", "kaart-sources", "a", "b"]
    assert "À imprimer" not in soup.get_text()


def test_a_link_to_a_page_left_out_of_the_guide_reads_as_its_quoted_title():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(
        '<body><p id="ici">annoncé dans <a class="reference internal" href="index.html#document-ailleurs">'
        '<span class="doc">Deux parcours possibles</span></a>.</p>'
        '<p>voir <a class="reference internal" href="index.html#ici"><span class="doc">Ici</span></a></p></body>',
        "html.parser")
    pdf._resolve_links(soup.body, {}, "index", "https://kaart.example.org/")
    assert soup.p.get_text() == "annoncé dans «\u00a0Deux parcours possibles\u00a0»."
    assert soup.select_one('a[href="#ici"]').get_text() == "Ici", "a page of the guide keeps its link"


# ---------------------------------------------------------------------------------------------------
# What a reader of the printed guide trips over (issue #16): checked on the built PDF


PAGE_HEIGHT, MARGIN = 841.89, 22 / 25.4 * 72  # A4 and the top and bottom margins of kaart-pdf.css
TEXT_TOP, TEXT_BOTTOM = MARGIN, 841.89 - MARGIN
HYPHEN = "\u2010"  # what WeasyPrint prints where it hyphenates a word


def _layout(path):
    """Per page: its text, its lines, how far down its content goes (0 to 1 of the text area), and its
    headings (bold sans-serif of 11 pt or more) with their position."""
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as document:
        for page in document.pages:
            chars = [c for c in page.chars if TEXT_TOP - 2 < c["top"] and c["bottom"] < TEXT_BOTTOM + 2]
            bottoms = [c["bottom"] for c in chars] + [i["bottom"] for i in page.images]
            fill = (max(bottoms, default=TEXT_TOP) - TEXT_TOP) / (TEXT_BOTTOM - TEXT_TOP)
            lines = page.extract_text_lines(strip=True)
            body = [line for line in lines if TEXT_TOP - 2 < line["top"] and line["bottom"] < TEXT_BOTTOM + 2]
            headings = [line for line in body if line["chars"] and all(
                c["size"] >= 11 and "Bold" in c["fontname"] and "Sans" in c["fontname"]
                for c in line["chars"] if c["text"].strip())]
            middle = page.width / 2
            columns = [page.crop((0, 0, middle, page.height)).extract_text() or "",
                       page.crop((middle, 0, page.width, page.height)).extract_text() or ""]
            pages.append({"text": page.extract_text() or "", "lines": [line["text"] for line in body],
                          "columns": columns,
                          "body": body, "fill": fill, "headings": headings})
    return pages


@pytest.fixture(scope="session")
def layout(learner_pdf):
    return _layout(learner_pdf)


@pytest.fixture(scope="session")
def trainer_layout(trainer_pdf):
    return _layout(trainer_pdf)


@pytest.fixture(scope="session")
def assembled():
    """The printable HTML of the learner's guide, as the PDF was printed from it."""
    return pdf.assemble(SINGLEHTML, pdf.LEARNER)


def _project_hosts() -> set[str]:
    """Every host the course lists as a source or a resource: the bibliography, the data, the pages."""
    texts = [(REPO_ROOT / "references.bib").read_text(encoding="utf-8")]
    for folder, pattern in (("data", "**/*.yml"), ("modules", "**/*.md"), ("exercises", "*.md")):
        texts += [path.read_text(encoding="utf-8") for path in (REPO_ROOT / folder).glob(pattern)]
    return {urlparse(url).netloc.lower() for text in texts for url in re.findall(r"https?://[^\s)>\]}\"'`]+", text)}


@pytest.mark.book
def test_every_link_goes_to_the_site_or_a_listed_source(learner_pdf):
    """No link to a file of the machine that built the guide, none to a host the course does not list."""
    allowed = _project_hosts() | {urlparse(pdf.site_url()).netloc}
    uris = []
    for page in PdfReader(learner_pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert uris
    assert not [uri for uri in uris if not uri.startswith(("http://", "https://"))], "lien hors du web (file://…)"
    foreign = sorted({urlparse(uri).netloc for uri in uris} - allowed)
    assert not foreign, f"liens vers des hôtes que le cours ne cite pas : {foreign}"
    downloads = [uri for uri in uris if "/_downloads/" in uri]
    assert downloads and all(uri.startswith(pdf.site_url()) for uri in downloads), "modèles : l'adresse du site"


def test_web_only_phrases_are_found_whatever_the_spacing():
    phrases = ["dans votre navigateur", "Ma progression", "ouvrez-la"]
    assert pdf.printed_web_phrases("restent dans\nvotre  navigateur ; page « Ma\u00a0progression »", phrases) == \
        ["dans votre navigateur", "Ma progression"]
    assert pdf.printed_web_phrases("fermez la page, rouvrez-la", phrases) == []
    assert "Ma progression" in pdf.web_only_phrases(), "la liste tenue à jour est lue (data/impression.yml)"


@pytest.mark.book
def test_no_web_only_phrase_is_printed(layout):
    phrases = pdf.web_only_phrases()
    found = [(number, phrase) for number, page in enumerate(layout, start=1)
             for phrase in pdf.printed_web_phrases(page["text"], phrases)]
    assert not found, f"texte réservé au site, imprimé (page, expression) : {found}"
    text = " ".join(page["text"] for page in layout)
    assert "›" not in text, "flèche de dépliage imprimée"
    assert "se télécharge et s’imprime :" not in text


@pytest.mark.book
def test_outline_is_parts_then_pages_then_sections(learner_pdf):
    reader = PdfReader(learner_pdf)

    def tree(items):
        nodes = []
        for item in items:
            if isinstance(item, list):
                nodes[-1][1].extend(tree(item))
            else:
                nodes.append((" ".join(item.title.split()), []))
        return nodes

    outline = tree(reader.outline)
    parts = {title: children for title, children in outline}
    plan = [p for p in course_plan() if pdf.LEARNER.keeps(p) and pdf.in_print(p)]
    for part in _part_titles():
        title = " ".join(pdf.french_typography(part).split())
        assert title in parts, f"signet de partie « {title} » absent"
        pages = [child for child, _ in parts[title]]
        for page in (p for p in plan if p.part == part):
            expected = " ".join(pdf.french_typography(page.title).split())
            assert expected in pages, f"{title} : signet « {expected} » absent de {pages}"
    chapters = {child: grandchildren for _, children in outline for child, grandchildren in children}
    for title in ("Glossaire", "Corrigés des quiz", "Bibliographie"):
        assert title in chapters
    assert any(title.startswith("Quiz") for title in chapters)
    assert any(grandchildren for grandchildren in chapters.values()), "les sections sous les pages"


def _starts_a_printable(page) -> bool:
    """A trainer's printable (kaart-printable) starts a page of its own: its title is the page's first line."""
    titles = [pdf.french_typography(p.title) for p in sessions.read_cycle()[0].printables.values()]
    return bool(page["lines"]) and any(page["lines"][0].startswith(title) for title in titles)


def _last_page_of_a_run(layout, index):
    """A page followed by a part opener, a notes page or a printable: the end of a part, of the contents,
    or of a page whose printables follow."""
    if index + 1 >= len(layout):
        return True
    following = layout[index + 1]
    return _is_part_opener(following["text"]) or _is_notes_page(following["text"]) or _starts_a_printable(following)


@pytest.mark.book
@pytest.mark.parametrize("guide", ["layout", "trainer_layout"])
def test_no_page_is_left_nearly_empty(guide, request):
    """Under 30 % filled only where a page must end: part openers, the notes page left before one, the
    last page of a part or of the contents, the cover and the last page; and a reference page (a practical
    sheet, which has a page of its own) — never a stray box of sources."""
    layout = request.getfixturevalue(guide)
    sparse = []
    for index, page in enumerate(layout):
        if page["fill"] < 0.3 and page["lines"][:1] == ["Sources"]:
            sparse.append((index + 1, "un encadré de sources seul", page["lines"][:2]))
            continue
        if page["fill"] >= 0.3 or index in (0, 1) or _is_part_opener(page["text"]) or _is_notes_page(page["text"]):
            continue
        if _last_page_of_a_run(layout, index):
            continue
        sparse.append((index + 1, f"{page['fill']:.0%}", page["lines"][:2]))
    assert not sparse, f"pages presque vides : {sparse}"


@pytest.mark.book
def test_no_heading_at_the_foot_of_a_page(layout):
    """A heading in the last tenth of a page has at least two lines of its text under it on that page."""
    limit = TEXT_BOTTOM - 0.1 * (TEXT_BOTTOM - TEXT_TOP)
    stranded = []
    for number, page in enumerate(layout, start=1):
        for heading in page["headings"]:
            if heading["top"] < limit or _is_part_opener(page["text"]):
                continue
            below = [line for line in page["body"] if line["top"] > heading["bottom"] - 1
                     and line not in page["headings"]]
            if len(below) < 2:
                stranded.append((number, heading["text"]))
    assert not stranded, f"titres en pied de page : {stranded}"


@pytest.mark.book
def test_tab_labels_print_as_headings_never_glued(layout, assembled):
    tab_sets = [[" ".join(title.get_text().split()) for title in tabs.select(".kaart-tab-title")]
                for tabs in assembled.select(".kaart-tabs")]
    assert tab_sets, "le cours a des onglets"
    text = "\n".join(page["text"] for page in layout)
    lines = {line for page in layout for line in page["lines"]}
    for labels in tab_sets:
        for first, second in zip(labels, labels[1:]):
            assert first + second not in text, f"onglets collés : « {first}{second} »"
        for label in labels:
            assert pdf.french_typography(label) in lines, f"onglet « {label} » sans ligne à lui"


@pytest.mark.book
def test_each_worksheet_and_card_set_is_printed_once(layout, assembled):
    blocks = assembled.select(".kaart-print-once")
    keys = [next(c for c in block["class"] if c.startswith("kaart-print-key-")) for block in blocks]
    assert keys and len(keys) == len(set(keys)), f"blocs imprimés plusieurs fois : {keys}"
    lines = [line for page in layout for line in page["lines"]]
    for block in blocks:
        title = " ".join(block.select_one(".rubric").get_text().split())
        assert lines.count(title) == 1, f"« {title} » imprimé {lines.count(title)} fois"
    references = assembled.select(".kaart-print-elsewhere a")
    assert references and all(a["href"].removeprefix("#") in {b["id"] for b in blocks} for a in references)


@pytest.mark.book
def test_cards_are_never_split_across_pages(layout, assembled):
    """Each card's text, from its first words to its last, is read whole in one column of one page."""
    cards = assembled.select(".kaart-print-card")
    assert cards
    columns = [" ".join(column.split()).replace(HYPHEN + " ", "") for page in layout for column in page["columns"]]
    for card in cards:
        words = " ".join(pdf.french_typography(card.get_text(" ")).split()).split()
        start, end = " ".join(words[:4]), " ".join(words[-3:])
        holding = [text for text in columns if start in text]
        assert holding, f"carte absente : {start}"
        assert any(end in text.split(start, 1)[1] for text in holding), f"carte coupée entre deux pages : {start}"


@pytest.mark.book
def test_internal_references_carry_a_page_number(layout, assembled, learner_pdf):
    references = assembled.select(f"a.{pdf.PAGE_REFERENCE}")
    assert len(references) > 20
    text = " ".join(" ".join(page["text"] for page in layout).split())
    numbers = [int(n) for n in re.findall(r"(?:\(voir|,) p\.\s(\d+)", text)]
    assert len(numbers) >= len(references), "chaque renvoi imprime « (voir p. N) »"
    assert "(voir p. )" not in text and not re.search(r"\bvoir [^()]{3,80} \(voir p\.", text), "« voir … (voir p. N) »"
    assert all(1 <= n <= len(layout) for n in numbers)
    assert not re.search(r"(?i)\b(exercice|fiche pratique|quiz)\s+\1\b", text), "renvoi qui bégaie"


@pytest.mark.book
def test_no_printed_address_is_hyphenated_or_percent_encoded(layout):
    broken = []
    for number, page in enumerate(layout, start=1):
        for line in page["lines"]:
            last = line.split()[-1] if line.split() else ""
            if last.endswith(HYPHEN) and re.search(r"[/.:_]|www", last[:-1]):
                broken.append((number, last))
            if re.search(r"https?://\S*%[0-9A-F]{2}", line):
                broken.append((number, line))
    assert not broken, f"adresses coupées par un trait d'union ou encodées : {broken[:10]}"


@pytest.mark.book
def test_metadata_names_the_guide(learner_pdf):
    reader = PdfReader(learner_pdf)
    info = reader.metadata
    assert "KAART" in info.title and info.author and info.subject
    assert info.creation_date and info.modification_date
    assert str(reader.trailer["/Root"].get("/Lang")) == "fr"
    assert "/StructTreeRoot" in reader.trailer["/Root"], "PDF balisé (lecteurs d'écran)"


@pytest.mark.book
def test_each_practical_sheet_is_one_page_with_room_to_write(learner_pdf, assembled):
    """A page marked ``impression: fiche`` prints on one page of its own: the next page of the guide starts
    another page of the course; and it has ruled lines to write on, or boxes to tick."""
    reader = PdfReader(learner_pdf)
    starts = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                starts.setdefault(" ".join(item.title.split()), reader.get_destination_page_number(item))

    walk(reader.outline)
    page_starts = sorted(set(starts.values()))
    sheets = [p for p in course_plan() if pdf.LEARNER.keeps(p) and pdf._print_options(p, REPO_ROOT).get("impression") == "fiche"]
    assert len(sheets) >= 3
    for sheet in sheets:
        title = " ".join(pdf.french_typography(sheet.title).split())
        first = starts[title]
        following = [n for n in page_starts if n > first]
        assert following and following[0] == first + 1, f"« {sheet.title} » déborde sur la page suivante"
        section = assembled.find(id=f"document-{sheet.docname}").parent
        assert "kaart-sheet" in section["class"]
        room = len(section.select(".kaart-write")) + section.get_text().count("☐")
        assert room >= 5, f"« {sheet.title} » : ni lignes pour écrire ni cases à cocher"


@pytest.mark.book
def test_french_dates_and_ordinals_on_paper(assembled):
    """« 1er » with raised letters; no date written for machines (« 2026-11-27 ») outside a web address."""
    prose = [text for text in assembled.body.find_all(string=True)
             if not text.find_parent(["a", "code", "pre", "sup", "style", "script"])]
    assert not [t for t in prose if re.search(r"\b1(er|re)\b", t)], "« 1er » sans exposant"
    assert assembled.select("sup.kaart-ordinal")
    assert not [t for t in prose if re.search(r"\b\d{4}-\d{2}-\d{2}\b", t)], "date ISO dans le texte"
    assert not re.search(r"\b(\d{4}), \1\.", assembled.body.get_text(" ")), "année répétée dans une citation"
