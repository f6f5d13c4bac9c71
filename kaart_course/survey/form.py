"""The survey as a form, on the static site and in Jupyter: the widget ``enquete`` (``static/enquete/``).

Everything the browser needs is computed here, once, from the questionnaire (``data/enquete/questionnaire.yml``):
labels, types, choices, required fields, the rules and French messages of a wrong answer (the XLSForm's own,
:func:`kaart_course.survey.xlsform.constraint_messages`), the export formats the importer reads
(:mod:`kaart_course.survey.reading`), and each relevance condition compiled to a small expression tree
(:func:`kaart_course.survey.conditions.condition_to_dict`). The browser evaluates those trees with
``static/enquete/conditions.js``, the twin of :func:`kaart_course.survey.conditions.evaluate`; both answer the
cases of ``tests/fixtures/enquete/conditions-cases.json``. The print form and the A4 form are drawn from the
same state (:mod:`kaart_course.sphinxext.enquete`), with each condition also said in words (:func:`describe`).

State (plain data)::

    {id, version, title, minutes, notice, storageKey, territoryKey, earliestDate, columns, csv: {separator},
     json: {format, version}, fileStem, groups: [{id, label, when, relevant, questions: [Question]}]}
    Question: {id, number, type, label, hint, required, relevant, when, role, consent,
               choices: [{id, label, exclusive}], maxChoices, min, max, minLabel, maxLabel, maxLength,
               pattern, messages: {rule: text}, prefill: "insee" | "epci" | "geography" | null}
    (``prefill``: filled in a new draft from the commune the reader chose in the course, contract 1
    « kaart:territoire »: its INSEE code, its EPCI's SIREN, the littoral and montagne answers it gave.)
"""

from __future__ import annotations

import traitlets

from kaart_course._french import format_number
from kaart_course._widget import StaticWidget
from kaart_course.survey import reading, values
from kaart_course.survey.conditions import Both, Compare, Condition, Either, Not, Selected, condition_to_dict
from kaart_course.survey.questionnaire import Question, Questionnaire, load_questionnaire
from kaart_course.survey.xlsform import INSEE_PATTERN, SIREN_PATTERN, constraint_messages

STORAGE_PREFIX = "kaart:enquete:"
# Contract 1 of the course: the commune the reader chose in the territory finder.
TERRITORY_KEY = "kaart:territoire"
ANCHOR = "enquete-formulaire"
FILE_STEM = "kaart-enquete-reponses"
_VERBS = {"=": "vaut", "!=": "ne vaut pas", "<": "est inférieure à", "<=": "est inférieure ou égale à",
          ">": "est supérieure à", ">=": "est supérieure ou égale à"}


def describe(condition: Condition, questionnaire: Questionnaire, numbers: dict[str, int]) -> str:
    """A condition in words, for paper: « la réponse 2 est « Une commune » », « « Aucun » n'est pas coché
    en 13 »."""
    def label(question_id: str, choice_id: str) -> str:
        choice = questionnaire.question(question_id).choice(choice_id)
        return f"« {choice.label if choice else choice_id} »"

    def words(c: Condition, nested: bool) -> str:
        if isinstance(c, Compare):
            number = numbers[c.question]
            if isinstance(c.value, float):
                return f"la réponse {number} {_VERBS[c.op]} {format_number(c.value)}"
            negation = "n'est pas" if c.op == "!=" else "est"
            return f"la réponse {number} {negation} {label(c.question, c.value)}"
        if isinstance(c, Selected):
            return f"{label(c.question, c.choice)} est coché en {numbers[c.question]}"
        if isinstance(c, Not):
            if isinstance(c.operand, Selected):
                return f"{label(c.operand.question, c.operand.choice)} n'est pas coché en {numbers[c.operand.question]}"
            return f"il est faux que {words(c.operand, True)}"
        joined = (" et " if isinstance(c, Both) else " ou ").join(words(o, True) for o in c.operands)
        return f"({joined})" if nested and isinstance(c, (Both, Either)) else joined

    return words(condition, False)


def _question_state(question: Question, number: int, questionnaire: Questionnaire, numbers: dict) -> dict:
    prefill = "geography" if question.role == "geography" else {"insee": "insee", "siren": "epci"}.get(question.type)
    pattern = {"insee": INSEE_PATTERN, "siren": SIREN_PATTERN}.get(question.type)
    return {
        "id": question.id, "number": number, "type": question.type, "label": question.label,
        "hint": question.hint, "required": question.required,
        "relevant": condition_to_dict(question.relevant) if question.relevant else None,
        "when": describe(question.relevant, questionnaire, numbers) if question.relevant else "",
        "role": question.role, "consent": question.consent,
        "choices": [{"id": c.id, "label": c.label, "exclusive": c.exclusive} for c in question.choices],
        "maxChoices": question.max_choices, "min": question.low, "max": question.high,
        "minLabel": question.low_label, "maxLabel": question.high_label, "maxLength": question.max_length,
        "pattern": pattern, "messages": constraint_messages(question), "prefill": prefill,
    }


def form_state(questionnaire: Questionnaire) -> dict:
    """The plain description the browser form and the print forms are drawn from."""
    numbers = {q.id: n for n, q in enumerate(questionnaire.questions, start=1)}
    groups = [{
        "id": group.id, "label": group.label,
        "relevant": condition_to_dict(group.relevant) if group.relevant else None,
        "when": describe(group.relevant, questionnaire, numbers) if group.relevant else "",
        "questions": [_question_state(q, numbers[q.id], questionnaire, numbers) for q in group.questions],
    } for group in questionnaire.groups]
    return {
        "id": questionnaire.id, "version": questionnaire.version, "title": questionnaire.title,
        "minutes": questionnaire.minutes, "notice": questionnaire.notice,
        "storageKey": STORAGE_PREFIX + questionnaire.id, "territoryKey": TERRITORY_KEY,
        "earliestDate": values.EARLIEST_MEETING.isoformat(),
        "columns": [*reading.META_COLUMNS, *(q.id for q in questionnaire.questions)],
        "csv": {"separator": reading.SITE_CSV_SEPARATOR},
        "json": {"format": reading.JSON_FORMAT, "version": reading.JSON_VERSION},
        "fileStem": FILE_STEM,
        "groups": groups,
    }


class SurveyForm(StaticWidget):
    """The survey form as a widget: the same browser module runs in Jupyter and on the static book. In live
    Jupyter the answers saved in the form are readable from Python in ``answers`` (the JSON export's
    ``answers`` list)."""

    _module = "enquete"
    answers = traitlets.List().tag(sync=True)

    def element_id(self) -> str:
        return ANCHOR


def form() -> SurveyForm:
    """The survey form of the course's questionnaire: the last line of a cell displays it."""
    return SurveyForm(state=form_state(load_questionnaire()))
