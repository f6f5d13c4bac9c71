"""``kaart enquete …`` through run(argv), without a subprocess, on the fake territory data."""

from __future__ import annotations

import csv
import json

import pytest

from kaart_course.cli import run
from kaart_course.survey import territory
from survey_fixtures import columns, csv_bytes, fake_territories, uuid_of, valid_answer, write
from kaart_course.survey.questionnaire import load_questionnaire

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures" / "enquete"


@pytest.fixture(autouse=True)
def fake_lookup(monkeypatch):
    monkeypatch.setattr(territory, "default_territories", fake_territories)


def test_check_passes_on_the_course_and_fails_on_a_broken_file(capsys):
    assert run(["enquete", "check"]) == 0
    assert run(["enquete", "check", str(FIXTURES / "bad-conditions.yml")]) == 1
    err = capsys.readouterr().err
    assert f"{FIXTURES / 'bad-conditions.yml'}:19: code-insee: relevant:" in err and "5 problème(s)" in err


def test_import_prints_rejections_and_one_summary_line_and_fails_on_quarantine(tmp_path, capsys):
    base = tmp_path / "b.sqlite"
    answers = [valid_answer(uuid_of(1)), valid_answer(uuid_of(2), code="99999"), valid_answer(uuid_of(1))]
    path = write(tmp_path / "a.csv", csv_bytes(answers, columns(load_questionnaire())))
    assert run(["enquete", "importer", str(path), "--base", str(base)]) == 1
    out, err = capsys.readouterr()
    assert out.strip().splitlines()[-1] == "lues : 3 · acceptées : 1 · en quarantaine : 1 · doublons : 1"
    assert f"{path}:3: code-insee: code INSEE inconnu" in err
    clean = write(tmp_path / "c.csv", csv_bytes([valid_answer(uuid_of(5))], columns(load_questionnaire())))
    assert run(["enquete", "importer", str(clean), "--base", str(base)]) == 0
    assert run(["enquete", "importer", str(tmp_path / "absent.csv"), "--base", str(base)]) == 2


def test_the_whole_chain(tmp_path, capsys):
    base = str(tmp_path / "b.sqlite")
    answers = tmp_path / "exemple.csv"
    assert run(["enquete", "exemple", "--n", "60", "--graine", "1", "-o", str(answers)]) == 0
    assert run(["enquete", "importer", str(answers), "--base", base]) == 0
    uuid = next(csv.DictReader(answers.open(encoding="utf-8")))["_uuid"]
    assert run(["enquete", "publier", uuid, "message", "--base", base]) in (0, 2)
    assert run(["enquete", "publier", "inconnu", "message", "--base", base]) == 2
    assert run(["enquete", "synthese", "--base", base, "-o", str(tmp_path / "rapport"), "--sans-pdf"]) == 0
    assert (tmp_path / "rapport" / "rapport-enquete.html").exists()
    assert not list((tmp_path / "rapport").glob("*recontact*"))  # never beside the report
    assert run(["enquete", "recontact", "--base", base, "-o", str(tmp_path / "recontact.csv")]) == 0
    assert next(csv.reader((tmp_path / "recontact.csv").open(encoding="utf-8")))[-1] == "fictif"
    assert run(["enquete", "suivi", "--base", base, "-o", str(tmp_path / "suivi.json")]) == 0
    assert json.loads((tmp_path / "suivi.json").read_text(encoding="utf-8"))["fictitious"] is True
    assert run(["enquete", "quarantaine", "--base", base, "-o", str(tmp_path / "q.csv")]) == 0
    out = capsys.readouterr().out
    assert "Rapport écrit" in out and "réservé aux coordinateurs" in out


def test_quarantine_export_neutralises_formulas(tmp_path):
    base = str(tmp_path / "b.sqlite")
    path = write(tmp_path / "a.csv", csv_bytes([valid_answer(uuid_of(1), fonction="=cmd|'/c calc'!A1")],
                                                columns(load_questionnaire())))
    assert run(["enquete", "importer", str(path), "--base", base]) == 1
    assert run(["enquete", "quarantaine", "--base", base, "-o", str(tmp_path / "q.csv")]) == 0
    rows = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8")))
    assert rows[0]["valeur"] == "'=cmd|'/c calc'!A1"


def test_purge_erases_answers_older_than_the_retention_and_keeps_the_others(tmp_path, capsys):
    base = str(tmp_path / "b.sqlite")
    answers = [valid_answer(uuid_of(1), **{"date-rencontre": "2024-11-30"}),
               valid_answer(uuid_of(2), **{"date-rencontre": "2024-12-02"}),
               valid_answer(uuid_of(3), code="2A004")]
    path = write(tmp_path / "a.csv", csv_bytes(answers, columns(load_questionnaire())))
    assert run(["enquete", "importer", str(path), "--base", base]) == 0
    assert run(["enquete", "publier", uuid_of(1), "message", "--base", base]) == 0
    assert run(["enquete", "purger", "--base", base, "--avant", "2024-12-01"]) == 0
    assert "1 réponse(s) et 0 rejet(s) effacé(s)" in capsys.readouterr().out
    from kaart_course.survey import store

    connection = store.connect(tmp_path / "b.sqlite")
    kept = {uuid for (uuid,) in connection.execute("SELECT uuid FROM responses")}
    assert kept == {uuid_of(2), uuid_of(3)}
    assert connection.execute("SELECT count(*) FROM answers WHERE uuid = ?", (uuid_of(1),)).fetchone()[0] == 0
    assert store.counts(connection)["publishable"] == 0
    connection.close()


def test_retention_is_two_years_to_the_day_and_said_so_to_the_elu():
    import datetime as dt

    from kaart_course.survey import store

    assert store.retention_cutoff(dt.date(2026, 12, 3)) == dt.date(2024, 12, 3)
    assert store.retention_cutoff(dt.date(2028, 2, 29)) == dt.date(2026, 2, 28)
    words = {1: "un an", 2: "deux ans", 3: "trois ans"}[store.RETENTION_YEARS]
    assert f"au plus tard {words} après la rencontre" in load_questionnaire().notice


def test_erase_a_collectivite_or_an_answer_when_consent_is_withdrawn(tmp_path, capsys):
    base = str(tmp_path / "b.sqlite")
    answers = [valid_answer(uuid_of(1)), valid_answer(uuid_of(2), **{"date-rencontre": "2026-10-01"}),
               valid_answer(uuid_of(3), code="2A004")]
    path = write(tmp_path / "a.csv", csv_bytes(answers, columns(load_questionnaire())))
    assert run(["enquete", "importer", str(path), "--base", base]) == 0
    assert run(["enquete", "effacer", "--collectivite", "35238", "--base", base]) == 0
    assert "2 réponse(s) effacée(s) pour la collectivité 35238" in capsys.readouterr().out
    assert run(["enquete", "effacer", "--reponse", uuid_of(1), "--base", base]) == 2, "already erased"
    from kaart_course.survey import store

    connection = store.connect(tmp_path / "b.sqlite")
    assert [uuid for (uuid,) in connection.execute("SELECT uuid FROM responses")] == [uuid_of(3)]
    assert connection.execute("SELECT count(DISTINCT uuid) FROM answers").fetchone()[0] == 1
    connection.close()
    with pytest.raises(SystemExit):
        run(["enquete", "effacer", "--base", base])
