"""The survey form in Chromium, offline: filled with the keyboard only, a draft that survives a reload, several
answers (edit, delete with confirmation), exports downloaded for real and re-imported by the real importer;
from file:// too; hostile text never becomes markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kaart_course.survey import importer, load_questionnaire, store, territory
from kaart_course.survey.form import form_state

pytestmark = [pytest.mark.browser]
PAGE = "exercises/06-enquete.html"
HTML_DIR = Path(__file__).parent.parent / "_build" / "html"
FIXTURES = Path(__file__).parent / "fixtures" / "enquete"
KEY = "kaart:enquete:enquete-elus"
UUID_V4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
# Contract 1: what the territory finder keeps for the reader's commune.
RENNES = {"insee": "35238", "name": "Rennes", "departement": "35", "departementName": "Ille-et-Vilaine",
          "epci": "243500139", "epciName": "Rennes Métropole", "epciType": "METRO", "population": 230890,
          "populationYear": 2023, "cahiers": ["grandes-villes"], "answers": {"littoral": None, "montagne": None},
          "chosen": "2026-11-20"}


def _question(name: str) -> str:
    return f'[data-kaart-enquete-question="{name}"]'


def _tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focus is on ``selector`` (the keyboard's own way through the form)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"Tab never reaches {selector}; focus on "
                         + page.evaluate("document.activeElement?.outerHTML.slice(0, 120)"))


def _choose(page, question: str, value: str) -> None:
    """Select one option of a radio group with the keyboard: Tab into the group, then Space or the arrows."""
    _tab_to(page, f"{_question(question)} input")
    if page.evaluate("document.activeElement.value") == value and not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")
    for _ in range(12):
        if page.locator(f'{_question(question)} input[value="{value}"]').is_checked():
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{question} : option {value} introuvable au clavier")


def _tick(page, question: str, *values: str) -> None:
    for value in values:
        _tab_to(page, f'{_question(question)} input[value="{value}"]')
        page.keyboard.press("Space")
        assert page.locator(f'{_question(question)} input[value="{value}"]').is_checked()


def _type(page, question: str, text: str) -> None:
    _tab_to(page, f"{_question(question)} input, {_question(question)} textarea")
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _press(page, selector: str) -> None:
    _tab_to(page, selector)
    page.keyboard.press("Enter")


def _open(offline, path: str, territory_data: dict | None = RENNES):
    page = offline.page
    offline.open(path)
    page.evaluate("([key, value]) => { localStorage.clear(); if (value) localStorage.setItem('kaart:territoire', value); }",
                  [KEY, json.dumps(territory_data) if territory_data else None])
    page.reload()
    page.wait_for_selector("[data-kaart-enquete]")
    return page


def _start_at_date(page) -> None:
    """The first field of the form; from there on, only the keyboard."""
    page.locator(f"{_question('date-rencontre')} input").focus()


def _saved(page) -> list[str]:
    return page.locator("[data-kaart-enquete-answer]").evaluate_all("els => els.map(e => e.dataset.kaartEnqueteAnswer)")


def _download(page, action: str, target: Path) -> Path:
    with page.expect_download() as info:
        _press(page, f'[data-kaart-enquete-action="{action}"]')
    info.value.save_as(target)
    return target


def _import(path: Path, base: Path):
    connection = store.connect(base)
    try:
        report = importer.import_files(connection, [path], load_questionnaire(), territory.default_territories())
        answers = connection.execute("SELECT uuid, question, value FROM answers ORDER BY 1, 2, 3").fetchall()
        responses = connection.execute("SELECT uuid, kind, code, name, meeting_date, consent_synthesis, "
                                       "consent_recontact FROM responses ORDER BY uuid").fetchall()
    finally:
        connection.close()
    return report, answers, responses


@pytest.mark.book
def test_keyboard_draft_several_answers_exports_and_reimport(offline_page, axe, tmp_path):
    page = _open(offline_page, PAGE)
    page.set_viewport_size({"width": 390, "height": 844})
    assert "Rennes (35238)" in page.locator("[data-kaart-enquete-territory]").inner_text()
    assert page.locator(f"{_question('code-insee')} input").input_value() == "35238", "pre-filled from contract 1"
    assert page.locator(_question("risques")).is_hidden(), "asked only once the élu agrees"

    # An empty save: every missing answer is said next to its question, and the focus goes to the first.
    _start_at_date(page)
    today = page.locator(f"{_question('date-rencontre')} input").input_value()
    page.keyboard.press("ArrowDown")
    meeting = page.locator(f"{_question('date-rencontre')} input").input_value()
    assert meeting < today, "the date changed with the keyboard, to a day before today"
    _press(page, '[data-kaart-enquete-action="save"]')
    errors = page.locator("[data-kaart-enquete-errors] li")
    assert errors.count() == 4 and "Quelle collectivité" in errors.first.inner_text()
    focused = page.evaluate("document.activeElement.closest('[data-kaart-enquete-question]').dataset.kaartEnqueteQuestion")
    assert focused == "type-collectivite"
    error_id = page.locator(f"{_question('type-collectivite')} [data-kaart-enquete-error]").get_attribute("id")
    assert error_id in page.evaluate("document.activeElement.getAttribute('aria-describedby')").split()
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"
    assert axe(page, f"{PAGE} (erreurs)") == []

    # Answer 1, a commune: from the focused first error, the keyboard only.
    page.keyboard.press("Space")
    assert page.locator(f'{_question("type-collectivite")} input[value="commune"]').is_checked()
    _choose(page, "fonction", "adjoint")
    _choose(page, "consentement-synthese", "oui")
    _tick(page, "risques", "chaleur", "inondation")
    _tick(page, "dependances", "energie")
    _choose(page, "preparation", "2")
    _tick(page, "demarches", "pcaet", "pcs")
    _type(page, "personnes-ressources", "3")
    _tick(page, "priorites", "eau", "energie")
    _tick(page, "besoins", "donnees", "ingenierie")
    _type(page, "besoin-precis", "Un diagnostic partagé avec les communes voisines.")
    _tick(page, "cahiers", "grandes-villes")
    _choose(page, "cahier-utile", "4")
    _tick(page, "suite", "presentation")
    _type(page, "message", "L'eau d'abord ; « urgent »")
    _choose(page, "consentement-recontact", "non")

    # The draft survives a reload.
    page.reload()
    page.wait_for_selector("[data-kaart-enquete]")
    assert page.locator(f'{_question("fonction")} input[value="adjoint"]').is_checked()
    assert page.locator(f'{_question("risques")} input[value="inondation"]').is_checked()
    assert page.locator(f"{_question('message')} textarea").input_value() == "L'eau d'abord ; « urgent »"
    assert page.locator(f"{_question('date-rencontre')} input").input_value() == meeting
    assert "Brouillon retrouvé" in page.locator("[data-kaart-enquete-status]").inner_text()
    page.locator(f'{_question("consentement-recontact")} input:checked').focus()
    _press(page, '[data-kaart-enquete-action="save"]')
    assert "Réponse enregistrée" in page.locator("[data-kaart-enquete-status]").inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-kaart-enquete-status')")
    first = _saved(page)
    assert len(first) == 1 and UUID_V4.match(first[0])

    # Answer 2, an EPCI whose élu declines the synthesis: the SIREN of the reader's EPCI is pre-filled.
    _start_at_date(page)
    _choose(page, "type-collectivite", "epci")
    assert page.locator(f"{_question('siren-epci')} input").input_value() == "243500139"
    _choose(page, "fonction", "president-epci")
    _choose(page, "consentement-synthese", "non")
    assert page.locator(_question("risques")).is_hidden()
    _choose(page, "consentement-recontact", "oui")
    _press(page, '[data-kaart-enquete-action="save"]')

    # Answer 3, typed from a paper form, then deleted (after one change of mind).
    _start_at_date(page)
    _choose(page, "type-collectivite", "commune")
    _type(page, "code-insee", "2a004")
    _choose(page, "fonction", "maire")
    _choose(page, "consentement-synthese", "non")
    _choose(page, "consentement-recontact", "non")
    _press(page, '[data-kaart-enquete-action="save"]')
    uuids = _saved(page)
    assert len(uuids) == 3 and len(set(uuids)) == 3
    delete = f'[data-kaart-enquete-answer="{uuids[2]}"] [data-kaart-enquete-action="delete"]'
    _press(page, delete)
    assert page.evaluate("document.activeElement.dataset.kaartEnqueteAction") == "cancel"
    page.keyboard.press("Enter")
    assert page.evaluate("(s) => document.activeElement.matches(s)", delete) and len(_saved(page)) == 3
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert "Oui, supprimer" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    assert _saved(page) == uuids[:2]
    assert "supprimée" in page.locator("[data-kaart-enquete-status]").inner_text()

    # Answer 1 edited: the adjointe was in fact the maire.
    _press(page, f'[data-kaart-enquete-answer="{uuids[0]}"] [data-kaart-enquete-action="edit"]')
    assert "Vous modifiez la réponse n° 1" in page.locator("[data-kaart-enquete-editing]").inner_text()
    _choose(page, "fonction", "maire")
    _press(page, '[data-kaart-enquete-action="save"]')
    assert "Modification enregistrée" in page.locator("[data-kaart-enquete-status]").inner_text()
    assert _saved(page) == uuids[:2]
    assert "Maire" in page.locator(f'[data-kaart-enquete-answer="{uuids[0]}"]').inner_text()
    assert axe(page, f"{PAGE} (réponses enregistrées)") == []

    # The exports, downloaded for real, then read by the real importer: the same answers either way.
    csv_file = _download(page, "export-csv", tmp_path / "reponses.csv")
    json_file = _download(page, "export-json", tmp_path / "reponses.json")
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf_uuid;_submission_time;start;end;date-rencontre;")
    from_csv = _import(csv_file, tmp_path / "csv.sqlite")
    from_json = _import(json_file, tmp_path / "json.sqlite")
    for report, _, _ in (from_csv, from_json):
        assert report.summary() == "lues : 2 · acceptées : 2 · en quarantaine : 0 · doublons : 0", report.rejections
    assert from_csv[1:] == from_json[1:]
    _, answers, responses = from_json
    assert [(uuid, kind, code, synthesis, recontact) for uuid, kind, code, _, _, synthesis, recontact in responses] == sorted(
        [(uuids[0], "commune", "35238", 1, 0), (uuids[1], "epci", "243500139", 0, 1)])
    assert {uuid: date for uuid, _, _, _, date, _, _ in responses} == {uuids[0]: meeting, uuids[1]: today}
    stored = {}
    for uuid, question, value in answers:
        stored.setdefault(question, []).append(value)
    assert {u for u, _, _ in answers} == {uuids[0]}, "the EPCI declined the synthesis: nothing but the meeting"
    assert stored == {
        "date-rencontre": [meeting], "fonction": ["maire"], "risques": ["chaleur", "inondation"], "dependances": ["energie"], "preparation": ["2"],
        "demarches": ["pcaet", "pcs"], "personnes-ressources": ["3"], "priorites": ["eau", "energie"],
        "besoins": ["donnees", "ingenierie"], "besoin-precis": ["Un diagnostic partagé avec les communes voisines."],
        "cahiers": ["grandes-villes"], "cahier-utile": ["4"], "suite": ["presentation"],
        "message": ["L'eau d'abord ; « urgent »"]}

    # Erasing the device after sending.
    _press(page, '[data-kaart-enquete-action="erase-all"]')
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert _saved(page) == [] and json.loads(page.evaluate("(k) => localStorage.getItem(k)", KEY))["answers"] == []
    assert {response.request.method for response in offline_page.responses} == {"GET"}, "nothing is ever sent"


@pytest.mark.book
def test_the_form_works_from_a_downloaded_copy(offline_browser, tmp_path):
    offline = offline_browser(HTML_DIR.as_uri() + "/", width=390)
    page = _open(offline, PAGE, territory_data=None)
    assert page.locator("[data-kaart-enquete-territory]").is_hidden()
    _start_at_date(page)
    _choose(page, "type-collectivite", "commune")
    _type(page, "code-insee", "05023")
    _choose(page, "fonction", "agent")
    _choose(page, "consentement-synthese", "non")
    _choose(page, "consentement-recontact", "non")
    _press(page, '[data-kaart-enquete-action="save"]')
    page.reload()
    page.wait_for_selector("[data-kaart-enquete-answer]")
    exported = json.loads(_download(page, "export-json", tmp_path / "r.json").read_text(encoding="utf-8"))
    assert exported["format"] == "kaart-enquete" and len(exported["answers"]) == 1
    assert UUID_V4.match(exported["answers"][0]["uuid"])
    report, _, responses = _import(tmp_path / "r.json", tmp_path / "b.sqlite")
    assert report.total("accepted") == 1 and responses[0][3] == "Briançon"


HOSTILE = "<img src=x onerror=\"window.__kaartHacked=1\"><script>window.__kaartHacked=2</script>"


def test_hostile_text_stays_text(offline_browser, widget_page, tmp_path):
    state = form_state(load_questionnaire(FIXTURES / "good.yml"))
    state["groups"][0]["questions"][1]["choices"][0]["label"] = HOSTILE
    state["notice"] = HOSTILE
    offline = offline_browser(widget_page([("enquete", state, "enquete-formulaire")]), width=390)
    page = offline.page
    offline.open("")
    page.evaluate("(v) => localStorage.setItem('kaart:territoire', v)",
                  json.dumps({**RENNES, "name": HOSTILE, "insee": "35238"}))
    page.reload()
    page.wait_for_selector("[data-kaart-enquete]")
    _start_at_date(page)
    _choose(page, "type-collectivite", "commune")
    _choose(page, "consentement-synthese", "oui")
    _tick(page, "risques", "eau")
    _choose(page, "note", "4")
    _type(page, "precision", "=HYPERLINK(\"http://x\";\"clic\") " + HOSTILE[:60])
    _choose(page, "consentement-recontact", "non")
    _press(page, '[data-kaart-enquete-action="save"]')
    assert len(_saved(page)) == 1, page.locator("[data-kaart-enquete-errors]").inner_text()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__kaartHacked") is None
    assert page.locator("main img, main script:not(.kaart-state):not([src])").count() == page.locator(
        "main [data-kaart-widget] + script").count(), "no markup from the data, the territory or the typing"
    assert HOSTILE in page.locator("[data-kaart-enquete-territory]").inner_text()
    assert HOSTILE in page.locator(".kaart-enquete-notice").inner_text()
    text = _download(page, "export-csv", tmp_path / "h.csv").read_text(encoding="utf-8-sig")
    assert "\"'=HYPERLINK(\"\"http://x\"\";\"\"clic\"\") <img" in text, "a formula is neutralised in the export"
    assert offline.dialogs == []


@pytest.mark.book
def test_the_sample_report_reads_on_a_phone(offline_page, axe):
    """The report published with the site: no sideways scrolling of the page at 390 px (wide tables scroll on
    their own), no serious accessibility problem."""
    page = offline_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    offline_page.open("enquete/rapport-exemple/rapport-enquete.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("table").first.evaluate("t => getComputedStyle(t).overflowX") == "auto"
    assert axe(page, "rapport d'exemple") == []
