"""Quiz banks (``data/quizzes/*.yml``): loading, validation, and display in a notebook or a book page.

The answer logic (grading, score, shuffling, progress) lives only in the browser module
``static/kaart-quiz.js``; Python validates the banks and hands the browser a plain, escaped description.
Question types are one table (``kaart_course._quiz_types.TYPES``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from kaart_course._data import Collector, DataError, LineDict, Problem, files_in, read_mapping
from kaart_course._french import format_date
from kaart_course._quiz_types import TYPES
from kaart_course._widget import StaticWidget
from kaart_course.paths import DATA_DIR

QUIZ_DIR = DATA_DIR / "quizzes"
SKILLS = ("jugement", "connaissance")
COMMON_FIELDS = ("id", "type", "prompt", "objective", "explanation", "source", "shuffle", "skill")


class BankError(DataError):
    """A bank that cannot be used as written; ``problems`` lists every reason."""


@dataclass(frozen=True)
class Question:
    """A validated question: the fields every type has, and its type's own fields in ``details``."""

    id: str
    type: str
    prompt: list
    objective: str
    explanation: list
    line: int
    source: dict | None = None
    shuffle: bool = True
    skill: str = ""
    details: dict | None = None

    def to_state(self) -> dict:
        return {"id": self.id, "type": self.type, "typeLabel": TYPES[self.type].label, "prompt": self.prompt,
                "explanation": self.explanation, "source": self.source, "shuffle": self.shuffle,
                **(self.details or {})}

    def correct_text(self) -> str:
        """The right answer in words, for printed answer keys."""
        return TYPES[self.type].correct_text(self.to_state())


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    description: str
    objectives: dict
    questions: tuple[Question, ...]
    path: Path

    def to_state(self) -> dict:
        """The plain description handed to the browser module (and to the print form)."""
        return {"bank": self.id, "title": self.title, "description": self.description,
                "questions": [q.to_state() for q in self.questions]}


def _source(check: Collector, q: LineDict, qid: str) -> dict | None:
    raw = q.get("source")
    if raw is None:
        return None
    if not check.mapping(raw, q.line_of("source"), qid, "source", "{title, url, date}"):
        return None
    mark = check.mark()
    title = check.text(raw, "title", qid)
    url, date = check.url(raw, "url", qid), check.date(raw, "date", qid)
    if check.failed_since(mark):
        return None
    return {"title": title, "url": url, "date": date, "dateText": format_date(date)}


def _question(check: Collector, q, index: int, line: int, objectives: dict, seen: set) -> Question | None:
    if not check.mapping(q, line, f"question {index + 1}", "question", "une table (id, type, prompt…)"):
        return None
    mark = check.mark()
    qid = check.identifier(q, f"question {index + 1}", seen) or f"question {index + 1}"
    qtype = check.choice(q, "type", qid, TYPES)
    check.unknown_keys(q, COMMON_FIELDS + (TYPES[qtype].fields if qtype else ()), qid)
    prompt, explanation = check.rich(q, "prompt", qid), check.rich(q, "explanation", qid)
    objective = check.text(q, "objective", qid)
    if objective and objective not in objectives:
        check.add(q.line_of("objective"), qid, "objective", f"objectif inconnu {objective!r}")
    source = _source(check, q, qid)
    shuffle = check.boolean(q, "shuffle", qid, default=True)
    skill = check.choice(q, "skill", qid, SKILLS, required=False)
    details = TYPES[qtype].read(check, q, qid) if qtype else {}
    if check.failed_since(mark):
        return None
    return Question(qid, qtype, prompt, objective, explanation, q.line, source, shuffle, skill, details)


def read_bank(path: Path) -> tuple[Bank | None, list[Problem]]:
    """Every usable question of the bank, and every problem found (nothing is dropped silently)."""
    path = Path(path)
    raw, check = read_mapping(path, "banque", "banque", "une table avec id, title, objectives, questions")
    if raw is None:
        return None, [replace(p, item="banque") for p in check.problems]
    bank_id = check.text(raw, "id", "banque")
    if bank_id and bank_id != path.stem:
        check.add(raw.line_of("id"), "banque", "id", f"doit reprendre le nom du fichier ({path.stem!r})")
    title = check.text(raw, "title", "banque")
    description = check.text(raw, "description", "banque", required=False)
    objectives = raw.get("objectives")
    if not isinstance(objectives, dict) or not objectives:
        check.add(raw.line_of("objectives"), "banque", "objectives", "attendu une table non vide id → texte")
        objectives = {}
    entries = check.items(raw.get("questions"), "banque", "questions")
    seen: set = set()
    questions = [q for index, (line, entry) in enumerate(entries)
                 if (q := _question(check, entry, index, line, objectives, seen)) is not None]
    check.count_set_aside("questions", len(entries), len(questions))
    return Bank(bank_id or path.stem, title, description, dict(objectives), tuple(questions), path), check.problems


def bank_path(name_or_path: str | Path) -> Path:
    path = Path(name_or_path)
    return path if path.suffix == ".yml" else QUIZ_DIR / f"{name_or_path}.yml"


def load_bank(name_or_path: str | Path) -> Bank:
    """The bank named ``01-comprendre`` (or at a path); BankError if it has any problem."""
    bank, problems = read_bank(bank_path(name_or_path))
    if problems:
        raise BankError(problems)
    return bank


def bank_paths() -> list[Path]:
    return sorted(QUIZ_DIR.glob("*.yml"))


def check_banks(paths: list[Path] | None = None) -> list[Problem]:
    """Every problem in the given banks or folders of banks (all banks of the course by default)."""
    return [problem for path in files_in(paths or [QUIZ_DIR], "*.yml") for problem in read_bank(path)[1]]


class QuizWidget(StaticWidget):
    """A quiz bank as a widget: the same browser module runs in Jupyter and on the static book."""

    _module = "quiz"

    def element_id(self) -> str:
        return anchor(self.state.get("bank", ""))


def anchor(bank_id: str) -> str:
    """The id of a quiz's element on its page, so that other pages can link to it."""
    return f"quiz-{bank_id}" if bank_id else ""


def show(name: str) -> QuizWidget:
    """The widget of the bank ``name`` (e.g. ``"01-comprendre"``): the last line of a cell displays it."""
    return QuizWidget(state=load_bank(name).to_state())
