"""Command line: ``python -m kaart_course …`` or ``kaart …``. Thin: parse arguments, call the API."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kaart_course._data import Problem


def _report(problems: list[Problem], set_aside: dict[str, int], what: str) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    for name, count in set_aside.items():
        print(f"{name} : {count} élément(s) écarté(s), inutilisable(s) en l'état", file=sys.stderr)
    if problems:
        print(f"{what} : {len(problems)} problème(s).", file=sys.stderr)
        return 1
    print(f"{what} : tout est valide.")
    return 0


# Commands that do more than check their data: each module adds its actions and runs them.
def _more_actions() -> dict:
    from kaart_course.survey import cli as survey_cli

    return {"enquete": survey_cli}


def _publish(args: argparse.Namespace) -> int:
    from kaart_course import publish, release

    try:
        if args.command == "archive":
            warning = release.placeholder_warning()
            if warning:
                print(warning, file=sys.stderr)
            print(f"Archive écrite : {publish.finish_site(args.html)}")
        elif args.check_only:
            print(f"Adresse de publication : {publish.check_address(args.site_url)}")
        else:
            for path in publish.release(args.html, args.outdir, args.site_url):
                print(f"Version publiée : {path}")
    except publish.ReleaseError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


def run(argv: list[str] | None = None) -> int:
    from kaart_course.checks import CHECKS, run_all

    more = _more_actions()
    parser = argparse.ArgumentParser(prog="kaart", description="Outils du cours KAART.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="valide toutes les données et toutes les pages du cours")
    for name, check in CHECKS.items():
        sub = commands.add_parser(name, help=f"commandes sur {check.help}")
        actions = sub.add_subparsers(dest="action", required=True)
        action = actions.add_parser("check", help=f"valide {check.help}")
        action.add_argument("paths", nargs="*", type=Path, help="fichiers ou dossiers à valider (par défaut : tous)")
        if name in more:
            more[name].add_actions(actions)
    pdf = commands.add_parser("pdf", help="assemble les guides PDF à partir de la construction en page unique")
    pdf.add_argument("singlehtml", type=Path, help="dossier de la construction singlehtml (_build/singlehtml)")
    pdf.add_argument("outdir", type=Path, help="dossier où écrire les PDF (_build/html)")
    archive = commands.add_parser("archive", help="écrit la taille des téléchargements et l'archive kaart-site.zip")
    archive.add_argument("html", type=Path, help="dossier du site construit (_build/html)")
    published = commands.add_parser("release", help="prépare une version publiée : archive, guides PDF, SHA256SUMS")
    published.add_argument("--site-url", default="", help="adresse du site publié (https://…)")
    published.add_argument("--check-only", action="store_true", help="vérifie seulement l'adresse")
    published.add_argument("html", type=Path, nargs="?", default=Path("_build/html"), help="site construit")
    published.add_argument("outdir", type=Path, nargs="?", default=Path("_build/release"), help="dossier de sortie")
    args = parser.parse_args(argv)

    if args.command in {"archive", "release"}:
        return _publish(args)
    if args.command == "pdf":
        from kaart_course import pdf as pdf_guides  # WeasyPrint is only needed here

        for path in pdf_guides.build(args.singlehtml, args.outdir):
            print(f"PDF écrit : {path}")
        return 0
    if args.command == "check":
        return _report(*run_all(), "Cours")
    if args.command in more and args.action != "check":
        return more[args.command].run(args)
    missing = [path for path in args.paths if not path.exists()]
    if missing:
        parser.error(f"introuvable : {', '.join(map(str, missing))}")
    check = CHECKS[args.command]
    return _report(*check.run(args.paths), check.label)


def main() -> None:
    sys.exit(run())
