"""The pitch studio on the built static site, in headless Chromium, offline: scene, live feedback, saved
draft, rehearsal timer, objections, typed markup that stays text, accessibility, phone width, page weight."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser]

PAGE = "exercises/04-pitch.html"
PAGE_BUDGET_BYTES = 400 * 1024

PITCH = (
    "Bonjour Madame l’adjointe, je m’appelle Claire, j’habite le quartier de la gare et je suis bénévole dans "
    "un collectif citoyen non partisan.\n"
    "Lors de la canicule de l’été dernier, l’école a fermé deux jours.\n"
    "J’ai lu que votre plan climat prévoit déjà de végétaliser les cours.\n"
    "Selon Météo-France, les jours de forte chaleur ont doublé en trente ans.\n"
    "Le PCAET et le SRCAE prévoient des choses, mais vous devez agir, sinon c’est la catastrophe.\n"
    "En tant qu’adjointe à la transition, vous pouvez porter ce sujet en municipalité.\n"
    "Je vous propose de vous présenter le cahier des villes moyennes.\n"
    "Pourrions-nous en parler vingt minutes le mois prochain ?"
)
PITCH_WORDS = 106  # « l’adjointe », « Météo-France », « Pourrions-nous » count as one word each
HOSTILE = '<script>window.__kaartXss = 1</script><img src=x onerror="window.__kaartXss = 2"> PCAET'


def _open(offline_browser, site_url: str, width: int = 1280):
    tab = offline_browser(site_url, width)
    tab.open(PAGE)
    tab.page.wait_for_selector("[data-kaart-pitch-text]")
    return tab


def _set_scene(page) -> None:
    page.check("[data-kaart-situation='ouverture-rendez-vous']")
    page.select_option("[data-kaart-territory]", "villes-moyennes")
    page.select_option("[data-kaart-profile]", "adjointe-transition-ville-moyenne")


def _type(page, text: str) -> None:
    box = page.locator("[data-kaart-pitch-text]")
    box.fill(text[:-12])
    box.press_sequentially(text[-12:])  # real keystrokes for the end, as a volunteer types
    page.wait_for_timeout(300)


def test_scene_typing_feedback_and_saved_draft(offline_browser, site_url):
    tab = _open(offline_browser, site_url)
    page = tab.page
    _set_scene(page)
    assert "Adjointe à la transition" in page.inner_text("[data-kaart-briefing]")
    _type(page, PITCH)

    assert page.inner_text("[data-kaart-word-count]") == str(PITCH_WORDS)
    seconds = round(PITCH_WORDS / 130 * 60)
    assert page.inner_text("[data-kaart-speaking-time]") == f"{seconds} s"
    assert page.get_attribute("[data-kaart-budget]", "data-kaart-budget-status") == "under"
    assert "130 mots par minute" in page.inner_text("[data-kaart-rate]")
    assert page.get_attribute("[data-kaart-rate] a", "href").startswith("https://")

    checks = page.eval_on_selector_all("[data-kaart-check]", "els => els.map(e => [e.dataset.kaartCheck, e.dataset.kaartStatus])")
    assert dict(checks) == {name: "done" for name in ("qui-je-suis", "accroche-locale", "deja-fait", "chiffre-source",
                                                      "competences", "suite")}
    # Each step shows its duration in the chosen situation (a 5-minute presentation in a meeting).
    assert page.inner_text("[data-kaart-check='deja-fait'] [data-kaart-step-seconds]").strip() == "· 1 min"
    excerpts = page.eval_on_selector_all("[data-kaart-check='qui-je-suis'] [data-kaart-excerpt]", "els => els.map(e => e.textContent)")
    assert "je m’appelle" in excerpts and "j’habite" in excerpts, "le texte de la personne, avec ses apostrophes"

    flags = page.eval_on_selector_all("[data-kaart-flag]", "els => els.map(e => [e.dataset.kaartFlag, e.querySelector('[data-kaart-excerpt]').textContent])")
    assert ["jargon", "PCAET"] in flags
    assert ["acronym", "SRCAE"] in flags
    assert ["guilt", "vous devez"] in flags
    assert ["alarmist", "catastrophe"] in flags
    assert "le plan climat de l'intercommunalité" in page.inner_text("[data-kaart-flag='jargon']")
    assert page.inner_text("[data-kaart-flag-count]") == str(len(flags))

    # The flag's button selects the words in the text.
    page.click("[data-kaart-flag='jargon'] [data-kaart-action='select']")
    assert page.evaluate("(() => { const t = document.querySelector('[data-kaart-pitch-text]');"
                         " return t.value.slice(t.selectionStart, t.selectionEnd); })()") == "PCAET"

    # A longer situation changes the budget, not the text.
    page.check("[data-kaart-situation='rencontre-fortuite']")
    assert page.get_attribute("[data-kaart-budget]", "data-kaart-budget-status") == "over"

    page.wait_for_timeout(600)  # the draft is saved shortly after the last keystroke
    page.reload()
    page.wait_for_selector("[data-kaart-pitch-text]")
    assert page.input_value("[data-kaart-pitch-text]") == PITCH
    assert page.is_checked("[data-kaart-situation='rencontre-fortuite']")
    assert page.input_value("[data-kaart-profile]") == "adjointe-transition-ville-moyenne"
    assert page.inner_text("[data-kaart-word-count]") == str(PITCH_WORDS)
    assert "retrouvé" in page.inner_text("[data-kaart-saved]")
    # The later studios of the page follow the scene chosen in the first one.
    assert "Adjointe à la transition" in page.inner_text("[data-kaart-scene-summary]")


def test_typed_markup_stays_text(offline_browser, site_url):
    tab = _open(offline_browser, site_url)
    page = tab.page
    _type(page, HOSTILE)
    page.click("[data-kaart-action='draw']")
    page.fill("[data-kaart-objection-answer]", HOSTILE)
    page.click("[data-kaart-action='advice']")
    page.fill("[data-kaart-grid-notes]", HOSTILE)
    page.wait_for_timeout(600)
    page.reload()
    page.wait_for_selector("[data-kaart-pitch-text]")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__kaartXss") is None
    assert page.locator(".kaart-pitch img, .kaart-pitch script").count() == 0
    assert page.input_value("[data-kaart-pitch-text]") == HOSTILE
    assert page.inner_text("[data-kaart-flag='jargon'] [data-kaart-excerpt]") == "PCAET"
    assert tab.dialogs == []


def test_rehearsal_timer_counts_down_and_speaks_sparingly(offline_browser, site_url):
    tab = offline_browser(site_url)
    page = tab.page
    page.clock.install()
    tab.open(PAGE, wait_until="load")
    page.wait_for_selector("[data-kaart-timer]")
    page.check("[data-kaart-situation='rencontre-fortuite']")
    timer = page.locator("[data-kaart-timer]")
    spoken = page.locator("[data-kaart-timer-announce]")
    assert timer.inner_text() == "0:30"
    assert timer.get_attribute("role") == "timer"
    page.click("[data-kaart-timer-action='toggle']")
    assert spoken.inner_text() == "Chrono lancé : 30 s."
    page.clock.run_for(5_000)
    assert timer.inner_text() == "0:25"
    assert spoken.inner_text() == "Chrono lancé : 30 s.", "rien n'est annoncé à chaque seconde"
    page.clock.run_for(15_500)
    assert spoken.inner_text() == "Plus que 10 secondes."
    assert timer.get_attribute("data-kaart-phase") == "final"
    page.clock.run_for(12_000)
    assert spoken.inner_text() == "Temps écoulé."
    assert timer.inner_text().startswith("+0:0")
    page.click("[data-kaart-timer-action='toggle']")
    assert page.inner_text("[data-kaart-timer-action='toggle']") == "Reprendre"
    page.click("[data-kaart-timer-action='reset']")
    assert timer.inner_text() == "0:30"
    page.click("[data-kaart-timer-action='large']")
    assert page.get_attribute("[data-kaart-timer-action='large']", "aria-pressed") == "true"
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('[data-kaart-timer]')).fontSize)") > 150


def test_objection_role_play(offline_browser, site_url):
    tab = _open(offline_browser, site_url)
    page = tab.page
    page.select_option("[data-kaart-territory]", "montagne")
    page.select_option("[data-kaart-profile]", "elu-station-montagne")
    deck_text = page.inner_text("[data-kaart-deck]")
    likely = int(re.search(r"(\d+) objection", deck_text).group(1))
    assert 5 <= likely < 16
    seen = set()
    for _ in range(likely):
        page.click("[data-kaart-action='draw']")
        seen.add(page.get_attribute("[data-kaart-card]", "data-kaart-objection"))
    assert len(seen) == likely, "aucune objection n'est tirée deux fois avant la fin du paquet"
    card = page.get_attribute("[data-kaart-card]", "data-kaart-objection")
    assert page.evaluate("document.activeElement.matches('[data-kaart-card]')")
    page.fill("[data-kaart-objection-answer]", "Personne ne veut casser ce qui fait vivre la vallée.")
    assert page.is_hidden("[data-kaart-advice]")
    page.click("[data-kaart-action='advice']")
    assert page.get_attribute("[data-kaart-action='advice']", "aria-expanded") == "true"
    assert page.locator("[data-kaart-move]").count() == 3
    page.check("[data-kaart-element='0']")
    page.check("[data-kaart-level='2']")
    assert "1 sur 16" in page.inner_text("[data-kaart-objection-progress]")
    page.reload()
    page.wait_for_selector("[data-kaart-pitch-text]")
    assert "1 sur 16" in page.inner_text("[data-kaart-objection-progress]")
    stored = page.evaluate("JSON.parse(localStorage.getItem('kaart:pitch:objections'))")
    assert stored["answers"][card] == {"text": "Personne ne veut casser ce qui fait vivre la vallée.", "checks": [0], "level": 2}


def test_grid_and_downloaded_sheet(offline_browser, site_url):
    tab = _open(offline_browser, site_url)
    page = tab.page
    _set_scene(page)
    _type(page, PITCH)
    page.check("[data-kaart-criterion='presentation'] [data-kaart-level='2']")
    page.fill("[data-kaart-grid-notes]", "Ralentir au début.")
    page.wait_for_timeout(600)
    with page.expect_download() as download:
        page.click("[data-kaart-action='download']")
    sheet = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "ma-prise-de-parole.md"
    assert "Adjointe à la transition écologique d'une ville moyenne" in sheet
    assert "> Pourrions-nous en parler vingt minutes le mois prochain ?" in sheet
    assert "- [x] Qui je suis" in sheet
    assert re.search(r"Je me suis présenté·e en une phrase.* — Acquis", sheet)
    assert "Ralentir au début." in sheet


@pytest.mark.parametrize("width", [390, 1280])
def test_accessible_and_readable_on_a_phone(offline_browser, site_url, axe, width):
    tab = _open(offline_browser, site_url, width)
    page = tab.page
    _set_scene(page)
    _type(page, PITCH)
    page.click("[data-kaart-action='draw']")
    page.click("[data-kaart-action='advice']")
    assert axe(page, PAGE) == []
    overflow = page.evaluate("""[...document.querySelectorAll('.kaart-pitch *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
    assert overflow == [], f"déborde de l'écran : {overflow}"
    labelled = page.evaluate("""[...document.querySelectorAll('.kaart-pitch textarea, .kaart-pitch select, .kaart-pitch input')]
        .filter(e => !e.labels || !e.labels.length).map(e => e.outerHTML.slice(0, 80))""")
    assert labelled == []


def test_page_weight_stays_within_budget(offline_browser, site_url):
    tab = _open(offline_browser, site_url, 390)
    tab.page.wait_for_load_state("networkidle")
    total = 0
    for response in tab.responses:
        if urlparse(response.url).hostname != "127.0.0.1" or response.status != 200:
            continue
        # pydata-sphinx-theme's fontawesome.js (530 KB gzipped) only redraws icons its CSS already draws from
        # the webfont: the book drops it on every page (a theme-template matter, not this widget's).
        if urlparse(response.url).path.endswith("scripts/fontawesome.js"):
            continue
        body = response.body()
        # What a server that compresses text sends (the budget counts bytes transferred).
        compressible = re.search(r"(text|javascript|json|svg|css)", response.headers.get("content-type", ""))
        total += len(gzip.compress(body, 9)) if compressible else len(body)
    assert total <= PAGE_BUDGET_BYTES, f"{total / 1024:.0f} Ko transférés"


def test_parts_embedded_alone_as_the_directive_does(offline_browser, widget_page):
    """What {kaart-pitch} :part: objections puts on a course page: the objection deck with its own scene picker
    (élu and territory only), mounted by kaart-mount.js with no notebook around it."""
    from kaart_course import pitch

    data = pitch.load_data()
    tab = offline_browser(widget_page([("pitch", data.to_state("objections"), pitch.anchor("objections")),
                                       ("pitch", data.to_state("grid"), pitch.anchor("grid"))], "Dialoguer"), 390)
    page = tab.page
    tab.open("")
    page.wait_for_selector("#pitch-objections [data-kaart-profile]")
    page.wait_for_selector("#pitch-grid [data-kaart-criterion]")
    assert page.is_hidden("[data-kaart-situation]"), "pas de temps de parole pour le seul paquet d'objections"
    assert page.locator("[data-kaart-pitch-text], [data-kaart-timer]").count() == 0
    page.select_option("[data-kaart-profile]", "maire-commune-littorale")
    page.select_option("[data-kaart-territory]", "littoral")
    page.click("[data-kaart-action='draw']")
    assert page.get_attribute("[data-kaart-card]", "data-kaart-objection")
    assert page.locator("#pitch-grid [data-kaart-action='download-grid']").count() == 1
