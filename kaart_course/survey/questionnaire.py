"""The survey questionnaire (``data/enquete/questionnaire.yml``): loading, validation, relevance conditions.

The file holds ``id``, ``version``, ``title``, ``minutes``, ``notice`` (read to the élu before the first
question) and ``groups``; each group has ``id``, ``label``, an optional ``relevant`` condition and
``questions``. A question has ``id``, ``type``, ``label`` and optionally ``hint``, ``required``,
``relevant``, ``role`` (``identification``; ``consent``, with ``consent: synthesis | recontact``; or
``geography``, the one question that says whether the territory is littoral or in the mountains: its choices
are the ids of the geographic cahiers that data/territoires/cahiers.yml asks about, plus exclusive ones such as
« ne sait pas ») and the settings of its type:

- ``single`` / ``multiple``: ``choices`` (``{id, label}``, ``exclusive: true`` for « ne sait pas »-like
  choices of a multiple question), ``max_choices`` for a multiple one;
- ``scale``: ``scale: {min, max, min_label, max_label}``; ``number``: ``number: {min, max}`` (integers);
- ``text``: ``text: {max_length}`` — always framed by a hint, at most three in the questionnaire;
- ``date`` (the meeting's date), ``insee`` (a commune's code), ``siren`` (an EPCI's number).

Relevance conditions (``relevant``, see :mod:`kaart_course.survey.conditions`) may only name questions
asked earlier, and only their choices.
:func:`load_questionnaire` reports every problem of the file (``file:line: question: field: message``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kaart_course._data import Collector, DataError, LineDict, Problem, read_mapping
from kaart_course.survey.conditions import (
    Condition, ConditionSyntaxError, Selected, condition_questions, evaluate, parse_condition,
)
from kaart_course.paths import DATA_DIR

QUESTIONNAIRE_PATH = DATA_DIR / "enquete" / "questionnaire.yml"
TYPES = ("single", "multiple", "scale", "number", "text", "date", "insee", "siren")
CHOICE_TYPES = ("single", "multiple")
ROLES = ("identification", "consent", "geography")
CONSENTS = ("synthesis", "recontact")
# Names an XLSForm or a KoboToolbox export already uses for its own columns.
RESERVED = ("start", "end", "today", "meta", "fictif", "instanceid", "version")
MAX_TEXT_QUESTIONS = 3
MAX_TEXT_LENGTH = 500
INSEE_RE = re.compile(r"^(\d{2}|2[AB])\d{3}$")
SIREN_RE = re.compile(r"^\d{9}$")
_TOP_KEYS = ("id", "version", "title", "minutes", "notice", "groups")
_GROUP_KEYS = ("id", "label", "relevant", "questions")
_QUESTION_KEYS = ("id", "type", "label", "hint", "required", "relevant", "role", "consent", "choices",
                  "max_choices", "scale", "number", "text")


class QuestionnaireError(DataError):
    """A questionnaire that cannot be used as written; ``problems`` lists every reason."""


# ---------------------------------------------------------------------------------------------------
# The questionnaire


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    exclusive: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: str
    group: str
    line: int
    hint: str = ""
    required: bool = False
    relevant: Condition | None = None
    relevant_text: str = ""
    role: str = ""
    consent: str = ""
    choices: tuple[Choice, ...] = ()
    max_choices: int | None = None
    low: int | None = None  # scale and number bounds
    high: int | None = None
    low_label: str = ""
    high_label: str = ""
    max_length: int | None = None

    @cached_property
    def _choice_index(self) -> dict[str, Choice]:
        return {c.id: c for c in self.choices}

    def choice(self, choice_id: str) -> Choice | None:
        return self._choice_index.get(choice_id)

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)


@dataclass(frozen=True)
class Group:
    id: str
    label: str
    line: int
    questions: tuple[Question, ...]
    relevant: Condition | None = None
    relevant_text: str = ""


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: str
    title: str
    minutes: int
    notice: str
    groups: tuple[Group, ...]
    path: Path

    # Cached: the importer asks these for every row of every file.
    @cached_property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for g in self.groups for q in g.questions)

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def _groups(self) -> dict[str, Group]:
        return {g.id: g for g in self.groups}

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def group_of(self, question: Question) -> Group:
        return self._groups[question.group]

    def consent(self, kind: str) -> Question:
        """The consent question of ``kind`` (``synthesis`` or ``recontact``)."""
        return next(q for q in self.questions if q.consent == kind)

    def of_type(self, kind: str) -> Question | None:
        return next((q for q in self.questions if q.type == kind), None)

    @cached_property
    def kind_question(self) -> Question:
        """The question that says whether a commune or an EPCI answered."""
        return next(q for q in self.questions if q.role == "identification" and q.type == "single")

    @cached_property
    def geography(self) -> Question | None:
        """The question that says which geographic cahiers (littoral, montagne) the territory belongs to."""
        return next((q for q in self.questions if q.role == "geography"), None)

    @cached_property
    def _conditions(self) -> dict[str, tuple[Condition, ...]]:
        return {q.id: tuple(c for c in (self.group_of(q).relevant, q.relevant) if c is not None)
                for q in self.questions}

    def asked(self, answers: dict) -> list[Question]:
        """The questions asked, in order, given ``answers`` (question id -> value): a question is asked when
        its group's condition and its own hold for the answers to the questions asked before it — an answer
        to a question that was not asked counts as no answer. The browser form applies the same rule
        (static/enquete/conditions.js)."""
        kept: dict = {}
        result = []
        for question in self.questions:
            if self.is_relevant(question, kept):
                result.append(question)
                if answers.get(question.id) is not None:
                    kept[question.id] = answers[question.id]
        return result

    def is_relevant(self, question: Question, answers: dict) -> bool:
        """Whether ``question`` is asked, given ``answers`` (its group's condition and its own)."""
        for condition in self._conditions[question.id]:
            if not evaluate(condition, answers):
                return False
        return True


# ---------------------------------------------------------------------------------------------------
# Loading


def _condition(check: Collector, mapping: LineDict, item: str, known: dict[str, Question]
               ) -> tuple[Condition | None, str]:
    text = check.text(mapping, "relevant", item, required=False, collapse=True)
    if not text:
        return None, ""
    line = mapping.line_of("relevant")
    try:
        condition = parse_condition(text)
    except ConditionSyntaxError as error:
        check.add(line, item, "relevant", f"condition illisible ({error}) : {text!r}")
        return None, text
    ok = True
    for leaf in condition_questions(condition):
        target = known.get(leaf.question)
        if target is None:
            check.add(line, item, "relevant", f"la condition cite {leaf.question!r}, qui n'est pas une question "
                      "posée avant celle-ci")
            ok = False
            continue
        if isinstance(leaf, Selected):
            if target.type not in CHOICE_TYPES:
                check.add(line, item, "relevant", f"selected() ne s'applique qu'à une question à choix, pas à "
                          f"{target.id!r} ({target.type})")
                ok = False
            elif target.choice(leaf.choice) is None:
                check.add(line, item, "relevant", f"{leaf.choice!r} n'est pas un choix de {target.id!r} "
                          f"(choix : {', '.join(target.choice_ids)})")
                ok = False
            continue
        if target.type == "multiple":
            check.add(line, item, "relevant", f"{target.id!r} accepte plusieurs réponses : écrivez "
                      f"selected({target.id}, '…')")
            ok = False
        elif target.type == "single":
            if leaf.op not in ("=", "!=") or target.choice(str(leaf.value)) is None:
                check.add(line, item, "relevant", f"{leaf.value!r} n'est pas un choix de {target.id!r} "
                          f"(choix : {', '.join(target.choice_ids)})")
                ok = False
        elif target.type in ("scale", "number") and not isinstance(leaf.value, float):
            check.add(line, item, "relevant", f"{target.id!r} est un nombre : comparez-le à un nombre")
            ok = False
    return (condition if ok else None), text


def _choices(check: Collector, mapping: LineDict, item: str, kind: str) -> tuple[Choice, ...]:
    result, seen = [], set()
    for line, entry in check.items(mapping.get("choices"), item, "choices"):
        if not check.mapping(entry, line, item, "choices", "un choix {id, label}"):
            continue
        check.unknown_keys(entry, ("id", "label", "exclusive"), item)
        choice_id = check.identifier(entry, item, seen)
        label = check.text(entry, "label", item, collapse=True)
        exclusive = check.boolean(entry, "exclusive", item, default=False)
        if exclusive and kind != "multiple":
            check.add(entry.line_of("exclusive"), item, "exclusive", "réservé aux questions à plusieurs réponses")
        if choice_id and label:
            result.append(Choice(choice_id, label, exclusive))
    if len(mapping.get("choices") or []) == 1:
        check.add(mapping.line_of("choices"), item, "choices", "au moins deux choix")
    return tuple(result)


def _bounds(check: Collector, mapping: LineDict, key: str, item: str, labels: bool) -> dict:
    settings = mapping.get(key)
    if not check.mapping(settings, mapping.line_of(key), item, key, f"{key}: {{min, max"
                         + (", min_label, max_label}" if labels else "}")):
        return {}
    allowed = ("min", "max", "min_label", "max_label") if labels else ("min", "max")
    check.unknown_keys(settings, allowed, item)
    low = check.number(settings, "min", item, 0, 100_000)
    high = check.number(settings, "max", item, 0, 100_000)
    if low is not None and high is not None and low >= high:
        check.add(settings.line_of("max"), item, "max", f"doit dépasser min ({low})")
    result = {"low": low, "high": high}
    if labels:
        result |= {"low_label": check.text(settings, "min_label", item, collapse=True),
                   "high_label": check.text(settings, "max_label", item, collapse=True)}
    return result


def _question(check: Collector, mapping: LineDict, group: str, seen: set, known: dict
              ) -> tuple[Question | None, bool]:
    """The question, and whether it is usable; a flawed question is still returned when it has an id and a
    type, so that the conditions naming it are checked against it rather than reported as unknown."""
    item = str(mapping.get("id", "question"))
    start = check.mark()
    check.unknown_keys(mapping, _QUESTION_KEYS, item)
    question_id = check.identifier(mapping, item, seen)
    if question_id in RESERVED:
        check.add(mapping.line_of("id"), item, "id", f"nom réservé par XLSForm ou KoboToolbox : {question_id!r}")
    item = question_id or item
    kind = check.choice(mapping, "type", item, TYPES)
    label = check.text(mapping, "label", item, collapse=True)
    hint = check.text(mapping, "hint", item, required=False, collapse=True)
    required = check.boolean(mapping, "required", item, default=False)
    role = check.choice(mapping, "role", item, ROLES, required=False)
    consent = check.choice(mapping, "consent", item, CONSENTS, required=False)
    relevant, relevant_text = _condition(check, mapping, item, known)
    extra: dict = {}
    for key, owner in (("choices", CHOICE_TYPES), ("max_choices", ("multiple",)), ("scale", ("scale",)),
                       ("number", ("number",)), ("text", ("text",))):
        if key in mapping and kind not in owner:
            check.add(mapping.line_of(key), item, key, f"sans objet pour une question de type {kind!r}")
    if kind in CHOICE_TYPES:
        extra["choices"] = _choices(check, mapping, item, kind)
    if kind == "multiple" and "max_choices" in mapping:
        extra["max_choices"] = check.number(mapping, "max_choices", item, 1, max(1, len(extra["choices"])))
    if kind == "scale":
        extra |= _bounds(check, mapping, "scale", item, labels=True)
    if kind == "number":
        extra |= _bounds(check, mapping, "number", item, labels=False)
    if kind == "text":
        settings = mapping.get("text")
        if check.mapping(settings, mapping.line_of("text"), item, "text", "text: {max_length}"):
            check.unknown_keys(settings, ("max_length",), item)
            extra["max_length"] = check.number(settings, "max_length", item, 1, MAX_TEXT_LENGTH)
        if not hint:
            check.add(mapping.line, item, "hint", "une question ouverte doit être cadrée par une aide (hint)")
    if role == "consent":
        if not consent:
            check.add(mapping.line_of("role"), item, "consent", "dites quel accord : synthesis ou recontact")
        if kind != "single" or set(c.id for c in extra.get("choices", ())) != {"oui", "non"}:
            check.add(mapping.line_of("type"), item, "choices", "un accord se donne par « oui » ou « non » (single)")
        if not required:
            check.add(mapping.line, item, "required", "un accord doit être une question obligatoire")
    elif consent:
        check.add(mapping.line_of("consent"), item, "consent", "réservé aux questions role: consent")
    if kind in ("insee", "siren") and role != "identification":
        check.add(mapping.line_of("type"), item, "role", "un code de collectivité identifie : role: identification")
    if role == "identification" and kind not in ("insee", "siren", "single"):
        check.add(mapping.line_of("role"), item, "role", "identifie la collectivité : type insee, siren ou single")
    if role == "geography":
        _geography(check, mapping, item, kind, extra.get("choices", ()))
    if not (question_id and kind):
        return None, False
    question = Question(question_id, kind, label, group, mapping.line, hint, required, relevant, relevant_text,
                        role, consent, **{k: v for k, v in extra.items() if v is not None or k == "max_choices"})
    return question, not check.failed_since(start) and bool(label)


def _geography(check: Collector, mapping: LineDict, item: str, kind: str, choices: tuple[Choice, ...]) -> None:
    """The geography question offers each cahier the course asks about (littoral, montagne) and otherwise only
    exclusive answers (« ni l'un ni l'autre », « ne sait pas »): its answer names cahiers, nothing else."""
    from kaart_course.territories import cahier_rules

    try:
        asked = [c.id for c in cahier_rules().cahiers if c.question]
    except DataError as error:
        check.add(mapping.line_of("role"), item, "role", f"règles des cahiers illisibles ({error.problems[0]})")
        return
    if kind != "multiple":
        check.add(mapping.line_of("type"), item, "type", "la géographie du territoire se donne par plusieurs choix "
                  "(multiple)")
        return
    ids = {c.id for c in choices}
    missing = [cahier for cahier in asked if cahier not in ids]
    if missing:
        check.add(mapping.line_of("choices"), item, "choices", f"choix attendus : {', '.join(missing)} (les cahiers "
                  "de data/territoires/cahiers.yml qui posent une question)")
    others = [c.id for c in choices if c.id not in asked and not c.exclusive]
    if others:
        check.add(mapping.line_of("choices"), item, "choices", f"{', '.join(others)} : ni un cahier de géographie ni "
                  "un choix exclusif")


def _whole(check: Collector, data: LineDict, questions: list[Question]) -> None:
    """Rules on the questionnaire as a whole: one of each consent, the collectivité identified, few texts."""
    for kind in CONSENTS:
        found = [q for q in questions if q.consent == kind]
        if len(found) != 1:
            check.add(data.line_of("groups"), "questionnaire", "consent",
                      f"attendu exactement une question d'accord « {kind} », trouvé {len(found)}")
    for kind in ("date", "insee"):
        if sum(q.type == kind for q in questions) != 1:
            check.add(data.line_of("groups"), "questionnaire", "type", f"attendu exactement une question {kind!r}")
    if sum(q.type == "siren" for q in questions) > 1:
        check.add(data.line_of("groups"), "questionnaire", "type", "au plus une question 'siren'")
    selectors = [q for q in questions if q.role == "identification" and q.type == "single"]
    if len(selectors) != 1 or not {"commune", "epci"} <= set(selectors[0].choice_ids):
        check.add(data.line_of("groups"), "questionnaire", "role",
                  "attendu une question role: identification à choix « commune » et « epci »")
    if sum(q.role == "geography" for q in questions) > 1:
        check.add(data.line_of("groups"), "questionnaire", "role", "au plus une question role: geography")
    texts = [q for q in questions if q.type == "text"]
    if len(texts) > MAX_TEXT_QUESTIONS:
        check.add(texts[MAX_TEXT_QUESTIONS].line, texts[MAX_TEXT_QUESTIONS].id, "type",
                  f"au plus {MAX_TEXT_QUESTIONS} questions ouvertes : préférez des choix")


def read_questionnaire(path: Path = QUESTIONNAIRE_PATH) -> tuple[Questionnaire | None, list[Problem]]:
    """The questionnaire at ``path`` and every problem found in it (None when it has any)."""
    path = Path(path)
    data, check = read_mapping(path, "questionnaire", "fichier", "un dictionnaire (id, title, groups…)")
    if data is None:
        return None, check.problems
    check.unknown_keys(data, _TOP_KEYS, "questionnaire")
    questionnaire_id = check.identifier(data, "questionnaire", set())
    version = check.text(data, "version", "questionnaire")
    title = check.text(data, "title", "questionnaire", collapse=True)
    minutes = check.number(data, "minutes", "questionnaire", 1, 30)
    notice = check.text(data, "notice", "questionnaire", collapse=True)
    groups: list[Group] = []
    questions: list[Question] = []
    seen: set[str] = set()
    known: dict[str, Question] = {}
    read = 0
    for line, entry in check.items(data.get("groups"), "questionnaire", "groups"):
        if not check.mapping(entry, line, "groupe", "groups", "un groupe {id, label, questions}"):
            continue
        check.unknown_keys(entry, _GROUP_KEYS, str(entry.get("id", "groupe")))
        group_id = check.identifier(entry, "groupe", seen)
        group_label = check.text(entry, "label", group_id or "groupe", collapse=True)
        relevant, relevant_text = _condition(check, entry, group_id or "groupe", known)
        members = []
        for q_line, q_entry in check.items(entry.get("questions"), group_id or "groupe", "questions"):
            read += 1
            if not check.mapping(q_entry, q_line, group_id or "groupe", "questions", "une question {id, type, label…}"):
                continue
            question, usable = _question(check, q_entry, group_id, seen, known)
            if question is not None:
                known.setdefault(question.id, question)
            if usable:
                members.append(question)
        questions.extend(members)
        groups.append(Group(group_id, group_label, entry.line, tuple(members), relevant, relevant_text))
    check.count_set_aside("questions", read, len(questions))
    if check.problems:
        return None, check.problems
    _whole(check, data, questions)
    if check.problems:
        return None, check.problems
    return Questionnaire(questionnaire_id, version, title, minutes, notice, tuple(groups), path), []


def load_questionnaire(path: Path = QUESTIONNAIRE_PATH) -> Questionnaire:
    """The questionnaire; QuestionnaireError listing every problem when it is not usable."""
    questionnaire, problems = read_questionnaire(path)
    if problems:
        raise QuestionnaireError(problems)
    return questionnaire


def check(paths: list[Path] | None = None) -> list[Problem]:
    """Every problem of the given questionnaire files (by default, the course's)."""
    return [problem for path in (paths or [QUESTIONNAIRE_PATH]) for problem in read_questionnaire(path)[1]]
