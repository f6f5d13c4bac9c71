"""The cycle of ten sessions of the « Guide du formateur » (``data/formation/seances.yml``): loading,
validation, and the plain state the session pages, the projection view and the printables are drawn from.

A session is valid when its steps add up to its duration (±5 minutes, breaks included), every page,
exercise, quiz and printable it cites exists, and each of its objectives is worked on by at least one step.
A session that breaks a rule is set aside and counted; every problem reads ``file:line: séance N: field: …``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kaart_course import quiz
from kaart_course._data import Collector, DataError, Problem, files_in, read_mapping
from kaart_course._markdown import parse_inline
from kaart_course._widget import StaticWidget
from kaart_course.paths import DATA_DIR, REPO_ROOT

SESSIONS_PATH = DATA_DIR / "formation" / "seances.yml"
TOLERANCE = 5  # minutes a session's steps may differ from its stated duration
MATERIAL_KINDS = ("page", "exercise", "quiz", "printable")
# The printables the course knows how to print (kaart_course.sphinxext.sessions); their titles are data.
PRINTABLE_KINDS = ("feuille-de-route", "fiche-participant", "emargement", "retours", "attestation")
SESSION_FIELDS = ("number", "title", "duration", "objectives", "prerequisites", "steps", "variants", "notes",
                  "homework")
STEP_FIELDS = ("minutes", "title", "trainer", "participants", "objectives", "material")
NOTE_FIELDS = ("pitfalls", "questions", "dynamics")
VARIANTS = ("room", "video")


class SessionError(DataError):
    """Session plans that cannot be used as written; ``problems`` lists every reason."""


@dataclass(frozen=True)
class Material:
    kind: str  # one of MATERIAL_KINDS
    ref: str   # a docname (page, exercise), a quiz bank id or a printable id


@dataclass(frozen=True)
class Step:
    minutes: int
    title: str
    trainer: list      # inline trees (kaart_course._markdown)
    participants: list
    objectives: tuple[str, ...]
    material: tuple[Material, ...]


@dataclass(frozen=True)
class Session:
    number: int
    title: str
    duration: int
    objectives: tuple[tuple[str, str], ...]  # (id, text)
    prerequisites: tuple[str, ...]           # docnames
    steps: tuple[Step, ...]
    variants: dict                           # room / video → inline tree
    pitfalls: tuple[list, ...]
    questions: tuple[tuple[list, list], ...]  # (question, answer)
    dynamics: list
    homework: tuple[list, ...]
    line: int

    @property
    def slug(self) -> str:
        return f"seance-{self.number:02d}"

    def quizzes(self) -> list[str]:
        return list(dict.fromkeys(m.ref for s in self.steps for m in s.material if m.kind == "quiz"))

    def pages(self) -> list[str]:
        """Every course page the session uses (prerequisites, then material), each once, in order."""
        used = [*self.prerequisites, *(m.ref for s in self.steps for m in s.material
                                       if m.kind in ("page", "exercise"))]
        return list(dict.fromkeys(used))


@dataclass(frozen=True)
class Printable:
    id: str
    title: str
    description: str


FEEDBACK_KINDS = ("scale", "choice", "sessions", "open")


@dataclass(frozen=True)
class FeedbackQuestion:
    kind: str  # one of FEEDBACK_KINDS
    text: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cycle:
    sessions: tuple[Session, ...]
    printables: dict[str, Printable]
    path: Path
    set_aside: int = 0
    scale: tuple[str, ...] = ()
    feedback: tuple[FeedbackQuestion, ...] = ()

    def session(self, number: int) -> Session:
        for session in self.sessions:
            if session.number == number:
                return session
        raise KeyError(f"séance {number} absente de {self.path}")


@lru_cache(maxsize=4)
def _book_pages(root: Path) -> frozenset[str]:
    from kaart_course.course_plan import course_plan
    return frozenset(page.docname for page in course_plan(root))


class _Reader:
    def __init__(self, check: Collector, root: Path, quiz_dir: Path, printables: dict[str, Printable]):
        self.check, self.root, self.quiz_dir, self.printables = check, root, quiz_dir, printables
        self.pages = _book_pages(root)

    def doc(self, value, line: int, item: str, field_name: str, exercise: bool = False) -> str:
        if not isinstance(value, str) or not value.strip():
            self.check.add(line, item, field_name, "attendu le chemin d'une page (modules/…, sans .md)")
            return ""
        docname = value.strip().removesuffix(".md")
        if exercise and not docname.startswith("exercises/"):
            self.check.add(line, item, field_name, f"{docname!r} n'est pas un exercice (exercises/…)")
        elif docname not in self.pages:
            self.check.add(line, item, field_name, f"page {docname!r} absente du sommaire (_toc.yml)")
        return docname

    def material(self, entry, line: int, item: str) -> Material | None:
        if not self.check.mapping(entry, line, item, "material", "une table {page|exercise|quiz|printable: …}"):
            return None
        if len(entry) != 1 or next(iter(entry)) not in MATERIAL_KINDS:
            self.check.add(line, item, "material", f"attendu une seule clé parmi {', '.join(MATERIAL_KINDS)}")
            return None
        kind, ref = next(iter(entry.items()))
        mark = self.check.mark()
        if kind in ("page", "exercise"):
            ref = self.doc(ref, line, item, f"material.{kind}", exercise=kind == "exercise")
        elif kind == "quiz":
            if not isinstance(ref, str) or not (self.quiz_dir / f"{ref}.yml").exists():
                self.check.add(line, item, "material.quiz", f"banque de quiz inconnue {ref!r}")
        elif ref not in self.printables:
            self.check.add(line, item, "material.printable",
                           f"imprimable inconnu {ref!r} (attendu : {', '.join(self.printables)})")
        return None if self.check.failed_since(mark) else Material(kind, ref)

    def step(self, raw, line: int, item: str, objectives: dict) -> Step | None:
        check = self.check
        if not check.mapping(raw, line, item, "steps", "une table (minutes, title, trainer…)"):
            return None
        title = check.text(raw, "title", item) or "?"
        where = f"{item}: étape « {title} »"
        check.unknown_keys(raw, STEP_FIELDS, where)
        minutes = check.number(raw, "minutes", where, 1, 120)
        trainer, participants = check.rich(raw, "trainer", where), check.rich(raw, "participants", where)
        used = check.strings(raw, "objectives", where, required=False)
        for objective in used:
            if objective not in objectives:
                check.add(raw.line_of("objectives"), where, "objectives", f"objectif inconnu {objective!r}")
        material = [self.material(entry, entry_line, where)
                    for entry_line, entry in check.items(raw.get("material", []), where, "material", allow_empty=True)]
        return Step(minutes or 0, title, trainer, participants, used, tuple(m for m in material if m))

    def session(self, raw, line: int, index: int, seen: set) -> Session | None:
        check = self.check
        if not check.mapping(raw, line, f"séance {index + 1}", "séance", "une table (number, title, steps…)"):
            return None
        mark = check.mark()
        number = check.number(raw, "number", f"séance {index + 1}", 1, 99)
        item = f"séance {number or index + 1}"
        if number in seen:
            check.add(raw.line_of("number"), item, "number", "numéro en double")
        seen.add(number)
        check.unknown_keys(raw, SESSION_FIELDS, item)
        title = check.text(raw, "title", item, collapse=True)
        duration = check.number(raw, "duration", item, 30, 240)

        objectives: dict[str, str] = {}
        for entry_line, entry in check.items(raw.get("objectives"), item, "objectives"):
            if not check.mapping(entry, entry_line, item, "objectives", "une table {id, text}"):
                continue
            objective = check.identifier(entry, item, set(objectives))
            text = check.text(entry, "text", item, collapse=True)
            if objective and text:
                objectives[objective] = text
        prerequisites = tuple(self.doc(value, entry_line, item, "prerequisites") for entry_line, value in
                              check.items(raw.get("prerequisites", []), item, "prerequisites", allow_empty=True))

        steps = [self.step(entry, entry_line, item, objectives)
                 for entry_line, entry in check.items(raw.get("steps"), item, "steps")]
        steps = [s for s in steps if s is not None]
        total = sum(s.minutes for s in steps)
        if duration and steps and abs(total - duration) > TOLERANCE:
            check.add(raw.line_of("steps"), item, "steps",
                      f"les étapes durent {total} min, la séance {duration} min (écart permis : {TOLERANCE} min)")
        worked = {objective for s in steps for objective in s.objectives}
        for objective in objectives:
            if objective not in worked:
                check.add(raw.line_of("objectives"), item, "objectives",
                          f"l'objectif {objective!r} n'est travaillé par aucune étape")

        variants: dict[str, list] = {}
        if check.mapping(raw.get("variants"), raw.line_of("variants"), item, "variants", "une table {room, video}"):
            check.unknown_keys(raw["variants"], VARIANTS, item)
            variants = {key: check.rich(raw["variants"], key, item) for key in VARIANTS}
        notes = raw.get("notes")
        pitfalls: tuple = ()
        questions: list[tuple[list, list]] = []
        dynamics: list = []
        if check.mapping(notes, raw.line_of("notes"), item, "notes", "une table {pitfalls, questions, dynamics}"):
            check.unknown_keys(notes, NOTE_FIELDS, item)
            pitfalls = tuple(_rich(text) for text in check.strings(notes, "pitfalls", item))
            for entry_line, entry in check.items(notes.get("questions"), item, "questions"):
                if check.mapping(entry, entry_line, item, "questions", "une table {question, answer}"):
                    check.unknown_keys(entry, ("question", "answer"), item)
                    questions.append((check.rich(entry, "question", item), check.rich(entry, "answer", item)))
            dynamics = check.rich(notes, "dynamics", item)
        homework = tuple(_rich(text) for text in check.strings(raw, "homework", item))
        if check.failed_since(mark):
            return None
        return Session(number, title, duration, tuple(objectives.items()), prerequisites, tuple(steps), variants,
                       pitfalls, tuple(questions), dynamics, homework, raw.line)


def _rich(text: str) -> list:
    return parse_inline(text)


def _printables(check: Collector, raw) -> dict[str, Printable]:
    result: dict[str, Printable] = {}
    if not check.mapping(raw, 1, "imprimables", "printables", "une table id → {title, description}"):
        return result
    for key, entry in raw.items():
        line = raw.line_of(key)
        if key not in PRINTABLE_KINDS:
            check.add(line, "imprimables", str(key),
                      f"imprimable que le cours ne sait pas imprimer (attendu : {', '.join(PRINTABLE_KINDS)})")
            continue
        if not check.mapping(entry, line, "imprimables", str(key), "une table {title, description}"):
            continue
        check.unknown_keys(entry, ("title", "description"), f"imprimable {key}")
        title = check.text(entry, "title", f"imprimable {key}", collapse=True)
        description = check.text(entry, "description", f"imprimable {key}", collapse=True)
        if title and description:
            result[key] = Printable(key, title, description)
    for missing in sorted(set(PRINTABLE_KINDS) - set(raw)):
        check.add(raw.line, "imprimables", missing, "imprimable sans titre")
    return result


def _feedback(check: Collector, raw) -> tuple[tuple[str, ...], tuple[FeedbackQuestion, ...]]:
    if not check.mapping(raw, 1, "questionnaire de fin de cycle", "feedback", "une table {scale, questions}"):
        return (), ()
    item = "questionnaire de fin de cycle"
    check.unknown_keys(raw, ("scale", "questions"), item)
    scale = check.strings(raw, "scale", item, minimum=2)
    questions = []
    for line, entry in check.items(raw.get("questions"), item, "questions"):
        if not check.mapping(entry, line, item, "questions", "une table {kind, text, choices}"):
            continue
        check.unknown_keys(entry, ("kind", "text", "choices"), item)
        kind = check.choice(entry, "kind", item, FEEDBACK_KINDS)
        text = check.text(entry, "text", item, collapse=True)
        choices = check.strings(entry, "choices", item, required=kind == "choice", minimum=2)
        if kind and text:
            questions.append(FeedbackQuestion(kind, text, choices))
    return scale, tuple(questions)


def read_cycle(path: Path = SESSIONS_PATH, root: Path = REPO_ROOT,
               quiz_dir: Path | None = None) -> tuple[Cycle, list[Problem]]:
    """Every usable session of the file and every problem found; a broken session is set aside, counted."""
    path = Path(path)
    raw, check = read_mapping(path, "", "fichier", "une table avec printables et sessions")
    if raw is None:
        return Cycle((), {}, path), check.problems
    check.unknown_keys(raw, ("printables", "feedback", "sessions"), "")
    printables = _printables(check, raw.get("printables"))
    scale, feedback = _feedback(check, raw.get("feedback"))
    reader = _Reader(check, Path(root), Path(quiz_dir or quiz.QUIZ_DIR), printables)
    entries = check.items(raw.get("sessions"), "", "sessions")
    seen: set = set()
    sessions = [s for index, (line, entry) in enumerate(entries)
                if (s := reader.session(entry, line, index, seen)) is not None]
    numbers = sorted(s.number for s in sessions)
    if len(sessions) == len(entries) and numbers != list(range(1, len(numbers) + 1)):
        check.add(raw.line_of("sessions"), "", "sessions", f"numéros attendus de 1 à {len(numbers)}, pas {numbers}")
    check.count_set_aside("séances", len(entries), len(sessions))
    cycle = Cycle(tuple(sorted(sessions, key=lambda s: s.number)), printables, path,
                  sum(check.set_aside.values()), scale, feedback)
    return cycle, check.problems


@lru_cache(maxsize=2)
def _load(path: Path, mtime: float) -> Cycle:
    cycle, problems = read_cycle(path)
    if problems:
        raise SessionError(problems)
    return cycle


def load_cycle(path: Path = SESSIONS_PATH) -> Cycle:
    """The course's cycle; SessionError if the file has any problem."""
    path = Path(path)
    return _load(path, path.stat().st_mtime if path.exists() else 0.0)


def check(paths: list[Path] | None = None) -> tuple[list[Problem], dict[str, int]]:
    """Problems of the given session files (the course's by default) and the sessions each set aside."""
    problems, set_aside = [], {}
    for path in files_in(paths or [SESSIONS_PATH], "*.yml"):
        cycle, found = read_cycle(path)
        problems += found
        if cycle.set_aside:
            set_aside[path.name] = cycle.set_aside
    return problems, set_aside


# ---------------------------------------------------------------------------------------------------
# The projection view


def format_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def projection_state(session: Session, cycle: Cycle, page_titles: dict[str, str] | None = None) -> dict:
    """What the projection view draws: one screen per step, with the quiz bank of a quiz step."""
    titles = page_titles or {}
    steps = []
    start = 0
    for number, step in enumerate(session.steps, start=1):
        material = []
        quiz_state = None
        for item in step.material:
            if item.kind == "quiz":
                quiz_state = quiz_state or quiz.load_bank(item.ref).to_state()
                material.append(f"Quiz « {quiz_state['title'].removeprefix('Quiz : ')} » en mode formateur")
            elif item.kind == "printable":
                material.append(f"Imprimable : {cycle.printables[item.ref].title}")
            else:
                material.append(titles.get(item.ref, item.ref))
        steps.append({"number": number, "title": step.title, "minutes": step.minutes, "start": start,
                      "participants": step.participants, "trainer": step.trainer, "material": material,
                      "quiz": quiz_state})
        start += step.minutes
    return {"session": session.number, "title": session.title, "duration": session.duration,
            "durationText": format_minutes(session.duration),
            "objectives": [text for _, text in session.objectives], "steps": steps}


class ProjectionWidget(StaticWidget):
    """A session's steps, one per screen, for the room (the same module in Jupyter and on the site)."""

    _module = "projection"

    def element_id(self) -> str:
        return "projeter"


def projection(number: int) -> ProjectionWidget:
    cycle = load_cycle()
    return ProjectionWidget(state=projection_state(cycle.session(number), cycle))



def calendar_state(cycle: Cycle, page_titles: dict[str, str] | None = None) -> dict:
    """What the calendar form needs: each session's number, title, minutes and pages to read before."""
    titles = page_titles or {}
    return {"name": "Cycle de formation KAART",
            "sessions": [{"number": s.number, "title": s.title, "minutes": s.duration,
                          "before": [titles.get(doc, doc) for doc in s.prerequisites]} for s in cycle.sessions]}


class CalendarWidget(StaticWidget):
    """The form that turns a first date, a weekday, a rhythm and a time into the cycle's .ics file."""

    _module = "calendrier"

    def element_id(self) -> str:
        return "calendrier"


def calendar() -> CalendarWidget:
    return CalendarWidget(state=calendar_state(load_cycle()))


# ---------------------------------------------------------------------------------------------------
# The end-of-cycle feedback form as an XLSForm, through the survey's own generator


FEEDBACK_XLSFORM = "kaart-retours-cycle.xlsx"


def _choice_id(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()).strip("_")


def feedback_questionnaire(cycle: Cycle):
    """The feedback form as a survey Questionnaire, for kaart_course.survey.xlsform (KoboToolbox, ODK Central)."""
    from kaart_course.survey.questionnaire import Choice, Group, Question, Questionnaire

    questions = []
    for number, item in enumerate(cycle.feedback, start=1):
        qid = f"retour_{number}"
        if item.kind == "open":
            questions.append(Question(qid, "text", item.text, "retours", 0, max_length=500))
            continue
        if item.kind == "sessions":
            choices = tuple(Choice(f"seance_{s.number}", f"Séance {s.number} : {s.title}") for s in cycle.sessions)
            questions.append(Question(qid, "multiple", item.text, "retours", 0, choices=choices))
            continue
        labels = cycle.scale if item.kind == "scale" else item.choices
        questions.append(Question(qid, "single", item.text, "retours", 0,
                                  choices=tuple(Choice(_choice_id(label), label) for label in labels)))
    group = Group("retours", "Questionnaire de fin de cycle", 0, tuple(questions))
    return Questionnaire("kaart-retours-cycle", "1", "KAART — questionnaire de fin de cycle", 5,
                         "Ce questionnaire est anonyme : n'y écrivez ni votre nom ni votre commune.", (group,),
                         cycle.path)


def write_feedback_xlsform(cycle: Cycle, path: Path) -> Path:
    from kaart_course.survey.xlsform import write_xlsform

    return write_xlsform(feedback_questionnaire(cycle), path)
