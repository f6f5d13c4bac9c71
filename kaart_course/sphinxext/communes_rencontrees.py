"""The ``{kaart-communes-rencontrees}`` directive: the collectivités met by the network's volunteers, by
département, from the tracking file ``data/suivi/communes.json`` (kaart_course.survey.tracking) when the
repository holds one; otherwise, how coordinators produce it. Generated at build time: the page follows the
file, and a broken file fails the strict build (kaart check, entry « suivi »).

Names and départements come from the course's territory data; the file itself holds only codes, months and
statuses — nothing about any person.
"""

from __future__ import annotations

from collections import defaultdict
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from kaart_course._french import format_date
from kaart_course.survey import tracking
from kaart_course.survey.territory import place
from kaart_course.sphinxext._table import table

STATUS = {"answered": "enquête remplie", "met": "rencontrée, sans réponse à l'enquête"}
HEADERS = ("Collectivité", "Dernière rencontre", "Enquête")


def _table(title: str, rows: list[tuple[str, str, str]]) -> nodes.table:
    """One département's table; its name is the table's caption, which a screen reader announces with it."""
    return table(HEADERS, rows, (50, 22, 28), ["kaart-communes-rencontrees"], title=title)


def tracking_nodes(data: tracking.Tracking, territories) -> list[nodes.Node]:
    """The collectivités of ``data``, by département (in the order of their codes), each with the month of
    its latest meeting and whether the survey was answered."""
    by_departement: dict[tuple[str, str], list] = defaultdict(list)
    unknown = 0
    for met in data.collectivites:
        where = place(territories, met.kind, met.code)
        if where is None:
            unknown += 1
            continue
        commune = territories.commune(met.code) if met.kind == "commune" else None
        name = getattr(commune, "departement_name", "") or _departement_name(territories, where.departement)
        label = f"{where.name} ({met.code})" if met.kind == "commune" else f"{where.name} (intercommunalité, {met.code})"
        by_departement[(where.departement, name)].append((label, format_date(met.month), STATUS[met.status]))
    result: list[nodes.Node] = []
    if data.fictitious:
        result.append(nodes.paragraph("", "", nodes.strong(text="Données fictives : "),
                                      nodes.Text("ce fichier de suivi est un exemple, il ne décrit aucune rencontre.")))
    total = sum(len(rows) for rows in by_departement.values())
    result.append(nodes.paragraph(text=f"{total} collectivité(s) rencontrée(s) dans {len(by_departement)} département(s), "
                                       f"d'après le fichier de suivi du {format_date(data.generated)}."))
    for (code, name), rows in sorted(by_departement.items(), key=lambda item: _departement_key(item[0][0])):
        result.append(_table(f"{name} ({code})" if name else code, sorted(rows)))
    if unknown:
        result.append(nodes.paragraph(text=f"{unknown} code(s) absent(s) de la liste officielle des collectivités, non "
                                           "affiché(s) : le coordinateur vérifie le fichier."))
    return result


def _departement_key(code: str) -> tuple[int, str]:
    digits = code.replace("2A", "20A").replace("2B", "20B")
    return (len(code), digits)


def _departement_name(territories, code: str) -> str:
    commune = next((c for c in getattr(territories, "communes", {}).values() if c.departement == code), None)
    return getattr(commune, "departement_name", "")


def absent_nodes() -> list[nodes.Node]:
    """What the page says when the repository holds no tracking file."""
    return [
        nodes.paragraph(text="Aucun fichier de suivi n'est publié pour l'instant : la liste des collectivités "
                             "rencontrées apparaîtra ici dès qu'un coordinateur l'aura produite."),
        nodes.paragraph(text="Pour la produire, le coordinateur qui tient la base des réponses lance, depuis le "
                             "dépôt du cours :"),
        nodes.literal_block(text="kaart enquete suivi --base enquete.sqlite -o data/suivi/communes.json"),
        nodes.paragraph("", "", nodes.Text("puis ajoute le fichier "), nodes.literal(text="data/suivi/communes.json"),
                        nodes.Text(" au dépôt : la page se met à jour à la construction suivante du site. Le fichier "
                                   "ne contient que le code de chaque collectivité, le mois de la dernière rencontre "
                                   "et si l'enquête a été remplie.")),
    ]


class CommunesRencontreesDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        path = tracking.TRACKING_PATH
        _pages_using(self.env)[self.env.docname] = path.exists()
        if not path.exists():
            return absent_nodes()
        self.env.note_dependency(str(path))
        data, problems = tracking.read_tracking(path)
        if data is None:
            raise self.error("fichier de suivi illisible :\n" + "\n".join(map(str, problems)))
        from kaart_course.territories import load_territories

        return tracking_nodes(data, load_territories())


def _pages_using(env) -> dict[str, bool]:
    """The pages that show the tracking file, each with whether the file existed when it was read."""
    return env.__dict__.setdefault("kaart_tracking_pages", {})


def _tracking_file_came_or_went(app: Sphinx, env, added, changed, removed) -> list[str]:
    # A dependency on a missing file would read the page again at every build: the file's edits are followed
    # by Sphinx once it exists (note_dependency), its appearance or removal here.
    present = tracking.TRACKING_PATH.exists()
    return [doc for doc, was in _pages_using(env).items() if was != present and doc in env.found_docs]


def _purge(app: Sphinx, env, docname: str) -> None:
    _pages_using(env).pop(docname, None)


def _merge(app: Sphinx, env, docnames, other) -> None:
    _pages_using(env).update({doc: was for doc, was in _pages_using(other).items() if doc in docnames})


def setup(app: Sphinx) -> dict:
    app.add_directive("kaart-communes-rencontrees", CommunesRencontreesDirective)
    app.connect("env-get-outdated", _tracking_file_came_or_went)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
