"""Every validation of the course's data and pages, in one table: ``kaart check`` runs them all (the build
does too), ``kaart <name> check [FILE|FOLDER…]`` runs one on the files given. A new loader adds one entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kaart_course import cahiers, conventions, course_plan, express, figures, glossary, pitch, quiz, sessions, survey, territories
from kaart_course._data import Problem, files_in
from kaart_course.survey import tracking
from kaart_course.paths import REPO_ROOT


@dataclass(frozen=True)
class Check:
    label: str
    run: Callable[[list[Path]], tuple[list[Problem], dict[str, int]]]  # problems, rows set aside per file
    help: str


def _pages(paths: list[Path]) -> tuple[list[Problem], dict]:
    files = files_in(paths, "*.md") if paths else [REPO_ROOT / f"{p.docname}.md" for p in course_plan.course_plan()]
    return [problem for path in files for problem in conventions.check_page(path)], {}


def _glossary(paths: list[Path]) -> tuple[list[Problem], dict]:
    problems, set_aside = [], {}
    for path in files_in(paths or [glossary.GLOSSARY_PATH], "*.yml"):
        entries, found = glossary.read_glossary(path)
        problems += found
        if entries.set_aside:
            set_aside[path.name] = entries.set_aside
    return problems, set_aside


def _territories(paths: list[Path]) -> tuple[list[Problem], dict]:
    files = [path for path in files_in(paths, "*") if path.suffix in (".yml", ".json")]
    return territories.check(files or None), {}


CHECKS: dict[str, Check] = {
    "pages": Check("Pages", _pages, "la convention de page (objectifs, à retenir, sources, en-tête kaart)"),
    "quiz": Check("Quiz", lambda paths: (quiz.check_banks(paths), {}), "les banques de quiz (data/quizzes)"),
    "pitch": Check("Studio", lambda paths: pitch.check(paths), "les données du studio de présentation (data/pitch)"),
    "glossaire": Check("Glossaire", _glossary, "le glossaire (data/glossaire.yml)"),
    "figures": Check("Figures", lambda paths: (figures.check_figures(paths), {}), "les données des figures (data/figures)"),
    "territoires": Check("Territoires", _territories, "les règles des territoires (data/territoires)"),
    "cahiers": Check("Cahiers", lambda paths: (
        [p for path in files_in(paths or [cahiers.CAHIERS_PATH], "*.yml") for p in cahiers.read_publication(path)[1]], {}),
        "la publication et les adresses des cahiers (data/cahiers.yml)"),
    "enquete": Check("Enquête", lambda paths: (survey.check(files_in(paths, "*.yml") or None), {}),
                     "le questionnaire de l'enquête (data/enquete)"),
    "parcours": Check("Parcours", lambda paths: express.check(files_in(paths, "*.yml") or None),
                      "le parcours express et ses durées calculées (data/parcours)"),
    "suivi": Check("Suivi", lambda paths: tracking.check_tracking(files_in(paths, "*.json") or None),
                   "les collectivités rencontrées (data/suivi/communes.json, s'il existe)"),
    "seances": Check("Séances", lambda paths: sessions.check(paths or None),
                     "les séances du cycle de formation (data/formation/seances.yml)"),
}


def run_all() -> tuple[list[Problem], dict[str, int]]:
    """Every problem of the course (each reported once), and the rows set aside per file."""
    problems: dict[str, Problem] = {}
    set_aside: dict[str, int] = {}
    for check in CHECKS.values():
        found, aside = check.run([])
        problems.update((str(problem), problem) for problem in found)
        set_aside.update(aside)
    return list(problems.values()), set_aside
