"""Importing answers (kaart_course.survey.importer, .store): every real shape, hostile cells, quarantine,
duplicates, one transaction."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import Workbook

from kaart_course.survey import importer, store
from kaart_course.survey.questionnaire import load_questionnaire
from survey_fixtures import (
    columns, csv_bytes, fake_territories, json_export, kobo_header, kobo_row, uuid_of, valid_answer, write,
)

TODAY = dt.date(2026, 12, 2)
SCRIPT = "<script>alert('x')</script>"
LONG = "é" * 10_000


@pytest.fixture
def questionnaire():
    return load_questionnaire()


@pytest.fixture
def base(tmp_path):
    connection = store.connect(tmp_path / "enquete.sqlite")
    yield connection
    connection.close()


def _import(base, paths, questionnaire):
    return importer.import_files(base, paths, questionnaire, fake_territories(), today=TODAY)


def _adds_up(report):
    assert report.total("read") == report.total("accepted") + report.total("quarantined") + report.total("duplicates")


def hostile_answers() -> list[dict]:
    """Good rows and rows built to break things, with what should become of each."""
    return [
        valid_answer(uuid_of(1)),
        valid_answer(uuid_of(2), code="2A004", message=SCRIPT),  # script tag: accepted, stored as text
        valid_answer(uuid_of(3), code="97411", fonction="=HYPERLINK(\"http://x\",\"clic\")"),  # formula
        valid_answer(uuid_of(4), code="99999"),  # unknown INSEE code
        valid_answer(uuid_of(5), risques="chaleur météorites"),  # not in the choices
        valid_answer(uuid_of(6), **{"consentement-synthese": ""}),  # consent absent
        valid_answer(uuid_of(7), message=LONG),  # 10,000 characters: too long for the question
        valid_answer(uuid_of(1)),  # duplicate of the first row
        valid_answer("", code="29019"),  # no UUID
        valid_answer(uuid_of(8), **{"date-rencontre": "31/02/2026"}),  # impossible date
        valid_answer(uuid_of(9), code="1001"),  # Excel dropped the leading zero: 01001
        valid_answer(uuid_of(10), priorites="eau energie alimentation chaleur"),  # 4 priorities, 3 at most
        valid_answer(uuid_of(11), risques="nsp chaleur"),  # « ne sait pas » with another answer
        valid_answer(uuid_of(12), **{"consentement-synthese": "non"}),  # meeting only
        valid_answer(uuid_of(13), **{"message": "+33 6 12 34 56 78 @SUM(A1)"}),  # formula-like text
    ]


EXPECTED = {"read": 15, "accepted": 5, "quarantined": 9, "duplicates": 1}


def _check_hostile(report, base):
    _adds_up(report)
    assert {name: report.total(name) for name in EXPECTED} == EXPECTED
    groups = [g.id for g in load_questionnaire().groups]

    def question_of(column: str) -> str:
        name = column.rsplit("/", 1)[-1]
        return next((name.removeprefix(f"{g}-") for g in groups if name.startswith(f"{g}-")), name)

    reasons = {(r.row, question_of(r.column)): r.reason for r in report.rejections}
    assert "code INSEE inconnu" in reasons[(5, "code-insee")]
    assert "hors des choix" in reasons[(6, "risques")]
    assert "accord absent" in reasons[(7, "consentement-synthese")]
    assert "10000 caractères" in reasons[(8, "message")]
    assert "absent" in reasons[(10, "_uuid")]
    assert "date attendue" in reasons[(11, "date-rencontre")]
    assert "3 au plus" in reasons[(13, "priorites")]
    assert "ne se combine pas" in reasons[(14, "risques")]
    assert "hors des choix" in reasons[(4, "fonction")]
    formula = base.execute("SELECT value FROM quarantine WHERE column_name LIKE '%fonction'").fetchone()[0]
    assert formula.startswith("=HYPERLINK(")  # stored as typed, as text
    stored = dict(base.execute("SELECT uuid, value FROM answers WHERE question = 'message'").fetchall())
    assert stored[uuid_of(2)] == SCRIPT and stored[uuid_of(13)].startswith("+33")
    assert base.execute("SELECT code FROM responses WHERE uuid = ?", (uuid_of(9),)).fetchone() == ("01001",)
    meeting = base.execute("SELECT consent_synthesis FROM responses WHERE uuid = ?", (uuid_of(12),)).fetchone()
    assert meeting == (0,)
    assert base.execute("SELECT count(*) FROM answers WHERE uuid = ?", (uuid_of(12),)).fetchone() == (0,)
    quarantined = base.execute("SELECT value FROM quarantine WHERE column_name LIKE '%message'").fetchone()
    assert quarantined == (LONG,)  # kept whole, as text
    assert base.execute("SELECT count(DISTINCT row) FROM quarantine").fetchone() == (EXPECTED["quarantined"],)


def test_site_csv_utf8(tmp_path, base, questionnaire):
    path = write(tmp_path / "site.csv", csv_bytes(hostile_answers(), columns(questionnaire)))
    _check_hostile(_import(base, [path], questionnaire), base)


def test_french_excel_windows_1252_crlf_semicolons_decimal_comma_french_dates(tmp_path, base, questionnaire):
    answers = hostile_answers()
    for answer in answers:
        if answer["date-rencontre"] == "2026-11-30":
            answer["date-rencontre"] = "30/11/2026"
        answer["preparation"] = "2,0"
        answer["personnes-ressources"] = "3,0"
    answers[0]["message"] = "Sécheresse ; « eau », coût 3,5 € — œuvre commune"
    path = write(tmp_path / "excel.csv", csv_bytes(answers, columns(questionnaire), ";", "cp1252", "\r\n"))
    report = _import(base, [path], questionnaire)
    assert report.files[0].description == "CSV (Windows-1252, séparateur point-virgule)"
    _check_hostile(report, base)
    assert base.execute("SELECT meeting_date FROM responses WHERE uuid = ?", (uuid_of(1),)).fetchone() == (
        "2026-11-30",)
    assert base.execute("SELECT value FROM answers WHERE uuid = ? AND question = 'message'", (uuid_of(1),)
                        ).fetchone() == ("Sécheresse ; « eau », coût 3,5 € — œuvre commune",)
    assert base.execute("SELECT value FROM answers WHERE uuid = ? AND question = 'preparation'", (uuid_of(1),)
                        ).fetchone() == ("2",)


def test_utf8_with_bom_semicolons(tmp_path, base, questionnaire):
    path = write(tmp_path / "bom.csv", csv_bytes(hostile_answers(), columns(questionnaire), ";", bom=True))
    report = _import(base, [path], questionnaire)
    assert report.files[0].description.startswith("CSV (UTF-8 avec BOM")
    _check_hostile(report, base)


@pytest.mark.parametrize("separator, delimiter", [("/", ","), ("-", ";")])
def test_kobotoolbox_export_with_group_prefixes(tmp_path, base, questionnaire, separator, delimiter):
    header, names = kobo_header(questionnaire, separator)
    rows = [kobo_row(a, questionnaire, names, i) for i, a in enumerate(hostile_answers())]
    path = write(tmp_path / "kobo.csv", csv_bytes(rows, header, delimiter))
    report = _import(base, [path], questionnaire)
    assert report.files[0].ignored_columns == []
    _check_hostile(report, base)


def test_kobotoolbox_choice_columns_alone_are_enough(tmp_path, base, questionnaire):
    header, names = kobo_header(questionnaire)
    header = [h for h in header if h != names["risques"]]
    row = kobo_row(valid_answer(uuid_of(1), risques="inondation feux"), questionnaire, names, 0)
    _import(base, [write(tmp_path / "k.csv", csv_bytes([row], header))], questionnaire)
    assert sorted(v for (v,) in base.execute("SELECT value FROM answers WHERE question = 'risques'")) == [
        "feux", "inondation"]


def test_xlsx_export(tmp_path, base, questionnaire):
    workbook = Workbook()
    sheet = workbook.active
    header = columns(questionnaire)
    sheet.append(header)
    for answer in hostile_answers():
        cells = [answer.get(name, "") or None for name in header]
        sheet.append(cells)
        for cell in sheet[sheet.max_row]:
            if cell.column_letter and header[cell.column - 1] == "date-rencontre" and answer["date-rencontre"] == \
                    "2026-11-30":
                cell.value = dt.datetime(2026, 11, 30)  # Excel stores a date, not a text
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "f"  # a real formula in the workbook
    workbook.save(tmp_path / "kobo.xlsx")
    report = _import(base, [tmp_path / "kobo.xlsx"], questionnaire)
    assert report.files[0].description.startswith("XLSX")
    _check_hostile(report, base)


def test_json_export_of_the_site_form(tmp_path, base, questionnaire):
    answers = hostile_answers()
    path = write(tmp_path / "site.json", json_export([a for a in answers if a["_uuid"]], questionnaire))
    report = _import(base, [path], questionnaire)
    _adds_up(report)
    assert report.total("read") == 14 and report.total("accepted") == 5


def test_json_fixture_of_the_contract(base, questionnaire):
    from pathlib import Path

    report = _import(base, [Path(__file__).parent / "fixtures" / "enquete" / "export-site.json"], questionnaire)
    assert (report.total("accepted"), report.total("quarantined"), report.files[0].meetings_only) == (2, 0, 1)
    assert base.execute("SELECT sum(fictitious) FROM responses").fetchone() == (2,)


def test_reimporting_adds_nothing(tmp_path, base, questionnaire):
    path = write(tmp_path / "site.csv", csv_bytes(hostile_answers(), columns(questionnaire)))
    _import(base, [path], questionnaire)
    before = store.counts(base)
    again = _import(base, [path], questionnaire)
    _adds_up(again)
    assert again.total("accepted") == 0 and again.total("duplicates") == 5 + 1
    after = store.counts(base)
    assert {k: v for k, v in after.items() if k != "imports"} == {k: v for k, v in before.items() if k != "imports"}


def test_a_failure_in_the_middle_leaves_the_base_unchanged(tmp_path, base, questionnaire, monkeypatch):
    first = write(tmp_path / "a.csv", csv_bytes(hostile_answers()[:3], columns(questionnaire)))
    _import(base, [first], questionnaire)
    before = store.counts(base)
    second = write(tmp_path / "b.csv", csv_bytes([valid_answer(uuid_of(100 + n)) for n in range(20)],
                                                  columns(questionnaire)))
    third = write(tmp_path / "c.csv", csv_bytes([valid_answer(uuid_of(200))], columns(questionnaire)))
    real = store.add_answers
    calls = []

    def crash(connection, rows):
        calls.append(1)
        if len(calls) == 2:  # after the second file's responses are written, before its answers
            raise OSError("disque plein (simulé)")
        return real(connection, rows)

    monkeypatch.setattr(store, "add_answers", crash)
    with pytest.raises(OSError, match="simulé"):
        _import(base, [third, second], questionnaire)
    assert store.counts(base) == before


def test_a_file_that_is_no_table_stops_everything_before_writing(tmp_path, base, questionnaire):
    good = write(tmp_path / "a.csv", csv_bytes([valid_answer(uuid_of(1))], columns(questionnaire)))
    broken = write(tmp_path / "b.json", b'{"answers": [')
    before = store.counts(base)
    with pytest.raises(importer.ReadError, match="b.json"):
        _import(base, [good, broken], questionnaire)
    assert store.counts(base) == before


def test_unknown_columns_are_ignored_and_named(tmp_path, base, questionnaire):
    answer = valid_answer(uuid_of(1), **{"nom du maire": "X"})
    report = _import(base, [write(tmp_path / "a.csv", csv_bytes([answer], [*columns(questionnaire),
                                                                          "nom du maire"]))], questionnaire)
    assert report.files[0].ignored_columns == ["nom du maire"] and report.total("accepted") == 1
    assert base.execute("SELECT count(*) FROM answers WHERE value = 'X'").fetchone() == (0,)


def test_formulas_are_neutralised_in_every_csv_written(tmp_path):
    values = ["=1+1", "+33 6", "-2+3", "@SUM(A1)", "\tx", "\rx", "-3", "2,5", "texte", SCRIPT]
    path = store.write_csv(tmp_path / "sortie.csv", ["=entete"], [[v] for v in values])
    read = [row[0] for row in csv.reader(path.open(encoding="utf-8", newline=""))]
    assert read == ["'=entete", "'=1+1", "'+33 6", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", "-3", "2,5", "texte",
                    SCRIPT]


def test_the_geography_answer_gives_the_type_of_territory(tmp_path, base, questionnaire):
    """Littoral and montagne come from the élu's answer; outre-mer from the official data, before it."""
    answers = [valid_answer(uuid_of(1), geographie="littoral"), valid_answer(uuid_of(2), code="01001"),
               valid_answer(uuid_of(3), code="01001", geographie="montagne", **{"date-rencontre": "2026-11-29"}),
               valid_answer(uuid_of(4), code="97411", geographie="littoral"),
               valid_answer(uuid_of(5), code="29019", geographie="nsp littoral")]
    report = _import(base, [write(tmp_path / "g.csv", csv_bytes(answers, columns(questionnaire)))], questionnaire)
    assert report.total("accepted") == 4 and report.total("quarantined") == 1
    assert "ne se combine pas" in report.rejections[0].reason and report.rejections[0].row == 6
    types = dict(base.execute("SELECT uuid, territory_type FROM responses"))
    assert types == {uuid_of(1): "littoral", uuid_of(2): "petites-villes", uuid_of(3): "montagne",
                     uuid_of(4): "outre-mer"}
    assert base.execute("SELECT count(*) FROM answers WHERE question = 'geographie'").fetchone()[0] == 0, \
        "the answer becomes the type, it is not counted again as an answer"
