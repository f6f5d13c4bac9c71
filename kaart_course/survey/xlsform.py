"""The questionnaire as an XLSForm that KoboToolbox and ODK Central deploy as is.

Three sheets (``survey``, ``choices``, ``settings``) with the questionnaire's own names: the export of a
deployed form then has the column names the importer reads, and the site form exports the same ones. Scales
become ``select_one`` lists with the ``likert`` appearance; bounds, code patterns, « ne sait pas »-like
choices and the maximum number of choices become constraints.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from kaart_course.survey.conditions import to_xlsform
from kaart_course.survey.questionnaire import Question, Questionnaire

LANGUAGE = "Français (fr)"
SURVEY_COLUMNS = ("type", "name", f"label::{LANGUAGE}", f"hint::{LANGUAGE}", "required", "relevant", "constraint",
                  f"constraint_message::{LANGUAGE}", "appearance")
CHOICE_COLUMNS = ("list_name", "name", f"label::{LANGUAGE}")
SETTINGS_COLUMNS = ("form_title", "form_id", "version", "default_language")
INSEE_PATTERN = "^([0-9]{2}|2[AB])[0-9]{3}$"
SIREN_PATTERN = "^[0-9]{9}$"


def constraint_messages(question: Question) -> dict[str, str]:
    """What a wrong answer to ``question`` is told, rule by rule (French): the XLSForm's constraint message and
    the site form's error messages are these same texts."""
    messages = {}
    if question.type == "insee":
        messages["pattern"] = "Un code INSEE a cinq caractères : deux chiffres (ou 2A, 2B) puis trois chiffres."
    elif question.type == "siren":
        messages["pattern"] = "Un numéro SIREN a neuf chiffres."
    elif question.type == "number":
        messages["bounds"] = f"Un nombre entier de {question.low} à {question.high}."
    elif question.type == "text":
        messages["length"] = f"{question.max_length} caractères au plus."
    elif question.type == "date":
        messages["past"] = "La rencontre a déjà eu lieu : une date passée."
    elif question.type == "multiple":
        exclusive = [c for c in question.choices if c.exclusive]
        if exclusive:
            labels = " ou ".join(f"« {c.label} »" for c in exclusive)
            messages["exclusive"] = f"{labels} ne se combine pas avec une autre réponse."
        if question.max_choices:
            messages["max_choices"] = f"{question.max_choices} réponses au plus."
    return messages


def _constraint(question: Question) -> tuple[str, str]:
    """The XLSForm constraint of a question and its message in French ("" when there is none)."""
    message = " ".join(constraint_messages(question).values())
    if question.type == "insee":
        return f"regex(., '{INSEE_PATTERN}')", message
    if question.type == "siren":
        return f"regex(., '{SIREN_PATTERN}')", message
    if question.type == "number":
        return f". >= {question.low} and . <= {question.high}", message
    if question.type == "text":
        return f"string-length(.) <= {question.max_length}", message
    if question.type == "date":
        return ". <= today()", message
    if question.type == "multiple":
        parts = [f"not(selected(., '{c.id}') and count-selected(.) > 1)" for c in question.choices if c.exclusive]
        if question.max_choices:
            parts.append(f"count-selected(.) <= {question.max_choices}")
        return " and ".join(parts), message
    return "", ""


def _type(question: Question) -> tuple[str, str]:
    """The XLSForm type and appearance."""
    return {
        "single": (f"select_one {question.id}", ""),
        "multiple": (f"select_multiple {question.id}", ""),
        "scale": (f"select_one {question.id}", "likert"),
        "number": ("integer", ""),
        "text": ("text", "multiline"),
        "date": ("date", ""),
        "insee": ("text", ""),
        "siren": ("text", "numbers"),
    }[question.type]


def xlsform_sheets(questionnaire: Questionnaire) -> dict[str, list[tuple]]:
    """The rows of each sheet, header first."""
    survey: list[tuple] = [SURVEY_COLUMNS, ("start", "start"), ("end", "end"),
                           ("note", "presentation", questionnaire.notice)]
    choices: list[tuple] = [CHOICE_COLUMNS]
    for group in questionnaire.groups:
        survey.append(("begin_group", group.id, group.label, "", "",
                       to_xlsform(group.relevant) if group.relevant else ""))
        for question in group.questions:
            kind, appearance = _type(question)
            constraint, message = _constraint(question)
            survey.append((kind, question.id, question.label, question.hint, "yes" if question.required else "",
                           to_xlsform(question.relevant) if question.relevant else "", constraint, message,
                           appearance))
            if question.type in ("single", "multiple"):
                choices.extend((question.id, c.id, c.label) for c in question.choices)
            elif question.type == "scale":
                for value in range(question.low, question.high + 1):
                    label = {question.low: question.low_label, question.high: question.high_label}.get(value)
                    choices.append((question.id, str(value), f"{value} — {label}" if label else str(value)))
        survey.append(("end_group", group.id))
    settings = [SETTINGS_COLUMNS, (questionnaire.title, questionnaire.id, questionnaire.version, LANGUAGE)]
    return {"survey": survey, "choices": choices, "settings": settings}


def write_xlsform(questionnaire: Questionnaire, path: Path) -> Path:
    """Write the XLSForm workbook to ``path``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in xlsform_sheets(questionnaire).items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append([_as_text(value) for value in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text, never a formula
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _as_text(value) -> str | None:
    return None if value in ("", None) else str(value)
