"""Reading answer files as tables (kaart_course.survey.reading): encodings, delimiters, formats."""

from __future__ import annotations

import csv
import json

from kaart_course.survey.importer import Columns
from kaart_course.survey.questionnaire import load_questionnaire
from kaart_course.survey.reading import JSON_CONTRACT, decode, detect_delimiter, read_table
from survey_fixtures import columns, csv_bytes, uuid_of, valid_answer, write

FRENCH = "Réponse : « sécheresse », œuvre, été, ça coûte 3,5 € ; à l'île d'Oléron — déjà."


def test_encodings_are_detected():
    assert decode(FRENCH.encode("cp1252")) == (FRENCH, "Windows-1252")
    assert decode(b"\xef\xbb\xbf" + FRENCH.encode("utf-8")) == (FRENCH, "UTF-8 avec BOM")
    assert decode(FRENCH.encode("utf-8")) == (FRENCH, "UTF-8")
    assert decode(FRENCH.encode("utf-16")) == (FRENCH, "UTF-16")


def test_delimiter_is_found_from_the_known_columns_where_the_sniffer_fails():
    known = Columns(load_questionnaire()).known
    # csv.Sniffer guesses from character counts: on a one-column file it picks a letter, and quoted
    # answers side by side fool it into the comma.
    one_column = "_uuid\n" + "abc-def\n" * 4
    assert csv.Sniffer().sniff(one_column).delimiter == "d"
    assert detect_delimiter(one_column, known) in (",", ";", "\t", "|")
    quoted = "_uuid;message\n" + 'a;"eau","sol"\n' * 3
    assert csv.Sniffer().sniff(quoted).delimiter == ","
    assert detect_delimiter(quoted, known) == ";"
    # Semicolons between columns, commas inside the answers (a decimal comma, a sentence), unquoted as Excel
    # writes them.
    text = "_uuid;date-rencontre;message\n" + "".join(
        f"{uuid_of(n)};30/11/2026;Eau, énergie, alimentation, mobilité, santé : tout compte, {n},5 %\n"
        for n in range(5))
    assert detect_delimiter(text, known) == ";"
    assert detect_delimiter(text.replace(";", "\t"), known) == "\t"


def test_windows_1252_crlf_semicolons(tmp_path):
    questionnaire = load_questionnaire()
    answer = valid_answer(uuid_of(1), message="Été très sec ; « l'eau » d'abord, 3,5 €")
    path = write(tmp_path / "excel.csv", csv_bytes([answer], columns(questionnaire), ";", "cp1252", "\r\n"))
    table = read_table(path, Columns(questionnaire).known)
    assert table.description == "CSV (Windows-1252, séparateur point-virgule)"
    message = table.rows[0][1][table.header.index("message")]
    assert message == "Été très sec ; « l'eau » d'abord, 3,5 €" and table.rows[0][0] == 2


def test_json_export_reads_as_the_csv_export(tmp_path):
    from pathlib import Path

    table = read_table(Path(__file__).parent / "fixtures" / "enquete" / "export-site.json", lambda _: True)
    row = dict(zip(table.header, table.rows[0][1]))
    assert row["_uuid"].endswith("0a01") and row["risques"] == "chaleur inondation" and row["fictif"] == "oui"
    assert row["preparation"] == "2" and row["message"] == ""
    assert "answers" in JSON_CONTRACT
    bare = write(tmp_path / "liste.json", json.dumps([{"uuid": "abc", "values": {"fonction": "maire"}}]).encode())
    assert dict(zip(*[read_table(bare, lambda _: True).header, read_table(bare, lambda _: True).rows[0][1]]))[
        "fonction"] == "maire"
