"""Tracking the collectivités met, and the list of those agreeing to be recontacted (coordinators only)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kaart_course.sphinxext.communes_rencontrees import absent_nodes, tracking_nodes
from kaart_course.survey import importer, store, tracking
from kaart_course.survey.questionnaire import load_questionnaire
from survey_fixtures import columns, csv_bytes, fake_territories, uuid_of, valid_answer, write

FIXTURES = Path(__file__).parent / "fixtures" / "enquete"


def _base(tmp_path):
    questionnaire = load_questionnaire()
    answers = [valid_answer(uuid_of(1)),
               valid_answer(uuid_of(2), code="2A004", **{"consentement-synthese": "non",
                                                          "date-rencontre": "2026-10-03"}),
               valid_answer(uuid_of(3), code="35238", **{"date-rencontre": "2026-06-01",
                                                          "consentement-recontact": "non"}),
               valid_answer(uuid_of(4), code="97411", **{"consentement-recontact": "non"})]
    connection = store.connect(tmp_path / "b.sqlite")
    importer.import_files(connection, [write(tmp_path / "a.csv", csv_bytes(answers, columns(questionnaire)))],
                          questionnaire, fake_territories(), today=dt.date(2026, 12, 2))
    return connection


def test_tracking_says_code_month_and_status_only(tmp_path):
    data = tracking.tracking(_base(tmp_path), dt.date(2026, 12, 2))
    assert data["collectivites"] == [
        {"code": "2A004", "kind": "commune", "month": "2026-10", "status": "met"},
        {"code": "35238", "kind": "commune", "month": "2026-11", "status": "answered"},
        {"code": "97411", "kind": "commune", "month": "2026-11", "status": "answered"},
    ]
    path = tracking.write_tracking(data, tmp_path / "suivi" / "communes.json")
    assert json.loads(path.read_text(encoding="utf-8"))["generated"] == "2026-12-02"


def test_recontact_lists_collectivite_type_departement_date_and_nothing_else(tmp_path):
    header, rows = tracking.recontact(_base(tmp_path))
    assert header == ("collectivite", "code", "type", "departement", "date_accord")
    # Rennes's latest answer agrees; Ajaccio agreed without the synthesis; Saint-Denis declined.
    assert rows == [("Ajaccio", "2A004", "Littoral", "2A", "2026-10-03"),
                    ("Rennes", "35238", "Grandes villes et métropoles", "35", "2026-11-30")]


# --- The tracking file in the repository (data/suivi/communes.json) and its page -------------------------



def test_the_tracking_file_written_is_read_back(tmp_path):
    data = {"generated": "2026-12-01", "fictitious": True, "collectivites": [
        {"code": "35238", "kind": "commune", "month": "2026-11", "status": "answered"},
        {"code": "200000172", "kind": "epci", "month": "2026-09", "status": "met"}]}
    path = tracking.write_tracking(data, tmp_path / "suivi" / "communes.json")
    read, problems = tracking.read_tracking(path)
    assert problems == [] and read.fictitious and read.generated == "2026-12-01"
    assert [(m.code, m.kind, m.month, m.status) for m in read.collectivites] == [
        ("35238", "commune", "2026-11", "answered"), ("200000172", "epci", "2026-09", "met")]


def test_a_broken_tracking_file_names_line_entry_and_field_and_keeps_the_good_entries():
    path = FIXTURES / "suivi-casse.json"
    read, problems = tracking.read_tracking(path)
    assert [str(p).removeprefix(f"{path}:") for p in problems] == [
        "6: 3523: code: code INSEE (5 caractères) attendu",
        "7: 35238: code: collectivité en double",
        "8: 242010056: month: mois 'novembre' : attendu AAAA-MM",
        "9: 05023: maire: champ inconnu (champs permis : code, kind, month, status)",
        "9: 05023: kind: valeur inconnue 'village' (attendu : commune, epci)",
        "9: 05023: status: valeur inconnue 'vu' (attendu : answered, met)",
    ]
    assert [m.code for m in read.collectivites] == ["35238"] and read.set_aside == 4
    assert tracking.check_tracking([path]) == (problems, {"suivi-casse.json": 4})
    assert tracking.read_tracking(FIXTURES / "absent.json")[1][0].message == "fichier introuvable"


def test_the_page_lists_the_collectivites_met_by_departement():
    from kaart_course.territories import load_territories

    read, problems = tracking.read_tracking(FIXTURES / "suivi-communes.json")
    assert problems == []
    text = [node.astext() for node in tracking_nodes(read, load_territories())]
    assert text[0].startswith("Données fictives")
    assert "7 collectivité(s) rencontrée(s) dans 5 département(s)" in text[1] and "1er décembre 2026" in text[1]
    captions = [t.strip().split("\n")[0] for t in text[2:]]
    assert captions == ["Hautes-Alpes (05)", "Corse-du-Sud (2A)", "Ille-et-Vilaine (35)", "Paris (75)", "La Réunion (974)"]
    tables = "\n".join(text)
    assert "Rennes (35238)" in tables and "novembre 2026" in tables and "enquête remplie" in tables
    assert "CA du Pays Ajaccien (intercommunalité, 242010056)" in tables
    assert "rencontrée, sans réponse à l'enquête" in tables


def test_without_a_file_the_page_says_how_coordinators_produce_it():
    text = " ".join(node.astext() for node in absent_nodes())
    assert "kaart enquete suivi --base enquete.sqlite -o data/suivi/communes.json" in text
    assert "Aucun fichier de suivi" in text
