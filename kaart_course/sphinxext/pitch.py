"""The ``{kaart-pitch}`` directive: the pitch studio, or one part of it, on a course page.

```{kaart-pitch}
:part: objections
```

On the site the studio is the browser module mounted from its state; in print (the browser's print, the PDF
guide) it becomes a worksheet, added beside every studio — from this directive or from a notebook's
``kaart_course.pitch.studio()`` — by kaart_course.sphinxext.widgets: the scene to tick, the structure grid with room to write, the table of words
per speaking time, objection cards to cut out and the self-assessment grid.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from kaart_course import pitch
from kaart_course._pitch_data import PART_SECTIONS, PitchData
from kaart_course._widget import mount_html
from kaart_course.sphinxext import widgets
from kaart_course.sphinxext._inline import paragraph

logger = logging.getLogger(__name__)
BOX = "☐"
MOVES = (("acknowledge", "Reconnaître"), ("reframe", "Recadrer"), ("territory", "Ramener au territoire"))


def _table(headers: list[str], rows: list[list], widths: list[int], classes: list[str] | None = None) -> nodes.table:
    """A docutils table; a cell is a string, a list of nodes, or "" for room to write."""
    table = nodes.table(classes=classes or [])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += nodes.row("", *[nodes.entry("", nodes.paragraph(text=h)) for h in headers])
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            if isinstance(cell, str):
                entry = nodes.entry("", nodes.paragraph(text=cell))
                if not cell:
                    entry["classes"].append("kaart-pitch-write")
            else:
                entry = nodes.entry("", *cell)
            row += entry
        body += row
    group += body
    return table


def _budget(seconds_min: int, seconds_max: int) -> str:
    def words(seconds: int) -> str:
        return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 and seconds % 60 else (
            f"{seconds // 60} min" if seconds >= 60 else f"{seconds} s")
    return words(seconds_max) if seconds_min == seconds_max else f"{words(seconds_min)} à {words(seconds_max)}"


def _scene_nodes(data: PitchData) -> list[nodes.Node]:
    result: list[nodes.Node] = [nodes.rubric(text="Ma scène")]
    situations = "    ".join(f"{BOX} {s.label} ({_budget(s.min_seconds, s.max_seconds)})" for s in data.situations)
    custom = f"    {BOX} {data.custom.label} : ______" if data.custom else ""
    result.append(nodes.paragraph(text=f"Situation : {situations}{custom}"))
    result.append(nodes.paragraph(text="Territoire : " + "    ".join(f"{BOX} {t.label}" for t in data.territories)))
    result.append(nodes.paragraph(text="Élu rencontré (nom, fonction, ce qu'il peut décider) : "
                                       "________________________________________________"))
    return result


def _writer_nodes(data: PitchData) -> list[nodes.Node]:
    result: list[nodes.Node] = [nodes.rubric(text="Ma prise de parole, élément par élément")]
    rows = [[[nodes.paragraph("", "", nodes.strong(text=item.label))], item.looks_for, ""] for item in data.structure]
    result.append(_table(["Élément", "Ce qu'on y met", "Ce que je dirai"], rows, [18, 37, 45]))
    if data.rate:
        rate = data.rate
        result.append(nodes.rubric(text="Combien de mots pour combien de temps ?"))
        rows = []
        for s in data.situations:
            low, high = (round(s.min_seconds * rate.words_per_minute / 60), round(s.max_seconds * rate.words_per_minute / 60))
            rows.append([s.label, _budget(s.min_seconds, s.max_seconds),
                         f"≈ {high} mots" if low == high else f"≈ {low} à {high} mots"])
        for seconds in (60, 90):
            rows.append(["Repère", _budget(seconds, seconds), f"≈ {round(seconds * rate.words_per_minute / 60)} mots"])
        result.append(_table(["Situation", "Temps de parole", f"Nombre de mots à {rate.words_per_minute} mots/min"],
                             rows, [40, 25, 35]))
        result.append(nodes.paragraph("", "", nodes.Text(f"{rate.note} Source : "),
                                      nodes.reference("", rate.source.title, refuri=rate.source.url),
                                      nodes.Text(f" (consulté le {rate.source.date}).")))
        result.append(nodes.paragraph(text="Mon temps à voix haute, chronométré : 1er essai ______   "
                                           "2e essai ______   3e essai ______"))
    return result


def _objection_nodes(data: PitchData) -> list[nodes.Node]:
    result: list[nodes.Node] = [
        nodes.rubric(text="Cartes objections"),
        nodes.paragraph(text="Découpez les cartes. À deux, l'un lit l'objection, l'autre répond ; puis lisez les "
                             "conseils au dos ensemble."),
    ]
    for objection in data.objections:
        card = nodes.container(classes=["kaart-pitch-print-card"])
        card += nodes.paragraph("", "", nodes.strong(text=f"« {objection.objection} »"))
        for key, label in MOVES:
            card += paragraph(objection.advice[key], nodes.strong(text=f"{label} : "))
        result.append(card)
    return result


def _grid_nodes(data: PitchData) -> list[nodes.Node]:
    grid = data.grid
    result: list[nodes.Node] = [nodes.rubric(text=grid.title), nodes.paragraph(text=grid.intro)]
    rows = []
    for section in grid.sections:
        rows.append([[nodes.paragraph("", "", nodes.strong(text=section.title))], *[[nodes.paragraph()] for _ in grid.scale]])
        rows.extend([criterion.text, *[BOX for _ in grid.scale]] for criterion in section.criteria)
    width = 60 // len(grid.scale)
    result.append(_table(["Critère", *grid.scale], rows, [40, *[width] * len(grid.scale)]))
    result.append(nodes.paragraph(text="Ce que je garde, ce que je change : "
                                       "__________________________________________________"))
    return result


def print_form(data: PitchData, part: str = "all") -> nodes.container:
    """The worksheet that stands for the studio (or one part of it) on paper."""
    sections = PART_SECTIONS[part]
    form = nodes.container(classes=["kaart-pitch-print"])
    form += nodes.rubric(text="Fiche de préparation : ma prise de parole devant un élu")
    if "scene" in sections:
        form.extend(_scene_nodes(data))
    if "writer" in sections or "timer" in sections:
        form.extend(_writer_nodes(data))
    if "objections" in sections:
        form.extend(_objection_nodes(data))
    if "grid" in sections and data.grid:
        form.extend(_grid_nodes(data))
    return form


class PitchDirective(SphinxDirective):
    option_spec = {"part": lambda value: directives.choice(value, pitch.PARTS)}

    def run(self) -> list[nodes.Node]:
        part = self.options.get("part", "all")
        try:
            data = pitch.load_data()
        except pitch.PitchDataError as error:
            raise self.error(f"données du studio de présentation invalides :\n{error}") from error
        for path in data.paths:
            self.env.note_dependency(str(path))
        return [nodes.raw("", mount_html("pitch", data.to_state(part), pitch.anchor(part)), format="html")]


def _validate_data(app: Sphinx) -> None:
    problems, set_aside = pitch.check()
    for problem in problems:
        logger.warning("studio : %s: %s: %s", problem.item, problem.field, problem.message,
                       location=f"{problem.path}:{problem.line}", type="kaart", subtype="pitch")
    for name, count in set_aside.items():
        logger.warning("studio : %s : %d élément(s) écarté(s), inutilisable(s) en l'état", name, count,
                       type="kaart", subtype="pitch")


def _printed(state: dict) -> list[nodes.Node]:
    return [print_form(pitch.load_data(), state.get("part", "all"))]


def setup(app: Sphinx) -> dict:
    app.setup_extension("kaart_course.sphinxext.widgets")
    widgets.register_print_form("pitch", _printed)
    app.add_directive("kaart-pitch", PitchDirective)
    app.connect("builder-inited", _validate_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
