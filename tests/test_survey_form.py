"""The survey form's state (kaart_course.survey.form), its print form (kaart_course.sphinxext.enquete) and the
A4 paper form (kaart_course.survey.printable): built from the one questionnaire, one semantics of the
relevance conditions (shared cases with the browser), columns the importer reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docutils import nodes
from pypdf import PdfReader

from kaart_course.survey import load_questionnaire, printable
from kaart_course.survey.conditions import condition_to_dict, evaluate, parse_condition
from kaart_course.survey.form import SurveyForm, describe, form_state
from kaart_course.survey.values import Columns
from kaart_course.survey.xlsform import constraint_messages
from kaart_course.sphinxext.enquete import print_form

FIXTURES = Path(__file__).parent / "fixtures" / "enquete"
CASES = json.loads((FIXTURES / "conditions-cases.json").read_text(encoding="utf-8"))


def _python(value):
    """A JSON answer as the Python side holds it: a multiple answer as a set, a number as a float."""
    if isinstance(value, list):
        return frozenset(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value


@pytest.mark.parametrize("case", CASES["conditions"], ids=lambda c: f"{c['condition']}|{json.dumps(c['answers'])}")
def test_condition_cases_shared_with_the_browser(case):
    condition = parse_condition(case["condition"])
    assert condition_to_dict(condition) == case["tree"], "the tree the browser evaluates"
    answers = {key: _python(value) for key, value in case["answers"].items() if value is not None}
    assert evaluate(condition, answers) is case["expected"]


@pytest.mark.parametrize("case", CASES["asked"], ids=lambda c: json.dumps(c["answers"]))
def test_questions_asked_cases_shared_with_the_browser(case):
    questionnaire = load_questionnaire(FIXTURES / "good.yml")
    answers = {key: _python(value) for key, value in case["answers"].items()}
    assert [q.id for q in questionnaire.asked(answers)] == case["asked"]


@pytest.fixture(scope="module")
def state():
    return form_state(load_questionnaire())


def test_state_is_the_questionnaire(state):
    questionnaire = load_questionnaire()
    questions = [q for group in state["groups"] for q in group["questions"]]
    assert [q["id"] for q in questions] == [q.id for q in questionnaire.questions]
    assert [q["number"] for q in questions] == list(range(1, len(questions) + 1))
    for data, question in zip(questions, questionnaire.questions):
        assert (data["label"], data["type"], data["required"]) == (question.label, question.type, question.required)
        assert [c["id"] for c in data["choices"]] == list(question.choice_ids)
        assert data["messages"] == constraint_messages(question), "the XLSForm's own messages"
        assert data["relevant"] == (condition_to_dict(question.relevant) if question.relevant else None)
    assert state["notice"] == questionnaire.notice and state["version"] == questionnaire.version
    json.dumps(state)  # plain data


def test_export_columns_are_those_the_importer_reads(state):
    columns = Columns(load_questionnaire())
    assert state["columns"][:4] == ["_uuid", "_submission_time", "start", "end"]
    assert all(columns.known(name) for name in state["columns"])
    assert state["json"] == {"format": "kaart-enquete", "version": 1}
    assert state["territoryKey"] == "kaart:territoire" and state["storageKey"] == "kaart:enquete:enquete-elus"


def test_code_patterns_match_the_importers_rule(state):
    questions = {q["id"]: q for group in state["groups"] for q in group["questions"]}
    insee = re.compile(questions["code-insee"]["pattern"])
    assert all(insee.match(code) for code in ("35238", "2A004", "2B033", "97411"))
    assert not any(insee.match(code) for code in ("3523", "2C004", "352380", "ABCDE"))
    assert questions["code-insee"]["prefill"] == "insee" and questions["siren-epci"]["prefill"] == "epci"


def test_conditions_said_in_words():
    questionnaire = load_questionnaire()
    numbers = {q.id: n for n, q in enumerate(questionnaire.questions, start=1)}
    say = lambda text: describe(parse_condition(text), questionnaire, numbers)  # noqa: E731
    assert say("type-collectivite = 'commune'") == "la réponse 2 est « Une commune »"
    assert say("not(selected(besoins, 'aucun'))") == "« Pas de besoin particulier » n'est pas coché en 14"
    assert say("preparation >= 3 and (selected(risques, 'secheresse') or fonction != 'maire')") == (
        "la réponse 10 est supérieure ou égale à 3 et (« Sécheresse, manque d'eau » est coché en 8 ou la réponse 5 "
        "n'est pas « Maire »)")
    assert say("not(preparation = 2 or preparation < 1.5)") == (
        "il est faux que (la réponse 10 vaut 2 ou la réponse 10 est inférieure à 1,5)")


def test_the_widget_carries_the_state_for_jupyter_and_the_book(state):
    widget = SurveyForm(state=state)
    data, _ = widget._repr_mimebundle_()
    payload = data["application/vnd.kaart.widget+json"]
    assert payload == {"module": "enquete", "state": state, "id": "enquete-formulaire"}
    assert "exécutez cette cellule" in data["text/plain"]


def _text(node_list) -> str:
    return " ".join(node.astext() for node in node_list)


def test_print_form_has_every_question_boxes_and_separate_consents(state):
    printed = print_form(state)
    text = _text(printed)
    assert state["notice"] in text
    for group in state["groups"]:
        for question in group["questions"]:
            assert f"{question['number']}." in text and question["label"] in text
            for choice in question["choices"]:
                assert choice["label"] in text
    assert "☐ Vagues de chaleur" in text and "○ Maire" in text, "boxes for several answers, circles for one"
    assert "☐ ☐ ☐ ☐ ☐" in text, "five cases for an INSEE code"
    assert "Seulement si la réponse 2 est « Une commune »." in text
    consents = [table for table in printed[0].findall(nodes.table) if "kaart-enquete-print-consent" in table["classes"]]
    assert [table.astext().strip().split("\n")[0] for table in consents] == [
        "Accord n° 1, à demander à part, sans insister", "Accord n° 2, à demander à part, sans insister"]
    assert "Acceptez-vous que vos réponses" in consents[0].astext() and "recontactée" in consents[1].astext()


def test_hostile_text_stays_text_on_paper(state):
    hostile = json.loads(json.dumps(state))
    hostile["groups"][0]["questions"][1]["choices"][0]["label"] = "<script>alert(1)</script>"
    page = printable.form_html(hostile)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a4_paper_form(state, tmp_path):
    path = printable.write_form_pdf(state, tmp_path / printable.FORM_PDF)
    reader = PdfReader(path)
    assert 2 <= len(reader.pages) <= 5
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297), "A4"
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert state["title"] in text and "Accord n° 2" in text and "page 1 / " in text
    assert "20. La collectivité accepte-t-elle" in text
