"""The cycle of ten sessions: the course's file validates, broken files are reported with file, line,
session and field, and a broken session is set aside and counted."""

from pathlib import Path

import pytest

from kaart_course import cli, sessions
from kaart_course.course_plan import course_plan

FIXTURES = Path(__file__).parent / "fixtures" / "seances"


def test_the_course_cycle_has_ten_valid_sessions_of_about_two_hours():
    cycle, problems = sessions.read_cycle()
    assert problems == []
    assert [s.number for s in cycle.sessions] == list(range(1, 11))
    for session in cycle.sessions:
        assert abs(sum(step.minutes for step in session.steps) - session.duration) <= sessions.TOLERANCE
        assert 100 <= session.duration <= 135, "about two hours"
        assert session.variants["room"] and session.variants["video"]
        assert session.pitfalls and session.questions and session.dynamics and session.homework


def test_session_titles_match_the_plan_announced_to_learners():
    """« Deux parcours possibles » announces the ten themes; the guide must run the same ones."""
    page = (Path(sessions.REPO_ROOT) / "modules/00-bienvenue/02-deux-parcours.md").read_text(encoding="utf-8")
    cycle = sessions.load_cycle()
    for session in cycle.sessions:
        assert f"| {session.number} | {session.title} |" in page


def test_the_sessions_use_the_course_quizzes_pitch_studio_and_survey():
    cycle = sessions.load_cycle()
    used = {m.ref for s in cycle.sessions for step in s.steps for m in step.material}
    assert {"exercises/04-pitch", "exercises/06-enquete", "01-comprendre", "07-apres"} <= used
    assert "exercises/04-pitch" in cycle.session(7).pages() and "exercises/04-pitch" in cycle.session(8).pages()
    assert "exercises/06-enquete" in cycle.session(9).pages()
    docs = {page.docname for page in course_plan()}
    assert all(page in docs for s in cycle.sessions for page in s.pages())


@pytest.mark.parametrize(
    ("name", "line", "item", "field", "message"),
    [
        ("timing-off", 17, "séance 1", "steps", "les étapes durent 50 min, la séance 60 min"),
        ("missing-page", 24, "séance 1: étape « Lecture »", "material.page", "'modules/01-comprendre/99-absente' absente"),
        ("unknown-quiz", 32, "séance 1: étape « Quiz »", "material.quiz", "banque de quiz inconnue '99-inconnu'"),
        ("unknown-printable", 25, "séance 1: étape « Lecture »", "material.printable", "imprimable inconnu 'affiche'"),
        ("not-an-exercise", 33, "séance 1: étape « Quiz »", "material.exercise", "n'est pas un exercice"),
        ("unused-objective", 12, "séance 1", "objectives", "l'objectif 'voter' n'est travaillé par aucune étape"),
        ("unknown-objective", 30, "séance 1: étape « Quiz »", "objectives", "objectif inconnu 'chanter'"),
        ("bad-prerequisite", 16, "séance 1", "prerequisites", "absente du sommaire"),
        ("bad-yaml", 12, "", "yaml", "YAML invalide"),
        ("bad-feedback", 44, "questionnaire de fin de cycle", "kind", "valeur inconnue 'vote'"),
    ],
)
def test_broken_session_is_reported_with_location(name, line, item, field, message):
    path = FIXTURES / f"{name}.yml"
    problems, _ = sessions.check([path])
    matching = [p for p in problems if (p.line, p.item, p.field) == (line, item, field)]
    assert matching, f"attendu {path}:{line}: {item}: {field}, obtenu : {[str(p) for p in problems]}"
    assert message in matching[0].message
    prefix = f"{path}:{line}: " + (f"{item}: " if item else "") + f"{field}: "
    assert str(matching[0]).startswith(prefix)


def test_the_valid_fixture_has_no_problem_and_a_broken_session_is_set_aside():
    assert sessions.check([FIXTURES / "valid.yml"]) == ([], {})
    cycle, problems = sessions.read_cycle(FIXTURES / "unknown-quiz.yml")
    assert cycle.sessions == () and cycle.set_aside == 1 and len(problems) == 1
    with pytest.raises(sessions.SessionError, match="99-inconnu"):
        sessions.load_cycle(FIXTURES / "unknown-quiz.yml")


def test_check_is_registered_for_make_check_and_the_cli(capsys):
    from kaart_course.checks import CHECKS

    assert CHECKS["seances"].run([]) == ([], {})
    assert cli.run(["seances", "check", str(FIXTURES / "timing-off.yml")]) == 1
    err = capsys.readouterr().err
    assert "timing-off.yml:17: séance 1: steps: " in err
    assert "timing-off.yml : 1 élément(s) écarté(s)" in err


def test_projection_state_has_one_screen_per_step_and_the_quiz_bank():
    cycle = sessions.load_cycle()
    state = sessions.projection_state(cycle.session(2), cycle)
    assert [s["number"] for s in state["steps"]] == list(range(1, len(cycle.session(2).steps) + 1))
    quiz_steps = [s for s in state["steps"] if s["quiz"]]
    assert len(quiz_steps) == 1 and quiz_steps[0]["quiz"]["bank"] == "01-comprendre"
    assert state["steps"][-1]["start"] + state["steps"][-1]["minutes"] == 120


def test_feedback_form_is_also_an_xlsform_from_the_survey_generator(tmp_path):
    from openpyxl import load_workbook

    cycle = sessions.load_cycle()
    path = sessions.write_feedback_xlsform(cycle, tmp_path / sessions.FEEDBACK_XLSFORM)
    book = load_workbook(path)
    assert set(book.sheetnames) == {"survey", "choices", "settings"}
    survey = [row for row in book["survey"].iter_rows(values_only=True)]
    asked = [row for row in survey if row[1] and row[1].startswith("retour_")]
    assert [row[2] for row in asked] == [q.text for q in cycle.feedback]
    assert {row[0].split()[0] for row in asked} == {"select_one", "select_multiple", "text"}
    choices = [row for row in book["choices"].iter_rows(values_only=True)][1:]
    sessions_question = next(row[1] for row in asked if row[0].startswith("select_multiple"))
    assert sum(1 for row in choices if row[0] == sessions_question) == 10
    assert ("retour_1", "tout_a_fait", "tout à fait") in choices
    # Anonymous: nothing asks for a name, a commune or a contact.
    assert not any(word in (row[2] or "").lower() for row in asked for word in ("nom ", "commune", "courriel"))
