"""From the cells of an answer file to the questionnaire's values: which question a column holds
(:class:`Columns`), and what a cell's text means for its question (:class:`Converter`), or why it cannot be
used. French spreadsheet habits are understood: decimal comma, dates jj/mm/aaaa, an INSEE code that lost its
leading zero, a SIREN written in groups of three, a choice written as its label.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from kaart_course._rules import restore_cell
from kaart_course.survey.questionnaire import Question, Questionnaire

SEPARATORS = ("/", "-", ".", ":")
EARLIEST_MEETING = dt.date(2020, 1, 1)
_META = {"_uuid": "uuid", "uuid": "uuid", "meta/instanceid": "instance", "meta-instanceid": "instance",
         "instanceid": "instance", "_submission_time": "submitted", "submitted": "submitted", "start": "start",
         "end": "end", "fictif": "fictitious", "__invalid__": "invalid"}
# Columns KoboToolbox or ODK add that say nothing about the territory: read past without a word.
_SILENT = ("today", "deviceid", "formhub/uuid", "presentation", "username", "simserial", "subscriberid",
           "phonenumber", "audit")




def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


class Columns:
    """Every column name the questionnaire's answers may arrive under."""

    def __init__(self, questionnaire: Questionnaire):
        self.names: dict[str, tuple] = {}
        for group in questionnaire.groups:
            for question in group.questions:
                variants = [question.id] + [f"{group.id}{s}{question.id}" for s in SEPARATORS]
                for name in variants:
                    self.names[name] = ("question", question.id)
                    if question.type == "multiple":
                        for choice in question.choices:
                            for s in SEPARATORS:
                                self.names[f"{name}{s}{choice.id}"] = ("choice", question.id, choice.id)
        for name, meta in _META.items():
            self.names[name] = ("meta", meta)

    def resolve(self, name: str) -> tuple | None:
        key = name.strip().lower()
        if key in self.names:
            return self.names[key]
        if key.startswith("_") or key in _SILENT or key.startswith(("meta/", "meta-", "formhub")):
            return ("silent",)
        return None

    def known(self, name: str) -> bool:
        return self.resolve(name) is not None


# ---------------------------------------------------------------------------------------------------
# Values


class Invalid(ValueError):
    pass


_SPACES = re.compile(r"[\s\u00a0\u202f]")
_TOKEN_SEPARATORS = re.compile(r"[\s,;]+")
_FOUR_DIGITS = re.compile(r"\d{4}")
_INSEE = re.compile(r"(\d{2}|2[AB])\d{3}")
_SIREN_SEPARATORS = re.compile(r"[\s\u00a0\u202f.]")
_SIREN = re.compile(r"\d{9}")


def _number(text: str) -> float:
    cleaned = _SPACES.sub("", text).replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        raise Invalid(f"nombre attendu, pas {text!r}") from None


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: .*)?$"), ("d", "m", "y")),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2})$"), ("d", "m", "yy")),
)


def parse_date(text: str) -> dt.date:
    """AAAA-MM-JJ (with a time or not), jj/mm/aaaa, jj.mm.aaaa, jj-mm-aaaa or jj/mm/aa."""
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text.strip())
        if match:
            parts = dict(zip(order, map(int, match.groups())))
            year = parts.get("y", 2000 + parts.get("yy", 0))
            try:
                return dt.date(year, parts["m"], parts["d"])
            except ValueError:
                break
    raise Invalid("date attendue au format AAAA-MM-JJ ou jj/mm/aaaa")


class Converter:
    """Turns the text of a cell into the value of a question, or says why it cannot."""

    def __init__(self, questionnaire: Questionnaire, today: dt.date):
        self.today = today
        self.labels = {q.id: {fold(c.label): c.id for c in q.choices} for q in questionnaire.questions}

    def __call__(self, question: Question, text: str):
        text = text.strip()
        kind = question.type
        if kind == "single":
            if question.choice(text):
                return text
            found = self.labels[question.id].get(fold(text))
            if found:
                return found
            raise Invalid(f"valeur hors des choix ({', '.join(question.choice_ids)})")
        if kind == "multiple":
            tokens = [t for t in _TOKEN_SEPARATORS.split(text) if t]
            unknown = [t for t in tokens if question.choice(t) is None]
            if unknown:
                raise Invalid(f"{', '.join(map(repr, unknown[:3]))} hors des choix ({', '.join(question.choice_ids)})")
            chosen = frozenset(tokens)
            exclusive = [c.id for c in question.choices if c.exclusive and c.id in chosen]
            if exclusive and len(chosen) > 1:
                raise Invalid(f"« {question.choice(exclusive[0]).label} » ne se combine pas avec une autre réponse")
            if question.max_choices and len(chosen) > question.max_choices:
                raise Invalid(f"{len(chosen)} réponses, {question.max_choices} au plus")
            return chosen
        if kind in ("scale", "number"):
            value = _number(text.split(" ")[0] if kind == "scale" else text)
            if not value.is_integer():
                raise Invalid(f"nombre entier attendu, pas {text!r}")
            if not question.low <= value <= question.high:
                raise Invalid(f"{value:g} hors des bornes [{question.low} ; {question.high}]")
            return float(value)
        if kind == "date":
            day = parse_date(text)
            if not EARLIEST_MEETING <= day <= self.today:
                raise Invalid(f"date {day.isoformat()} hors de la période possible "
                               f"({EARLIEST_MEETING.isoformat()} – {self.today.isoformat()})")
            return day.isoformat()
        if kind == "insee":
            code = text.upper().replace(" ", "")
            if _FOUR_DIGITS.fullmatch(code):  # Excel drops the leading zero of 01001…09999
                code = "0" + code
            if not _INSEE.fullmatch(code):
                raise Invalid("code INSEE mal formé : cinq caractères, deux chiffres (ou 2A, 2B) puis trois")
            return code
        if kind == "siren":
            code = _SIREN_SEPARATORS.sub("", text)
            if not _SIREN.fullmatch(code):
                raise Invalid("numéro SIREN mal formé : neuf chiffres")
            return code
        # A text our CSV exports neutralised (« '=… ») comes back as it was typed.
        text = restore_cell(text)
        if question.max_length and len(text) > question.max_length:
            raise Invalid(f"texte de {len(text)} caractères, {question.max_length} au plus")
        return text
