"""The territory finder in the book: the commune data next to the widget's script, its print form, and the
``{kaart-territoire}`` directive (a notebook's ``kaart_course.finder.show()`` gives the same widget).

The two data files (kaart-communes-data.js, kaart-communes-fiches.js) are derived by
kaart_course.territories into ``_build/territoires/site/`` (only when the package or the rules changed) and
served from ``_static/``, beside ``kaart-territoire.js``, which loads them on the reader's first use.

On paper (the browser's print, the PDF guide, where a QR code leads to the finder) the widget becomes a short
sheet « Trouver son territoire »: the course's rule for each cahier, the two questions, and the number of
municipal councillors by population.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from kaart_course import finder
from kaart_course._french import format_number
from kaart_course.sphinxext import widgets
from kaart_course.sphinxext._table import table


def print_form(state: dict) -> list[nodes.Node]:
    paper = state["paper"]
    sheet = nodes.container(classes=["kaart-territoire-print"])
    sheet += nodes.rubric(text="Trouver son territoire")
    sheet += nodes.paragraph(text=(
        "En ligne, le cours trouve votre commune parmi toutes celles de France et vous dit quels cahiers lire "
        "(code QR ci-dessus). Sur papier : cherchez la population municipale de votre commune et le nom de son "
        "intercommunalité (site de l'Insee, de la mairie ou de l'intercommunalité), puis lisez chaque cahier "
        "dont la règle s'applique ; une commune en a souvent deux."))
    sheet += table(["Cahier", "À lire si…"], [[c["title"], c["when"]] for c in paper["cahiers"]], [30, 70],
                    ["kaart-territoire-print-rule"])
    sheet += nodes.paragraph(text="Le plus grand type de taille l'emporte : un village d'une métropole lit « Grandes "
                                  "villes et métropoles ». Un arrondissement de Paris, Lyon ou Marseille prend les "
                                  "cahiers de sa commune.")
    brackets = paper["council"]
    rows = []
    for (start, members), following in zip(brackets, [*brackets[1:], None]):
        span = (f"de {format_number(start)} à {format_number(following[0] - 1)}" if following
                else f"{format_number(start)} et plus")
        rows.append([span, format_number(members)])
    sheet += nodes.paragraph(text=f"Nombre de conseillers municipaux selon la population ({paper['councilSource']}) ; "
                                  "Paris, Lyon et Marseille ont leurs propres règles :")
    # Two halves side by side: the sheet stays short.
    half = -(-len(rows) // 2)
    paired = [left + (rows[half + i] if half + i < len(rows) else ["", ""]) for i, left in enumerate(rows[:half])]
    sheet += table(["Habitants", "Conseillers", "Habitants", "Conseillers"], paired, [32, 18, 32, 18],
                    ["kaart-territoire-print-council"])
    return [sheet]


class TerritoireDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        return [widgets.widget_node("territoire", finder.finder_state(), finder.ANCHOR)]


def _serve_data(app: Sphinx, config: Config) -> None:
    from kaart_course.territories import site_files

    config.html_static_path = [*config.html_static_path, str(site_files())]


def setup(app: Sphinx) -> dict:
    app.setup_extension("kaart_course.sphinxext.widgets")
    widgets.register("territoire", print_form)
    app.add_directive("kaart-territoire", TerritoireDirective)
    app.connect("config-inited", _serve_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
