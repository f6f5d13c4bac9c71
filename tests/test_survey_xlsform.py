"""The XLSForm (kaart_course.survey.xlsform): pyxform converts it, with the questionnaire's names and logic."""

from __future__ import annotations

from openpyxl import load_workbook
from pyxform.xls2xform import convert

from kaart_course.cli import run
from kaart_course.survey.conditions import to_xlsform
from kaart_course.survey.questionnaire import load_questionnaire
from kaart_course.survey.xlsform import write_xlsform


def test_pyxform_converts_the_form_without_error_or_warning(tmp_path):
    path = write_xlsform(load_questionnaire(), tmp_path / "enquete.xlsx")
    result = convert(xlsform=str(path), warnings=(warnings := []))
    assert warnings == [] and result.warnings == []
    assert "<h:title>Enquête KAART" in result.xform


def test_same_names_choices_conditions_and_constraints(tmp_path):
    questionnaire = load_questionnaire()
    workbook = load_workbook(write_xlsform(questionnaire, tmp_path / "e.xlsx"))
    assert workbook.sheetnames == ["survey", "choices", "settings"]
    survey = list(workbook["survey"].iter_rows(values_only=True))
    header = survey[0]
    rows = {row[1]: dict(zip(header, row)) for row in survey[1:] if row[0] != "end_group"}
    for question in questionnaire.questions:
        row = rows[question.id]
        assert row["label::Français (fr)"] == question.label
        assert (row["required"] == "yes") == question.required
        if question.relevant:
            assert row["relevant"] == to_xlsform(question.relevant)
    assert rows["territoire"]["type"] == "begin_group"
    assert rows["territoire"]["relevant"] == "${consentement-synthese} = 'oui'"
    assert rows["risques"]["type"] == "select_multiple risques"
    assert "regex(., '^([0-9]{2}|2[AB])[0-9]{3}$')" == rows["code-insee"]["constraint"]
    assert "count-selected(.) <= 3" in rows["priorites"]["constraint"]
    choices = {(r[0], r[1]) for r in workbook["choices"].iter_rows(min_row=2, values_only=True)}
    for question in questionnaire.questions:
        assert {(question.id, c) for c in question.choice_ids} <= choices


def test_cli_writes_the_xlsform(tmp_path, capsys):
    assert run(["enquete", "xlsform", "-o", str(tmp_path / "f.xlsx")]) == 0
    assert (tmp_path / "f.xlsx").exists() and "XLSForm écrit" in capsys.readouterr().out
