"""Quiz banks: every bank of the course validates; broken banks are reported with file, line, id, field."""

import html
import json
import re
from pathlib import Path

import pytest

from kaart_course import cli, quiz
from kaart_course._markdown import plain_text
from kaart_course._widget import MIME_TYPE
from kaart_course.sphinxext.widgets import mount_html

FIXTURES = Path(__file__).parent / "fixtures" / "quizzes"


@pytest.mark.parametrize("path", quiz.bank_paths(), ids=lambda p: p.name)
def test_course_bank_is_valid(path):
    bank, problems = quiz.read_bank(path)
    assert problems == []
    assert len(bank.questions) >= 8, "chaque module a au moins huit questions"
    assert bank.id == path.stem


@pytest.mark.parametrize("path", quiz.bank_paths(), ids=lambda p: p.name)
def test_course_bank_tests_judgment_and_mixes_types(path):
    bank = quiz.load_bank(path)
    assert len({q.type for q in bank.questions}) >= 3
    assert set(bank.objectives) == {q.objective for q in bank.questions}, "chaque objectif est vérifié"


@pytest.mark.parametrize(
    ("name", "line", "item", "field", "message"),
    [
        ("unknown-type", 7, "q-type", "type", "valeur inconnue 'essay'"),
        ("missing-answer", 6, "q-sans-reponse", "answer", "bonne réponse absente"),
        ("duplicate-id", 13, "q-double", "id", "en double"),
        ("absent-option", 13, "q-option-absente", "answer", "l'option 'z' n'existe pas"),
        ("empty-prompt", 8, "q-vide", "prompt", "vide"),
        ("bad-tolerance", 11, "q-tolerance", "tolerance", "pourcentage"),
        ("bad-tolerance", 19, "q-negative", "tolerance", "négative"),
        ("unknown-objective", 9, "q-objectif", "objective", "objectif inconnu"),
        ("bad-source", 13, "q-source", "url", "adresse http(s) attendue"),
        ("bad-source", 13, "q-source", "date", "AAAA"),
        ("bad-yaml", 7, "banque", "yaml", "YAML invalide"),
    ],
)
def test_broken_bank_is_reported_with_location(name, line, item, field, message):
    path = FIXTURES / f"{name}.yml"
    problems = quiz.check_banks([path])
    matching = [p for p in problems if (p.line, p.item, p.field) == (line, item, field)]
    assert matching, f"attendu {path}:{line}: {item}: {field}, obtenu : {[str(p) for p in problems]}"
    assert message in matching[0].message
    assert str(matching[0]).startswith(f"{path}:{line}: {item}: {field}: ")


def test_a_broken_question_is_set_aside_not_dropped_silently():
    bank, problems = quiz.read_bank(FIXTURES / "duplicate-id.yml")
    assert len(bank.questions) == 1 and len(problems) == 1
    with pytest.raises(quiz.BankError) as raised:
        quiz.load_bank(FIXTURES / "duplicate-id.yml")
    assert "q-double" in str(raised.value)


def test_cli_check_exits_non_zero_and_lists_problems(capsys):
    assert cli.run(["quiz", "check", str(FIXTURES / "unknown-type.yml"), str(FIXTURES / "empty-prompt.yml")]) == 1
    err = capsys.readouterr().err
    assert re.search(r"unknown-type\.yml:7: q-type: type: ", err)
    assert re.search(r"empty-prompt\.yml:8: q-vide: prompt: ", err)
    assert "2 problème(s)" in err


def test_cli_check_accepts_the_folder_of_banks(capsys):
    assert cli.run(["quiz", "check", str(quiz.QUIZ_DIR)]) == 0
    assert cli.run(["quiz", "check", str(FIXTURES)]) == 1, "every fixture of the folder is read"
    assert "unknown-type.yml:7:" in capsys.readouterr().err


def test_state_describes_each_type():
    bank = quiz.load_bank("00-bienvenue")
    state = bank.to_state()
    by_type = {q["type"]: q for q in state["questions"]}
    assert by_type["single"]["answer"] in {o["id"] for o in by_type["single"]["options"]}
    assert isinstance(by_type["multiple"]["answer"], list)
    assert "items" in by_type["ordering"] and "answer" not in by_type["ordering"]
    assert by_type["true-false"]["answer"] in (True, False)
    assert by_type["single"]["prompt"][0]["t"] == "text"


def test_numeric_tolerance_is_normalised(tmp_path):
    source = (FIXTURES / "bad-tolerance.yml").read_text(encoding="utf-8")
    good = source.replace('"beaucoup"', '"5%"').replace("-3", "2")
    path = tmp_path / "bad-tolerance.yml"
    path.write_text(good, encoding="utf-8")
    bank = quiz.load_bank(path)
    assert bank.questions[0].details["tolerance"] == {"kind": "relative", "value": 0.05}
    assert bank.questions[1].details["tolerance"] == {"kind": "absolute", "value": 2}
    assert bank.questions[0].correct_text() == "100"


def test_hostile_text_cannot_become_markup():
    bank = quiz.load_bank(FIXTURES / "hostile.yml")
    page = mount_html("quiz", bank.to_state(), quiz.anchor(bank.id))
    inside_script = re.search(r'<script type="application/json" class="kaart-state">(.*?)</script>', page, re.S)
    payload = inside_script.group(1)
    assert "<" not in payload and ">" not in payload, "le JSON ne peut ni fermer le script ni ouvrir de balise"
    state = json.loads(payload)
    prompt = state["questions"][0]["prompt"]
    assert not any(node.get("t") == "link" for node in prompt), "un lien javascript: n'est pas un lien"
    assert "<script>" in json.dumps(prompt, ensure_ascii=False), "le texte reste lisible tel quel"
    assert page.count("<script") == 2, "the state, and the call that mounts it"


def test_print_form_lists_questions_without_answers():
    from kaart_course.sphinxext.quiz import answer_key, print_form

    bank = quiz.load_bank("00-bienvenue")
    form = "".join(node.astext() for node in print_form(bank.to_state()))
    assert "Quel est le but principal" in form
    assert form.count("☐") >= 3
    for question in bank.questions:
        # No feedback, explanation or « Réponse » on the questionnaire: the answers are in the appendix.
        assert plain_text(question.explanation) not in form
        for option in question.details.get("options", []):
            assert plain_text(option["feedback"]) not in form
    assert "Réponse" not in form.replace("Votre réponse", "")
    key = "".join(node.astext() for node in answer_key(bank))
    assert "Réponse : Faux" in key
    assert html.unescape("Réponse : Ouvrir un dialogue") in key


def test_ordering_questions_never_print_in_the_right_order():
    from docutils import nodes

    from kaart_course.sphinxext.quiz import print_form

    ordering = 0
    for path in quiz.bank_paths():
        state = quiz.load_bank(path).to_state()
        [form] = print_form(state)
        items = next(form.findall(nodes.enumerated_list)).children
        for question, item in zip(state["questions"], items, strict=True):
            if question["type"] != "ordering":
                continue
            ordering += 1
            printed = [choice.astext().removeprefix("___ ") for choice in next(item.findall(nodes.bullet_list)).children]
            assert sorted(printed) == sorted(plain_text(i["text"]) for i in question["items"])
            assert printed != [plain_text(i["text"]) for i in question["items"]], f"{question['id']} : dans le bon ordre"
    assert ordering >= 3


def test_show_returns_a_widget_with_both_forms():
    widget = quiz.show("00-bienvenue")
    data, _ = widget._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data[MIME_TYPE] == {"module": "quiz", "state": widget.state, "id": "quiz-00-bienvenue"}
    assert "Run All" in data["text/plain"], "a notebook opened before running says what to do"


def test_jupyter_module_is_self_contained():
    """anywidget loads one module from a blob URL: the shared helpers are bundled in, never imported."""
    from kaart_course.pitch import PitchStudio

    for widget in (quiz.show("00-bienvenue"), PitchStudio(state={})):
        source = str(widget._esm)
        assert not re.search(r"^\s*import\s", source, re.M) and "from \"" not in source
        assert "function renderInline" in source and re.search(r"export\s*\{[^}]*default", source)


def test_survey_bank_tests_judgement_more_than_knowledge():
    """« L'enquête » trains a practice: at least 8 questions, each marked, at least 60 % of judgement."""
    questions = quiz.load_bank("06-enquete").questions
    assert len(questions) >= 8
    assert all(q.skill in quiz.SKILLS for q in questions), [q.id for q in questions if not q.skill]
    assert sum(q.skill == "jugement" for q in questions) >= 0.6 * len(questions)
