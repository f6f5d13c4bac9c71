"""The ``kaart enquete …`` actions besides ``check``: thin wrappers that parse arguments, call the survey's
API and print in French. Registered by kaart_course.cli."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kaart_course._french import format_date
from kaart_course.survey import store, territory
from kaart_course.survey.questionnaire import load_questionnaire


def add_actions(actions: argparse._SubParsersAction) -> None:
    def base(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--base", type=Path, default=store.DEFAULT_BASE,
                            help=f"base SQLite des réponses (par défaut : {store.DEFAULT_BASE})")

    xlsform = actions.add_parser("xlsform", help="écrit le questionnaire en XLSForm (KoboToolbox, ODK Central)")
    xlsform.add_argument("-o", "--sortie", type=Path, default=Path("enquete.xlsx"), help="fichier .xlsx à écrire")
    importer = actions.add_parser("importer", help="importe des fichiers de réponses dans la base")
    importer.add_argument("fichiers", nargs="+", type=Path, help="CSV, XLSX ou JSON (site, KoboToolbox, Excel)")
    base(importer)
    synthese = actions.add_parser("synthese", help="écrit le rapport de synthèse (HTML et PDF)")
    base(synthese)
    synthese.add_argument("-o", "--sortie", type=Path, required=True, help="dossier du rapport")
    synthese.add_argument("--sans-pdf", action="store_true", help="n'écrit que la page HTML")
    publier = actions.add_parser("publier", help="valide un texte libre pour publication dans le rapport")
    publier.add_argument("uuid", help="identifiant de la réponse")
    publier.add_argument("question", help="identifiant de la question ouverte")
    base(publier)
    recontact = actions.add_parser("recontact", help="liste, pour les coordinateurs, les collectivités d'accord "
                                   "pour être recontactées")
    base(recontact)
    recontact.add_argument("-o", "--sortie", type=Path, required=True, help="fichier CSV à écrire")
    quarantaine = actions.add_parser("quarantaine", help="exporte les lignes mises en quarantaine, avec leurs raisons")
    base(quarantaine)
    quarantaine.add_argument("-o", "--sortie", type=Path, required=True, help="fichier CSV à écrire")
    exemple = actions.add_parser("exemple", help="génère des réponses fictives (CSV du formulaire du site)")
    exemple.add_argument("--n", type=int, default=300, help="nombre de réponses")
    exemple.add_argument("--graine", type=int, default=1, help="graine du tirage")
    exemple.add_argument("-o", "--sortie", type=Path, required=True, help="fichier CSV à écrire")
    purger = actions.add_parser("purger", help=f"efface les réponses de plus de {store.RETENTION_YEARS} ans "
                                "(durée annoncée aux élus)")
    base(purger)
    purger.add_argument("--avant", type=dt.date.fromisoformat, default=None, metavar="AAAA-MM-JJ",
                        help="efface les rencontres antérieures à cette date (par défaut : il y a "
                             f"{store.RETENTION_YEARS} ans, jour pour jour)")
    effacer = actions.add_parser("effacer", help="efface les réponses d'une collectivité, ou une réponse (retrait "
                                 "d'un accord)")
    base(effacer)
    which = effacer.add_mutually_exclusive_group(required=True)
    which.add_argument("--collectivite", metavar="CODE", help="code INSEE de la commune ou SIREN de l'intercommunalité")
    which.add_argument("--reponse", metavar="UUID", help="identifiant d'une réponse")
    suivi = actions.add_parser("suivi", help="écrit les collectivités rencontrées (code, mois, statut)")
    base(suivi)
    suivi.add_argument("-o", "--sortie", type=Path, default=Path("data/suivi/communes.json"),
                       help="fichier JSON à écrire")


def _error(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire()
    if args.action == "xlsform":
        from kaart_course.survey.xlsform import write_xlsform

        print(f"XLSForm écrit : {write_xlsform(questionnaire, args.sortie)}")
        return 0
    if args.action == "exemple":
        from kaart_course.survey.example import example_rows

        lookup = territory.default_territories()
        header, rows = example_rows(questionnaire, lookup, *territory.all_codes(lookup), args.n, args.graine)
        store.write_csv(args.sortie, header, rows)
        print(f"{len(rows)} réponses fictives écrites : {args.sortie}")
        return 0
    if args.action == "importer":
        return _import(args, questionnaire)
    connection = store.connect(args.base)
    try:
        if args.action == "publier":
            if not store.mark_publishable(connection, args.uuid, args.question):
                return _error(f"aucune réponse {args.uuid!r} à la question {args.question!r} dans {args.base}")
            print(f"Texte validé pour publication : {args.uuid} · {args.question}")
            return 0
        if args.action == "recontact":
            from kaart_course.survey.tracking import recontact

            header, rows = recontact(connection)
            store.write_csv(args.sortie, header, rows)
            print(f"{len(rows)} collectivité(s) d'accord pour être recontactée(s) : {args.sortie} "
                  "(réservé aux coordinateurs, à ne pas diffuser)")
            return 0
        if args.action == "quarantaine":
            rows = store.quarantine_rows(connection)
            store.write_csv(args.sortie, store.QUARANTINE_HEADER, rows)
            print(f"{len(rows)} rejet(s) écrit(s) : {args.sortie}")
            return 0
        if args.action == "purger":
            before = args.avant or store.retention_cutoff(dt.date.today())
            erased = store.purge(connection, before)
            print(f"Rencontres antérieures au {format_date(before.isoformat())} : {erased['responses']} réponse(s) "
                  f"et {erased['quarantine']} rejet(s) effacé(s) de {args.base}")
            return 0
        if args.action == "effacer":
            erased = store.erase(connection, uuid=args.reponse or "", code=args.collectivite or "")
            what = f"la collectivité {args.collectivite}" if args.collectivite else f"la réponse {args.reponse}"
            print(f"{erased} réponse(s) effacée(s) pour {what} dans {args.base} ; pensez à refaire la synthèse et le "
                  "fichier de suivi.")
            return 0 if erased else 2
        if args.action == "suivi":
            from kaart_course.survey.tracking import tracking, write_tracking

            data = tracking(connection)
            write_tracking(data, args.sortie)
            print(f"{len(data['collectivites'])} collectivité(s) rencontrée(s) : {args.sortie}")
            return 0
        from kaart_course.survey.report import write_report
        from kaart_course.survey.synthesis import synthesize

        result = synthesize(connection, questionnaire, dt.date.today())
        for path in write_report(result, args.sortie, questionnaire.version, pdf=not args.sans_pdf):
            print(f"Rapport écrit : {path}")
        return 0
    finally:
        connection.close()


def _import(args: argparse.Namespace, questionnaire) -> int:
    from kaart_course.survey.importer import import_files
    from kaart_course.survey.reading import ReadError

    missing = [path for path in args.fichiers if not path.is_file()]
    if missing:
        return _error("\n".join(f"{path} : fichier introuvable" for path in missing) + "\nRien n'a été importé.")
    connection = store.connect(args.base)
    try:
        report = import_files(connection, args.fichiers, questionnaire, territory.default_territories())
    except ReadError as error:
        return _error(f"{error}\nRien n'a été importé.")
    finally:
        connection.close()
    for file in report.files:
        print(f"{file.path} : {file.description} · {file.read} ligne(s)")
        for name in file.ignored_columns:
            print(f"{file.path} : colonne « {name} » ignorée (absente du questionnaire)")
        if file.meetings_only:
            print(f"{file.path} : {file.meetings_only} rencontre(s) sans accord pour la synthèse : seules la "
                  "collectivité et la date sont gardées")
    for rejection in report.rejections:
        print(rejection, file=sys.stderr)
    print(report.summary())
    return 1 if report.total("quarantined") else 0
