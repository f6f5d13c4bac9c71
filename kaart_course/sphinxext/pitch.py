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

import functools

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from kaart_course import pitch
from kaart_course._french import format_seconds, format_seconds_range
from kaart_course._pitch_data import words_for
from kaart_course.paths import DATA_DIR
from kaart_course.sphinxext import widgets
from kaart_course.sphinxext._inline import paragraph
from kaart_course.sphinxext._table import table as _table_with

BOX = "☐"

# An empty cell is room to write one's own line.
_table = functools.partial(_table_with, blank_class="kaart-pitch-write")


def _scene_nodes(state: dict) -> list[nodes.Node]:
    result: list[nodes.Node] = [nodes.rubric(text="Ma scène")]
    situations = "    ".join(f"{BOX} {s['label']} ({s['budgetText']})" for s in state["situations"])
    custom = f"    {BOX} {state['custom']['label']} : ______" if state.get("custom") else ""
    result.append(nodes.paragraph(text=f"Situation : {situations}{custom}"))
    result.append(nodes.paragraph(text="Territoire : " + "    ".join(f"{BOX} {t['label']}" for t in state["territories"])))
    result.append(nodes.paragraph(text="Élu rencontré (nom, fonction, ce qu'il peut décider) : "
                                       "________________________________________________"))
    return result


def _step_label(number: int, item: dict) -> list[nodes.Node]:
    return [nodes.paragraph("", "", nodes.strong(text=f"{number}. {item['label']}"))]


def timing_table(state: dict) -> nodes.table:
    """How long each step of the one structure lasts in each situation (— : skipped)."""
    situations = state["situations"]
    rows = [[_step_label(number, item), *[format_seconds(item["seconds"][s["id"]]) if item["seconds"][s["id"]] else "—"
                                          for s in situations]]
            for number, item in enumerate(state["structure"], start=1)]
    rows.append([[nodes.paragraph("", "", nodes.strong(text="En tout"))], *[s["budgetText"] for s in situations]])
    width = 64 // len(situations)
    return _table(["Étape", *[s["label"] for s in situations]], rows, [36, *[width] * len(situations)],
                  classes=["kaart-pitch-timing"])


def steps_table(state: dict, write: bool = False) -> nodes.table:
    """The steps in order with what one says in each; ``write`` adds a column to write one's own line."""
    if write:
        rows = [[_step_label(number, item), item["says"], ""] for number, item in enumerate(state["structure"], start=1)]
        return _table(["Étape", "Ce qu'on y dit", "Ce que je dirai"], rows, [20, 35, 45])
    rows = [[_step_label(number, item), item["says"], item["example"]]
            for number, item in enumerate(state["structure"], start=1)]
    return _table(["Étape", "Ce que vous dites", "Exemple (fictif)"], rows, [22, 36, 42], classes=["kaart-pitch-steps"])


def _writer_nodes(state: dict) -> list[nodes.Node]:
    result: list[nodes.Node] = [nodes.rubric(text="Ma prise de parole, étape par étape")]
    result.append(steps_table(state, write=True))
    result.append(nodes.paragraph(text="Le temps de chaque étape selon la situation :"))
    result.append(timing_table(state))
    rate = state.get("rate")
    if rate:
        result.append(nodes.rubric(text="Combien de mots pour combien de temps ?"))
        rows = []
        for s in state["situations"]:
            low, high = s["words"]
            rows.append([s["label"], s["budgetText"], f"≈ {high} mots" if low == high else f"≈ {low} à {high} mots"])
        for seconds in (60, 90):
            words = words_for(seconds, rate["wordsPerMinute"])
            rows.append(["Repère", format_seconds_range(seconds, seconds), f"≈ {words} mots"])
        result.append(_table(["Situation", "Temps de parole", f"Nombre de mots à {rate['wordsPerMinute']} mots/min"],
                             rows, [40, 25, 35]))
        source = rate["source"]
        result.append(nodes.paragraph("", "", nodes.Text(f"{rate['note']} Source : "),
                                      nodes.reference("", source["title"], refuri=source["url"]),
                                      nodes.Text(f" (consulté le {source['dateText']}).")))
        result.append(nodes.paragraph(text="Mon temps à voix haute, chronométré : 1er essai ______   "
                                           "2e essai ______   3e essai ______"))
    return result


def _objection_nodes(state: dict) -> list[nodes.Node]:
    result: list[nodes.Node] = [
        nodes.rubric(text="Cartes objections"),
        nodes.paragraph(text="Découpez les cartes en suivant les pointillés. À deux, l'un lit l'objection, l'autre "
                             "répond ; puis lisez ensemble les trois conseils de la carte."),
    ]
    # A grid of cards of one size (kaart-pdf.css), each kept whole on its page so that it can be cut out.
    cards = nodes.container(classes=["kaart-print-cards"])
    for objection in state["objections"]:
        card = nodes.container(classes=["kaart-print-card", "kaart-pitch-print-card"])
        card += nodes.paragraph("", "", nodes.strong(text=f"« {objection['objection']} »"))
        for move in state["moves"]:
            card += paragraph(objection["advice"][move["id"]], nodes.strong(text=f"{move['label']} : "))
        cards += card
    result.append(cards)
    return result


def _grid_nodes(state: dict) -> list[nodes.Node]:
    grid = state["grid"]
    result: list[nodes.Node] = [nodes.rubric(text=grid["title"]), nodes.paragraph(text=grid["intro"])]
    rows = []
    for section in grid["sections"]:
        rows.append([[nodes.paragraph("", "", nodes.strong(text=section["title"]))],
                     *[[nodes.paragraph()] for _ in grid["scale"]]])
        rows.extend([criterion["text"], *[BOX for _ in grid["scale"]]] for criterion in section["criteria"])
    width = 60 // len(grid["scale"])
    result.append(_table(["Critère", *grid["scale"]], rows, [40, *[width] * len(grid["scale"])]))
    result.append(nodes.paragraph(text="Ce que je garde, ce que je change : "
                                       "__________________________________________________"))
    return result


def _printed_once(key: str, children: list[nodes.Node]) -> nodes.container:
    """A block the PDF guide prints once, however many pages hold the widget (kaart_course.pdf refers to it
    by page number elsewhere)."""
    return nodes.container("", *children, classes=["kaart-print-once", f"kaart-print-key-{key}"])


def print_form(state: dict) -> list[nodes.Node]:
    """The worksheet that stands for the studio (or the part of it the state shows) on paper."""
    sections = state["sections"]
    form = nodes.container(classes=["kaart-pitch-print"])
    sheet: list[nodes.Node] = []
    if "scene" in sections:
        sheet.extend(_scene_nodes(state))
    if "writer" in sections or "timer" in sections:
        sheet.extend(_writer_nodes(state))
    if sheet:
        form += _printed_once("pitch-fiche", [
            nodes.rubric(text="Fiche de préparation : ma prise de parole devant un élu"), *sheet])
    if "objections" in sections:
        form += _printed_once("pitch-cartes", _objection_nodes(state))
    if "grid" in sections and state.get("grid"):
        form += _printed_once("pitch-grille", _grid_nodes(state))
    return [form]


class TrameDirective(SphinxDirective):
    """``{kaart-pitch-trame}``: the steps of a prise de parole and their durations per situation, from the same
    data as the studio's checklist and the worksheet (``:tableau: etapes``, ``durees`` or ``lignes``)."""

    option_spec = {"tableau": lambda value: directives.choice(value, ("etapes", "durees", "lignes"))}

    def run(self) -> list[nodes.Node]:
        try:
            data = pitch.load_data(_data_dir(self.config))
        except pitch.PitchDataError as error:
            raise self.error(f"données du studio de présentation invalides :\n{error}") from error
        for path in data.paths:
            self.env.note_dependency(str(path))
        state = data.to_state("writer")
        kind = self.options.get("tableau", "etapes")
        if kind == "durees":
            return [timing_table(state)]
        if kind == "lignes":
            items = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", classes=["kaart-pitch-lines"])
            for item in state["structure"]:
                items += nodes.list_item("", nodes.paragraph(text=f"{item['label']} : ………………………………………………"))
            return [items]
        return [steps_table(state)]


class PitchDirective(SphinxDirective):
    option_spec = {"part": lambda value: directives.choice(value, pitch.PARTS)}

    def run(self) -> list[nodes.Node]:
        part = self.options.get("part", "all")
        try:
            data = pitch.load_data(_data_dir(self.config))
        except pitch.PitchDataError as error:
            raise self.error(f"données du studio de présentation invalides :\n{error}") from error
        for path in data.paths:
            self.env.note_dependency(str(path))
        return [widgets.widget_node("pitch", data.to_state(part), pitch.anchor(part))]


def _data_dir(config) -> Path:
    return Path(config.kaart_data_dir) if config.kaart_data_dir else DATA_DIR


def setup(app: Sphinx) -> dict:
    app.setup_extension("kaart_course.sphinxext.widgets")
    if "kaart_data_dir" not in app.config:
        app.add_config_value("kaart_data_dir", "", "env")  # another data/ folder (tests of broken data)
    widgets.register("pitch", print_form)
    app.add_directive("kaart-pitch", PitchDirective)
    app.add_directive("kaart-pitch-trame", TrameDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
