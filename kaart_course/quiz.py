"""Quiz banks (``data/quizzes/*.yml``): loading, validation, and display in a notebook or a book page.

The answer logic (grading, score, shuffling, progress) lives only in the browser module
``static/kaart-quiz.js``; Python validates the banks and hands the browser a plain, escaped description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import traitlets

from kaart_course import _yaml
from kaart_course._problems import DataError, Problem
from kaart_course._markdown import parse_inline, plain_text
from kaart_course._widget import StaticWidget
from kaart_course.paths import DATA_DIR

QUIZ_DIR = DATA_DIR / "quizzes"
TYPES = ("single", "multiple", "true-false", "numeric", "ordering")
TYPE_LABELS = {
    "single": "une seule réponse",
    "multiple": "plusieurs réponses possibles",
    "true-false": "vrai ou faux",
    "numeric": "réponse chiffrée",
    "ordering": "remettre dans l'ordre",
}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PERCENT_RE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%\s*$")


class BankError(DataError):
    """A bank that cannot be used as written; ``problems`` lists every reason."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    date: str


@dataclass(frozen=True)
class Choice:
    """An option of a choice question, or an item of an ordering question."""

    id: str
    text: list
    feedback: list = field(default_factory=list)


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: list
    objective: str
    explanation: list
    line: int
    source: Source | None = None
    options: tuple[Choice, ...] = ()
    answer: object = None
    tolerance: dict | None = None
    unit: str = ""
    feedback: dict = field(default_factory=dict)
    shuffle: bool = True

    def correct_text(self) -> str:
        """The right answer in words, for printed answer keys."""
        if self.type == "single":
            return next(plain_text(o.text) for o in self.options if o.id == self.answer)
        if self.type == "multiple":
            return " ; ".join(plain_text(o.text) for o in self.options if o.id in self.answer)
        if self.type == "true-false":
            return "Vrai" if self.answer else "Faux"
        if self.type == "numeric":
            value = f"{self.answer:,}".replace(",", "\u202f").replace(".", ",")
            return f"{value} {self.unit}".strip()
        return " → ".join(plain_text(o.text) for o in self.options)


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    description: str
    objectives: dict
    questions: tuple[Question, ...]
    path: Path

    def to_state(self) -> dict:
        """The plain description handed to the browser module."""
        return {
            "bank": self.id,
            "title": self.title,
            "description": self.description,
            "questions": [_question_state(q) for q in self.questions],
        }


def _question_state(q: Question) -> dict:
    state = {
        "id": q.id,
        "type": q.type,
        "typeLabel": TYPE_LABELS[q.type],
        "prompt": q.prompt,
        "explanation": q.explanation,
        "source": vars(q.source) if q.source else None,
        "feedback": q.feedback,
        "shuffle": q.shuffle,
    }
    if q.type in ("single", "multiple", "ordering"):
        key = "items" if q.type == "ordering" else "options"
        state[key] = [{"id": o.id, "text": o.text, "feedback": o.feedback} for o in q.options]
    if q.type in ("single", "multiple", "true-false", "numeric"):
        state["answer"] = q.answer
    if q.type == "numeric":
        state["tolerance"] = q.tolerance
        state["unit"] = q.unit
    return state


class _Validator:
    """Collects every problem of one bank file instead of stopping at the first."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int, item: str, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, item, field_name, message))

    def text(self, mapping: _yaml.LineDict, key: str, item: str, required: bool = True) -> str:
        value = mapping.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(mapping.line_of(key), item, key, "vide ou absent")
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.add(mapping.line_of(key), item, key, "doit être un texte")
            return ""
        return str(value).strip()

    def rich(self, mapping: _yaml.LineDict, key: str, item: str, required: bool = True) -> list:
        value = self.text(mapping, key, item, required)
        return parse_inline(value) if value else []


def _load_source(v: _Validator, q: _yaml.LineDict, qid: str) -> Source | None:
    raw = q.get("source")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        v.add(q.line_of("source"), qid, "source", "attendu {title, url, date}")
        return None
    title, url, date = (v.text(raw, k, qid) for k in ("title", "url", "date"))
    if url and not re.match(r"^https?://", url):
        v.add(raw.line_of("url"), qid, "source.url", f"URL non http(s) : {url!r}")
    if date and not _DATE_RE.match(date):
        v.add(raw.line_of("date"), qid, "source.date", f"date {date!r} : attendu AAAA, AAAA-MM ou AAAA-MM-JJ")
    return Source(title, url, date) if title and url and date else None


def _load_choices(v: _Validator, q: _yaml.LineDict, key: str, qid: str, with_feedback: bool) -> tuple:
    raw = q.get(key)
    if not isinstance(raw, list) or len(raw) < 2:
        v.add(q.line_of(key), qid, key, "au moins deux éléments attendus")
        return ()
    choices, seen = [], set()
    for index, entry in enumerate(raw):
        line = raw.item_lines[index] if hasattr(raw, "item_lines") else q.line
        if not isinstance(entry, dict):
            v.add(line, qid, f"{key}[{index + 1}]", "attendu {id, text" + (", feedback}" if with_feedback else "}"))
            continue
        cid = str(entry.get("id", "")).strip()
        if not cid:
            v.add(line, qid, f"{key}[{index + 1}].id", "vide ou absent")
            continue
        if cid in seen:
            v.add(entry.line_of("id"), qid, f"{key}.{cid}", "identifiant en double")
        seen.add(cid)
        text = v.rich(entry, "text", qid)
        feedback = v.rich(entry, "feedback", qid, required=with_feedback)
        choices.append(Choice(cid, text, feedback))
    return tuple(choices)


def _load_pair_feedback(v: _Validator, q: _yaml.LineDict, qid: str) -> dict:
    raw = q.get("feedback")
    if not isinstance(raw, dict):
        v.add(q.line_of("feedback"), qid, "feedback", "attendu {correct: …, incorrect: …}")
        return {}
    return {k: v.rich(raw, k, qid) for k in ("correct", "incorrect")}


def _load_tolerance(v: _Validator, q: _yaml.LineDict, qid: str) -> dict | None:
    raw = q.get("tolerance", 0)
    line = q.line_of("tolerance")
    if isinstance(raw, bool):
        v.add(line, qid, "tolerance", "doit être un nombre ou un pourcentage")
        return None
    if isinstance(raw, (int, float)):
        if raw < 0:
            v.add(line, qid, "tolerance", "ne peut pas être négative")
            return None
        return {"kind": "absolute", "value": raw}
    match = _PERCENT_RE.match(str(raw))
    if not match:
        v.add(line, qid, "tolerance", f"{raw!r} : attendu un nombre ≥ 0 ou un pourcentage comme \"5%\"")
        return None
    percent = float(match.group(1).replace(",", "."))
    if percent > 100:
        v.add(line, qid, "tolerance", "pourcentage supérieur à 100 %")
        return None
    return {"kind": "relative", "value": percent / 100}


def _load_question(v: _Validator, q, index: int, line: int, objectives: dict, seen: set) -> Question | None:
    if not isinstance(q, dict):
        v.add(line, f"question {index + 1}", "question", "attendu une table (id, type, prompt…)")
        return None
    errors_before = len(v.problems)
    qid = str(q.get("id", "")).strip()
    if not qid:
        v.add(q.line, f"question {index + 1}", "id", "vide ou absent")
        qid = f"question {index + 1}"
    elif not _ID_RE.match(qid):
        v.add(q.line_of("id"), qid, "id", "lettres minuscules, chiffres et « - » seulement")
    elif qid in seen:
        v.add(q.line_of("id"), qid, "id", "identifiant en double dans la banque")
    seen.add(qid)

    qtype = q.get("type")
    if qtype not in TYPES:
        v.add(q.line_of("type"), qid, "type", f"type inconnu {qtype!r} (attendu : {', '.join(TYPES)})")
    prompt = v.rich(q, "prompt", qid)
    explanation = v.rich(q, "explanation", qid)
    objective = v.text(q, "objective", qid)
    if objective and objective not in objectives:
        v.add(q.line_of("objective"), qid, "objective", f"objectif inconnu {objective!r}")
    source = _load_source(v, q, qid)
    shuffle = q.get("shuffle", True)
    if not isinstance(shuffle, bool):
        v.add(q.line_of("shuffle"), qid, "shuffle", "attendu true ou false")
    fields: dict = {}

    if qtype in ("single", "multiple"):
        options = _load_choices(v, q, "options", qid, with_feedback=True)
        ids = {o.id for o in options}
        answer = q.get("answer")
        if answer is None:
            v.add(q.line_of("answer"), qid, "answer", "bonne réponse absente")
        elif qtype == "single":
            if not isinstance(answer, (str, int)) or isinstance(answer, bool):
                v.add(q.line_of("answer"), qid, "answer", "attendu l'identifiant d'une option")
            elif str(answer) not in ids:
                v.add(q.line_of("answer"), qid, "answer", f"l'option {answer!r} n'existe pas")
            answer = str(answer)
        else:
            if not isinstance(answer, list) or not answer:
                v.add(q.line_of("answer"), qid, "answer", "attendu une liste non vide d'identifiants d'options")
                answer = []
            answer = [str(a) for a in answer]
            for missing in [a for a in answer if a not in ids]:
                v.add(q.line_of("answer"), qid, "answer", f"l'option {missing!r} n'existe pas")
        fields = {"options": options, "answer": answer}
    elif qtype == "true-false":
        answer = q.get("answer")
        if not isinstance(answer, bool):
            v.add(q.line_of("answer"), qid, "answer", "attendu true ou false")
        fields = {"answer": answer, "feedback": _load_pair_feedback(v, q, qid)}
    elif qtype == "numeric":
        answer = q.get("answer")
        if isinstance(answer, bool) or not isinstance(answer, (int, float)):
            v.add(q.line_of("answer"), qid, "answer", "attendu un nombre")
        fields = {
            "answer": answer,
            "tolerance": _load_tolerance(v, q, qid),
            "unit": v.text(q, "unit", qid, required=False),
            "feedback": _load_pair_feedback(v, q, qid),
        }
    elif qtype == "ordering":
        fields = {"options": _load_choices(v, q, "items", qid, with_feedback=False),
                  "feedback": _load_pair_feedback(v, q, qid)}

    if len(v.problems) > errors_before:
        return None
    return Question(id=qid, type=qtype, prompt=prompt, objective=objective, explanation=explanation,
                    line=q.line, source=source, shuffle=shuffle, **fields)


def read_bank(path: Path) -> tuple[Bank | None, list[Problem]]:
    """Every usable question of the bank, and every problem found (nothing is dropped silently)."""
    path = Path(path)
    v = _Validator(path)
    try:
        raw = _yaml.load(path)
    except _yaml.YamlError as error:
        line = int(str(error).split(":")[1]) if str(error).count(":") >= 2 else 1
        return None, [Problem(path, line, "banque", "yaml", str(error).split(": ", 1)[-1])]
    if not isinstance(raw, dict):
        return None, [Problem(path, 1, "banque", "banque", "attendu une table avec id, title, objectives, questions")]
    bank_id = v.text(raw, "id", "banque")
    if bank_id and bank_id != path.stem:
        v.add(raw.line_of("id"), "banque", "id", f"doit reprendre le nom du fichier ({path.stem!r})")
    title = v.text(raw, "title", "banque")
    description = v.text(raw, "description", "banque", required=False)
    objectives = raw.get("objectives")
    if not isinstance(objectives, dict) or not objectives:
        v.add(raw.line_of("objectives"), "banque", "objectives", "attendu une table non vide id → texte")
        objectives = {}
    questions_raw = raw.get("questions")
    questions: list[Question] = []
    if not isinstance(questions_raw, list) or not questions_raw:
        v.add(raw.line_of("questions"), "banque", "questions", "attendu une liste non vide")
    else:
        seen: set = set()
        for index, q in enumerate(questions_raw):
            question = _load_question(v, q, index, questions_raw.item_lines[index], objectives, seen)
            if question is not None:
                questions.append(question)
    bank = Bank(bank_id or path.stem, title, description, dict(objectives), tuple(questions), path)
    return bank, v.problems


def load_bank(name_or_path: str | Path) -> Bank:
    """The bank named ``01-comprendre`` (or at a path); BankError if it has any problem."""
    path = Path(name_or_path)
    if path.suffix != ".yml":
        path = QUIZ_DIR / f"{name_or_path}.yml"
    if not path.exists():
        raise BankError([Problem(path, 1, "banque", "fichier", "banque de quiz introuvable")])
    bank, problems = read_bank(path)
    if problems:
        raise BankError(problems)
    return bank


def bank_paths() -> list[Path]:
    return sorted(QUIZ_DIR.glob("*.yml"))


def check_banks(paths: list[Path] | None = None) -> list[Problem]:
    """Every problem in the given banks (all banks of the course by default)."""
    problems: list[Problem] = []
    for path in paths or bank_paths():
        problems.extend(read_bank(path)[1])
    return problems


class QuizWidget(StaticWidget):
    """A quiz bank as a widget: the same browser module runs in Jupyter and on the static book."""

    _module = "quiz"
    answers = traitlets.Dict().tag(sync=True)  # the reader's responses, readable from Python in Jupyter

    def element_id(self) -> str:
        return anchor(self.state.get("bank", ""))


def anchor(bank_id: str) -> str:
    """The id of a quiz's element on its page, so that other pages can link to it."""
    return f"quiz-{bank_id}" if bank_id else ""


def show(name: str) -> QuizWidget:
    """The widget of the bank ``name`` (e.g. ``"01-comprendre"``): the last line of a cell displays it."""
    return QuizWidget(state=load_bank(name).to_state())
