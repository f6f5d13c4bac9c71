"""Tracking the collectivités met, and the list of those agreeing to be recontacted (coordinators only)."""

from __future__ import annotations

import datetime as dt
import json

from kaart_course.survey import importer, store, tracking
from kaart_course.survey.questionnaire import load_questionnaire
from survey_fixtures import columns, csv_bytes, fake_territories, uuid_of, valid_answer, write


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
