"""The territory finder « Mon territoire » as a widget (browser module ``static/territoire/``): search every
commune of France, see its card (population, intercommunality, municipal council, the cahier(s) that fit and
why) and keep the choice in the browser for the rest of the course (contract 1, « kaart:territoire »).

In a notebook: ``from kaart_course import finder; finder.show()``. The state is small: the commune data is not
in it. On the site, the browser loads the two data files derived by :mod:`kaart_course.territories` (copied
next to the widget's script by :mod:`kaart_course.sphinxext.territoire`) on first use; in live Jupyter, the
kernel sends the same data when the widget asks for it.

State (plain data)::

    {files: {search: [file, global], fiches: [file, global]}, siteUrl, example,
     pages: {key: {page, label}},               # docnames of the course, linked from the card
     met: {INSEE code or SIREN: "en novembre 2026, enquête remplie"}, metNote,
     paper: {cahiers: [{title, when}], council: [[population, members]], councilSource, questions: [text]}}
"""

from __future__ import annotations

from kaart_course import _territories_compact
from kaart_course._french import format_date, format_number
from kaart_course._widget import StaticWidget
from kaart_course.release import site_url

ANCHOR = "mon-territoire"
EXAMPLE = "Briançon, saint etienne, 05100 ou 97411"
# The course's pages the card links to, in this order (docnames; tests check they exist).
PAGES = {
    "decide": ("modules/03-elus/01-qui-decide-quoi", "Qui décide quoi : la commune ou l'intercommunalité"),
    "elus": ("modules/03-elus/02-les-elus", "Connaître ses élus : maire, adjoints, président de l'intercommunalité"),
    "pitch": ("exercises/04-pitch", "Préparer sa prise de parole pour cette commune (studio de présentation)"),
    "request": ("modules/04-preparer/02-demander-le-rendez-vous", "Demander le rendez-vous (modèles à compléter)"),
}


def _met() -> tuple[dict[str, str], str]:
    """The collectivités met, from the tracking file when the repository has one (contract 3)."""
    from kaart_course.survey.tracking import TRACKING_PATH, read_tracking

    if not TRACKING_PATH.is_file():
        return {}, ""
    tracking, problems = read_tracking(TRACKING_PATH)
    if tracking is None:
        return {}, ""
    met = {m.code: f"en {format_date(m.month)}, " + ("enquête remplie" if m.status == "answered" else "sans enquête")
           for m in tracking.collectivites}
    note = "(Exemple fictif : ce fichier de suivi n'est pas réel.)" if tracking.fictitious else ""
    return met, note


def _when(cahier) -> str:
    """When the course proposes a cahier, in words, for paper (the rule of data/territoires/cahiers.yml)."""
    from kaart_course.territories import cahier_rules

    rules = cahier_rules()
    parts = []
    if cahier.epci_types:
        labels = [rules.epci_types[t].split(" (")[0] for t in cahier.epci_types]
        listed = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} ou {labels[-1]}"
        parts.append(f"son intercommunalité est {listed}")
    if cahier.population_min is not None and cahier.population_max is not None:
        parts.append(f"elle a de {format_number(cahier.population_min)} à {format_number(cahier.population_max)} habitants")
    elif cahier.population_min is not None:
        parts.append(f"elle a {format_number(cahier.population_min)} habitants ou plus")
    elif cahier.population_max is not None:
        parts.append(f"elle a moins de {format_number(cahier.population_max + 1)} habitants")
    if cahier.zones:
        parts.append("elle est dans un département ou une collectivité d'outre-mer")
    if cahier.question:
        question = next(q for q in rules.questions if q.id == cahier.question)
        parts.append(f"vous répondez oui à : « {question.question} »")
    return " ; ou ".join(parts)


def finder_state() -> dict:
    from kaart_course.territories import _council_rules, cahier_rules

    rules, council = cahier_rules(), _council_rules()
    met, note = _met()
    return {
        "files": {"search": list(_territories_compact.SEARCH), "fiches": list(_territories_compact.FICHES)},
        "siteUrl": site_url(),
        "example": EXAMPLE,
        "pages": {key: {"page": page, "label": label} for key, (page, label) in PAGES.items()},
        "met": met,
        "metNote": note,
        "paper": {
            "cahiers": [{"title": c.title, "when": _when(c)} for c in rules.cahiers],
            "council": [[start, members] for start, members in council.brackets],
            "councilSource": council.source.title,
            "questions": [f"{q.question} {q.explanation}" for q in rules.questions],
        },
    }


class TerritoryFinder(StaticWidget):
    """The finder as a widget. In live Jupyter the browser module asks the kernel for the commune data."""

    _module = "territoire"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_msg(self._on_message)

    def element_id(self) -> str:
        return ANCHOR

    def _on_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("kind") == "data":
            from kaart_course.territories import load_territories

            search, fiches = _territories_compact.encode(load_territories())
            self.send({"kind": "data", "search": search, "fiches": fiches})


def show() -> TerritoryFinder:
    """The finder, for a notebook cell."""
    return TerritoryFinder(state=finder_state())
