"""Fictitious answers (kaart_course.survey.example): seeded, valid, marked « fictif » everywhere."""

from __future__ import annotations

import datetime as dt

from kaart_course.survey import example, importer, store
from kaart_course.survey.questionnaire import load_questionnaire
from survey_fixtures import fake_territories


def _rows(n, seed):
    lookup = fake_territories()
    return example.example_rows(load_questionnaire(), lookup, sorted(lookup.communes), sorted(lookup.epcis), n, seed)


def test_same_seed_same_answers_and_every_row_is_fictitious():
    header, rows = _rows(50, 1)
    assert (header, rows) == _rows(50, 1) and rows != _rows(50, 2)[1]
    assert header[:5] == ["_uuid", "_submission_time", "start", "end", "fictif"]
    assert {row[4] for row in rows} == {"oui"} and len({row[0] for row in rows}) == 50


def test_generated_answers_import_without_quarantine(tmp_path):
    header, rows = _rows(200, 3)
    path = store.write_csv(tmp_path / "exemple.csv", header, rows)
    connection = store.connect(tmp_path / "b.sqlite")
    report = importer.import_files(connection, [path], load_questionnaire(), fake_territories(),
                                   today=dt.date(2026, 12, 2))
    assert report.total("accepted") == 200, [str(r) for r in report.rejections[:5]]
    assert connection.execute("SELECT min(fictitious) FROM responses").fetchone() == (1,)
