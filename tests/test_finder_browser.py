"""The territory finder and what it carries through the course, in Chromium, offline: keyboard only for the
search, the card, the pitch studio's proposed scene, the filled-in meeting request, the survey's INSEE code,
the choice remembered after a reload and cleared; the same finder from a copy opened with file://; the
template's copy and download on a phone; the express path's checklist; axe-core on the states a reader sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kaart_course import express

pytestmark = [pytest.mark.browser]
FINDER = "exercises/02-mon-territoire.html"
PITCH = "exercises/04-pitch.html"
REQUEST = "modules/04-preparer/02-demander-le-rendez-vous.html"
SURVEY = "exercises/06-enquete.html"
EXPRESS = "modules/00-bienvenue/05-parcours-express.html"
HTML_DIR = Path(__file__).parent.parent / "_build" / "html"


def _fresh(offline, path: str):
    page = offline.page
    offline.open(path)
    page.evaluate("localStorage.clear()")
    page.reload()
    return page


def _search(page, text: str) -> None:
    field = page.locator("[data-kaart-finder-input]")
    field.focus()
    page.keyboard.type(text)


def test_find_pick_carry_through_remember_and_clear(offline_page):
    page = _fresh(offline_page, FINDER)
    _search(page, "briancon")
    page.wait_for_selector('[role=option][data-kaart-insee="05023"]')
    field = page.locator("[data-kaart-finder-input]")
    assert field.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    active = field.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").get_attribute("data-kaart-insee") == "05023"
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    card = page.locator('[data-kaart-finder-card="05023"]')
    card.wait_for()
    text = card.inner_text()
    for expected in ("Briançon", "Hautes-Alpes (05)", "population municipale 2023", "CC du Briançonnais",
                     "une communauté de communes", "33 conseillers municipaux", "Petites villes et communautés de communes",
                     "Pourquoi : membre d'une communauté de communes", "Connaître ses élus"):
        assert expected in text, expected
    assert page.evaluate("document.activeElement.textContent") == "Briançon", "focus moves to the card's title"
    assert "Briançon (Hautes-Alpes, 05) choisie" in page.locator("[data-kaart-finder-status]").inner_text()
    # The reader's answer adds the mountain cahier, with why.
    page.locator('[data-kaart-finder-question="montagne"] input[value="true"]').check()
    montagne = page.locator('[data-kaart-finder-cahier="montagne"]')
    assert "d'après votre réponse" in montagne.inner_text()
    saved = json.loads(page.evaluate("localStorage.getItem('kaart:territoire')"))
    assert saved["insee"] == "05023" and saved["cahiers"] == ["petites-villes", "montagne"]
    assert saved["answers"] == {"littoral": None, "montagne": True}

    offline_page.open(PITCH)
    commune = page.locator("[data-kaart-pitch-commune]").first
    assert "Votre commune : Briançon" in commune.inner_text()
    assert page.locator("[data-kaart-territory]").first.input_value() == "montagne"
    assert page.locator("[data-kaart-profile]").first.input_value() == "maire-commune-montagne"

    offline_page.open(REQUEST)
    message = page.locator('[data-kaart-modele="demande-rdv-maire"] [data-kaart-modele-text]')
    assert "la résilience de Briançon face aux crises" in message.inner_text()
    assert "Le cahier « Montagne »" in message.inner_text()

    offline_page.open(SURVEY)
    page.wait_for_selector("[data-kaart-enquete]")
    assert page.locator('[data-kaart-enquete-question="code-insee"] input').input_value() == "05023"

    offline_page.open(FINDER)
    page.locator('[data-kaart-finder-card="05023"]').wait_for()
    assert "Commune retrouvée : Briançon" in page.locator("[data-kaart-finder-status]").inner_text()
    assert page.locator('[data-kaart-finder-question="montagne"] input[value="true"]').is_checked()
    page.locator("[data-kaart-finder-clear]").focus()
    page.keyboard.press("Enter")
    assert page.locator("[data-kaart-finder-card]").count() == 0
    assert page.evaluate("localStorage.getItem('kaart:territoire')") is None
    assert page.evaluate("document.activeElement.matches('[data-kaart-finder-input]')")
    offline_page.open(PITCH)
    assert page.locator("[data-kaart-pitch-commune]").first.is_hidden()


@pytest.mark.parametrize(("query", "expected", "status"), [
    ("xyzzyville", [], "Aucune commune ne s'appelle « xyzzyville »"),
    ("saint martin", ["32389"], "le département les distingue"),
    ("35460", ["35257"], "communes trouvées"),
    ("97411", ["97411"], "communes trouvées"),  # also the postal code of a part of Saint-Paul
    ("marseille 13", ["13213"], ""),
])
def test_what_the_reader_is_told(offline_page, query, expected, status):
    page = _fresh(offline_page, FINDER)
    _search(page, query)
    page.wait_for_function("() => document.querySelector('[data-kaart-finder-status]').textContent.length > 0 "
                           "&& !document.querySelector('[data-kaart-finder-status]').textContent.startsWith('Chargement')")
    shown = page.locator("[role=option]").evaluate_all("els => els.map(e => e.dataset.kaartInsee)")
    assert set(expected) <= set(shown), shown
    if query.isdigit():
        assert shown[0] == expected[0], "the INSEE code first"
    if not expected:
        assert shown == [] and page.locator("[data-kaart-finder-input]").get_attribute("aria-expanded") == "false"
    assert status in page.locator("[data-kaart-finder-status]").inner_text()


def test_the_finder_works_from_a_downloaded_copy(offline_browser):
    offline = offline_browser((HTML_DIR / FINDER).as_uri(), width=390)
    offline.open("")
    page = offline.page
    _search(page, "mamoudzou")
    page.wait_for_selector('[role=option][data-kaart-insee="97611"]')
    page.keyboard.press("Enter")
    card = page.locator('[data-kaart-finder-card="97611"]')
    card.wait_for()
    assert "population municipale 2017" in card.inner_text() and "Outre-mer" in card.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_request_is_filled_copied_and_downloaded_on_a_phone(offline_browser, site_url, tmp_path):
    offline = offline_browser(site_url, width=390)
    page = offline.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    offline.open(REQUEST)
    widget = page.locator('[data-kaart-modele="demande-rdv-maire"]')
    widget.locator('[data-kaart-modele-field="Prénom Nom"]').fill("Camille Martin")
    widget.locator('[data-kaart-modele-field="Nom de la commune"]').fill("Gap")
    copy = widget.locator("[data-kaart-modele-copy]")
    box = copy.bounding_box()
    assert copy.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 390, "visible without hovering"
    copy.click()
    assert "Message copié" in widget.locator("[data-kaart-modele-status]").inner_text()
    pasted = page.evaluate("navigator.clipboard.readText()")
    assert "la résilience de Gap face" in pasted and "Camille Martin" in pasted
    with page.expect_download() as download:
        widget.locator("[data-kaart-modele-download]").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "demande-rdv-maire.txt"
    assert text == pasted
    paragraph = next(line for line in text.splitlines() if line.startswith("J'habite à Gap"))
    assert paragraph.endswith("approvisionnement alimentaire."), "a paragraph is one line"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Typed once, kept for every template on this device, and erasable.
    page.reload()
    assert widget.locator('[data-kaart-modele-field="Prénom Nom"]').input_value() == "Camille Martin"
    widget.locator("[data-kaart-modele-clear]").click()
    assert widget.locator('[data-kaart-modele-field="Prénom Nom"]').input_value() == ""


def test_the_express_path_checklist_is_remembered(offline_page):
    page = _fresh(offline_page, EXPRESS)
    total = express.path_state(express.load_path())["total"]
    assert page.locator("[data-kaart-parcours-total]").get_attribute("data-kaart-parcours-total") == str(total)
    assert f"Durée totale : {total} min" in page.locator("[data-kaart-parcours-total]").inner_text()
    for step in ("territoire", "essentiel"):
        page.locator(f'[data-kaart-parcours-check="{step}"]').focus()
        page.keyboard.press("Space")
    page.reload()
    assert page.locator('[data-kaart-parcours-check="territoire"]').is_checked()
    assert page.locator('[data-kaart-parcours-check="essentiel"]').is_checked()
    assert not page.locator('[data-kaart-parcours-check="pitch"]').is_checked()
    assert "2 étapes faites sur 6" in page.locator("[data-kaart-parcours-progress]").inner_text()
    href = page.locator('[data-kaart-parcours-step="territoire"] a').get_attribute("href")
    assert href.endswith("exercises/02-mon-territoire.html#mon-territoire")


def test_accessibility_of_the_finder_with_results_and_card(offline_page, axe):
    page = _fresh(offline_page, FINDER)
    _search(page, "saint")
    page.wait_for_selector("[role=option]")
    page.keyboard.press("ArrowDown")
    problems = axe(page, FINDER + " (liste ouverte)")
    page.keyboard.press("Enter")
    page.locator("[data-kaart-finder-card]").wait_for()
    problems += axe(page, FINDER + " (fiche)")
    offline_page.open(REQUEST)
    problems += axe(page, REQUEST + " (modèle rempli)")
    assert problems == [], "\n".join(problems)
