"""Command line: ``python -m kaart_course …`` or ``kaart …``. Thin: parse arguments, call the API."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kaart_course import conventions, course_plan, pitch, quiz, survey
from kaart_course.survey import cli as survey_cli
from kaart_course.paths import REPO_ROOT


def _pages_check(paths: list[Path]) -> list[str]:
    if not paths:
        paths = [REPO_ROOT / f"{p.docname}.md" for p in course_plan.course_plan()]
    return [str(problem) for path in paths for problem in conventions.check_page(path)]


def _quiz_check(paths: list[Path]) -> list[str]:
    return [str(problem) for problem in quiz.check_banks(paths or None)]


def _pitch_check(paths: list[Path]) -> list[str]:
    problems, set_aside = pitch.check(paths or None)
    notes = [f"{name} : {count} élément(s) écarté(s), inutilisable(s) en l'état" for name, count in set_aside.items()]
    return [str(problem) for problem in problems] + notes


def _survey_check(paths: list[Path]) -> list[str]:
    return [str(problem) for problem in survey.check(paths or None)]


CHECKS = {
    "pages": _pages_check,
    "quiz": _quiz_check,
    "pitch": _pitch_check,
    "enquete": _survey_check,
}


def _report(problems: list[str], what: str) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{what} : {len(problems)} problème(s).", file=sys.stderr)
        return 1
    print(f"{what} : tout est valide.")
    return 0


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kaart", description="Outils du cours KAART.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="valide toutes les données et toutes les pages du cours")
    for name in CHECKS:
        sub = commands.add_parser(name, help=f"commandes « {name} »")
        actions = sub.add_subparsers(dest="action", required=True)
        check = actions.add_parser("check", help=f"valide les fichiers « {name} »")
        check.add_argument("paths", nargs="*", type=Path, help="fichiers à valider (par défaut : tous)")
        if name == "enquete":
            survey_cli.add_actions(actions)
    pdf = commands.add_parser("pdf", help="assemble les guides PDF à partir de la construction en page unique")
    pdf.add_argument("singlehtml", type=Path, help="dossier de la construction singlehtml (_build/singlehtml)")
    pdf.add_argument("outdir", type=Path, help="dossier où écrire les PDF (_build/html)")
    args = parser.parse_args(argv)

    if args.command == "pdf":
        from kaart_course import pdf as pdf_guides  # WeasyPrint is only needed here

        for path in pdf_guides.build(args.singlehtml, args.outdir):
            print(f"PDF écrit : {path}")
        return 0

    if args.command == "enquete" and args.action != "check":
        return survey_cli.run(args)
    if args.command == "check":
        problems = [problem for check in CHECKS.values() for problem in check([])]
        return _report(problems, "Cours")
    return _report(CHECKS[args.command](args.paths), args.command.capitalize())


def main() -> None:
    sys.exit(run())
