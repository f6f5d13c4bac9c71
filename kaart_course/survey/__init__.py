"""The survey of élus: one questionnaire as data, its XLSForm, the import of answers into a SQLite base, the
synthesis report, the tracking of collectivités met, and fictitious answers for demonstrations.

Modules: ``questionnaire`` (loading and validation), ``conditions``, ``form`` (the site form's widget),
``printable`` (the A4 paper form), ``xlsform``, ``reading`` (files as tables), ``values``, ``store`` (the
base), ``importer``, ``synthesis`` (computation), ``report`` (charts, HTML, PDF), ``tracking``, ``example``,
``territory`` (what the survey knows of a collectivité), ``cli``.
"""

from kaart_course.survey.questionnaire import (
    QUESTIONNAIRE_PATH, Questionnaire, QuestionnaireError, check, load_questionnaire, read_questionnaire,
)

__all__ = ["QUESTIONNAIRE_PATH", "Questionnaire", "QuestionnaireError", "check", "form", "load_questionnaire",
           "read_questionnaire", "sample_report", "sample_synthesis"]


def form():
    """The survey form (a widget): ``from kaart_course import survey; survey.form()`` in a notebook cell."""
    from kaart_course.survey.form import form as survey_form

    return survey_form()


def sample_synthesis(n: int = 300, seed: int = 1, lookup=None):
    """The synthesis of ``n`` fictitious answers drawn with ``seed`` (for the course's sample report): the
    answers are generated, imported into a temporary base and synthesised exactly as real ones. Two
    fictitious free texts are cleared for publication, to show how they appear."""
    import datetime as dt
    import tempfile
    from pathlib import Path

    from kaart_course.survey import example, importer, store, synthesis, territory

    questionnaire = load_questionnaire()
    lookup = lookup or territory.default_territories()
    communes, epcis = territory.all_codes(lookup)
    header, rows = example.example_rows(questionnaire, lookup, communes, epcis, n, seed)
    with tempfile.TemporaryDirectory() as tmp:
        answers = store.write_csv(Path(tmp) / "exemple.csv", header, rows)
        connection = store.connect(Path(tmp) / "exemple.sqlite")
        try:
            importer.import_files(connection, [answers], questionnaire, lookup, today=example.LAST_MEETING)
            texts = connection.execute("SELECT uuid, question FROM answers WHERE question = 'message' "
                                       "ORDER BY uuid LIMIT 2").fetchall()
            for uuid, question in texts:
                store.mark_publishable(connection, uuid, question)
            return synthesis.synthesize(connection, questionnaire, today=dt.date.today())
        finally:
            connection.close()


def sample_report(outdir, n: int = 300, seed: int = 1, pdf: bool = False, lookup=None):
    """The report built from ``n`` fictitious answers drawn with ``seed`` (see :func:`sample_synthesis`):
    writes it into ``outdir`` and returns the paths written."""
    from kaart_course.survey import report

    result = sample_synthesis(n, seed, lookup)
    return report.write_report(result, outdir, load_questionnaire().version, pdf=pdf)
