"""The questionnaire (kaart_course.survey.questionnaire): the course's file, broken fixtures, conditions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kaart_course.survey.conditions import ConditionSyntaxError, evaluate, parse_condition, to_xlsform
from kaart_course.survey.questionnaire import QuestionnaireError, load_questionnaire, read_questionnaire

FIXTURES = Path(__file__).parent / "fixtures" / "enquete"


def test_the_course_questionnaire_is_valid_and_respectful():
    questionnaire = load_questionnaire()
    ids = [q.id for q in questionnaire.questions]
    assert 15 <= len(ids) <= 20 and len(set(ids)) == len(ids)
    assert {q.consent for q in questionnaire.questions if q.role == "consent"} == {"synthesis", "recontact"}
    texts = [q for q in questionnaire.questions if q.type == "text"]
    assert len(texts) <= 3 and all(q.hint and q.max_length <= 500 for q in texts)
    # Names are only ever mentioned to say they are not asked.
    words = " ".join(f"{q.label} {q.hint}" for q in questionnaire.questions).lower()
    words = words.replace("sans votre nom", "").replace("jamais le nom", "").replace("sans nom", "")
    for forbidden in ("nom", "prénom", "téléphone", "courriel", "parti", "vote"):
        assert not re.search(rf"\b{forbidden}\b", words), forbidden
    roles = questionnaire.question("fonction").choice_ids
    assert "maire" in roles and "president-epci" in roles


def test_the_good_fixture_loads():
    questionnaire, problems = read_questionnaire(FIXTURES / "good.yml")
    assert problems == [] and questionnaire.question("note").relevant is not None


@pytest.mark.parametrize("name, expected", [
    ("bad-conditions", [(19, "code-insee", "relevant", "'ville' n'est pas un choix"),
                        (21, "siren-epci", "relevant", "'risques', qui n'est pas une question posée avant"),
                        (39, "note", "relevant", "'feu' n'est pas un choix"),
                        (39, "note", "relevant", "'precision', qui n'est pas une question posée avant"),
                        (41, "precision", "relevant", "condition illisible")]),
    ("bad-consents", [(23, "consentement-synthese", "choices", "« oui » ou « non »"),
                      (22, "consentement-synthese", "required", "obligatoire"),
                      (43, "consentement-recontact", "consent", "synthesis ou recontact")]),
    ("bad-questions", [(11, "date-rencontre", "type", "valeur inconnue 'calendrier'"),
                       (34, "start", "colour", "champ inconnu"), (33, "start", "id", "nom réservé"),
                       (37, "start", "max_choices", "hors des bornes"), (39, "note", "max", "doit dépasser min"),
                       (41, "precision", "choices", "sans objet"), (41, "precision", "hint", "cadrée")]),
    ("no-identification", [(18, "code-insee", "role", "identifie"), (21, "siren-epci", "relevant", "'epci'")]),
    ("bad-yaml", [(5, "", "yaml", "YAML invalide")]),
    ("bad-geography", [(37, "geographie", "choices", "choix attendus : montagne"),
                       (37, "geographie", "choices", "mer : ni un cahier de géographie ni un choix exclusif"),
                       (39, "relief", "type", "plusieurs choix")]),
])
def test_every_problem_of_a_broken_file_is_reported(name, expected):
    path = FIXTURES / f"{name}.yml"
    questionnaire, problems = read_questionnaire(path)
    assert questionnaire is None
    found = [(p.line, p.item, p.field, p.message) for p in problems]
    for line, item, field, message in expected:
        assert any(f[:3] == (line, item, field) and message in f[3] for f in found), (line, item, field, found)
    assert all(str(p).startswith(f"{path}:{p.line}: ") for p in problems)


def test_load_raises_with_every_problem():
    with pytest.raises(QuestionnaireError) as error:
        load_questionnaire(FIXTURES / "bad-questions.yml")
    assert len(error.value.problems) >= 7 and "bad-questions.yml:11: date-rencontre: type:" in str(error.value)


def test_conditions_parse_translate_and_evaluate():
    condition = parse_condition("a = 'x' and (not(selected(b, 'y')) or n >= 3)")
    assert to_xlsform(condition) == "${a} = 'x' and (not(selected(${b}, 'y')) or ${n} >= 3)"
    assert evaluate(condition, {"a": "x", "b": frozenset({"z"})})
    assert not evaluate(condition, {"a": "x", "b": frozenset({"y"}), "n": 2.0})
    assert evaluate(condition, {"a": "x", "b": frozenset({"y"}), "n": 3.0})
    assert not evaluate(condition, {})  # an unanswered question compares false, as in XLSForm
    for broken in ("a = ", "a == 'x'", "selected(a 'x')", "a = 'x' b", "a = \"x\""):
        with pytest.raises(ConditionSyntaxError):
            parse_condition(broken)


def test_relevance_follows_groups_and_questions():
    questionnaire = load_questionnaire()
    risques, besoin = questionnaire.question("risques"), questionnaire.question("besoin-precis")
    assert not questionnaire.is_relevant(risques, {"consentement-synthese": "non"})
    assert questionnaire.is_relevant(besoin, {"consentement-synthese": "oui", "besoins": frozenset({"donnees"})})
    assert not questionnaire.is_relevant(besoin, {"consentement-synthese": "oui", "besoins": frozenset({"aucun"})})


def test_the_check_registry_reports_an_invalid_questionnaire():
    """The registry that make check and the strict build run (kaart_course.checks, sphinxext.data_checks)."""
    from kaart_course.checks import CHECKS

    assert CHECKS["enquete"].run([]) == ([], {})
    problems, _ = CHECKS["enquete"].run([FIXTURES / "bad-consents.yml"])
    assert len(problems) == 3
    assert (problems[0].path, problems[0].line) == (FIXTURES / "bad-consents.yml", 23)
