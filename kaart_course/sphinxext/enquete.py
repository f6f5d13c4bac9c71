"""The survey form in the book: its print form, and the ``{kaart-enquete}`` directive.

On the site the form is the browser module mounted from its state (kaart_course/survey/form.py); on paper
(the browser's print, the PDF guide, the A4 form kaart_course/survey/printable.py) it is the questionnaire
to fill in by hand, drawn from the same state: boxes to tick, cases for codes, lines to write on, each
condition said in words, and the two consents framed apart from the other questions.

```{kaart-enquete}
```
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from kaart_course.survey import QUESTIONNAIRE_PATH, QuestionnaireError, load_questionnaire
from kaart_course.survey.form import ANCHOR, form_state
from kaart_course.sphinxext import widgets
from kaart_course.sphinxext._table import table

ONE, SEVERAL, CASE = "○", "☐", "☐"
GAP = "\u2003"  # an em space: spaces in a row would collapse into one in HTML
LINE = "_" * 58
CODE_CASES = {"insee": (5,), "siren": (3, 3, 3)}
LINES_PER_CHARACTERS = 100  # one line to write on per 100 characters allowed


def _text(text: str, classes: list[str] | None = None) -> nodes.paragraph:
    return nodes.paragraph(text=text, classes=classes or [])


def _cases(groups: tuple[int, ...]) -> str:
    return f" {GAP}".join(" ".join(CASE for _ in range(size)) for size in groups)


def _answer_area(question: dict) -> list[nodes.Node]:
    """Where the answer is written or ticked."""
    kind = question["type"]
    if kind in ("single", "multiple"):
        mark = SEVERAL if kind == "multiple" else ONE
        choices = nodes.bullet_list(classes=["kaart-print-choices"])
        for choice in question["choices"]:
            choices += nodes.list_item("", _text(f"{mark} {choice['label']}"))
        return [choices]
    if kind == "scale":
        values = range(question["min"], question["max"] + 1)
        return [_text(GAP.join(f"{ONE} {value}" for value in values), ["kaart-enquete-print-scale"]),
                _text(f"{question['min']} : {question['minLabel']} ; {question['max']} : {question['maxLabel']}.",
                      ["kaart-enquete-print-legend"])]
    if kind in CODE_CASES:
        return [_text(_cases(CODE_CASES[kind]), ["kaart-enquete-print-cases"])]
    if kind == "date":
        return [_text(f"Le {_cases((2,))} / {_cases((2,))} / {_cases((4,))}", ["kaart-enquete-print-cases"])]
    if kind == "number":
        return [_text(f"Nombre : {'_' * 12}  (de {question['min']} à {question['max']})")]
    lines = max(2, -(-(question["maxLength"] or 200) // LINES_PER_CHARACTERS))
    return [_text(LINE, ["kaart-enquete-print-line"]) for _ in range(lines)]


def _question(question: dict) -> list[nodes.Node]:
    title = nodes.paragraph(classes=["kaart-enquete-print-label"])
    title += nodes.strong(text=f"{question['number']}. ")
    title += nodes.Text(question["label"])
    if question["required"]:
        title += nodes.Text(" *")
    result: list[nodes.Node] = [title]
    if question["when"]:
        result.append(nodes.paragraph("", "", nodes.emphasis(text=f"Seulement si {question['when']}.")))
    if question["hint"]:
        result.append(_text(question["hint"], ["kaart-enquete-print-hint"]))
    if question["type"] == "multiple" and question["maxChoices"]:
        result.append(_text(f"{question['maxChoices']} réponses au plus."))
    return [nodes.container("", *result, *_answer_area(question), classes=["kaart-enquete-print-question"])]


def _consent(question: dict, index: int) -> nodes.table:
    """A consent, framed alone: a one-cell table, bordered on paper, whose header says what is asked."""
    return table([_text(f"Accord n° {index}, à demander à part, sans insister")], [[_question(question)]], [100],
                 ["kaart-enquete-print-consent"])


def print_form(state: dict) -> list[nodes.Node]:
    """The questionnaire on paper, from the form's state."""
    form = nodes.container(classes=["kaart-enquete-print"])
    form += nodes.rubric(text=state["title"])
    form += _text(f"Questionnaire papier, version {state['version']}, environ {state['minutes']} minutes. Une feuille "
                  "par collectivité rencontrée ; saisissez-la ensuite dans le formulaire du site, qui l'exporte pour "
                  "le coordinateur.")
    form += nodes.paragraph("", "", nodes.strong(text="À lire avant la première question : "), nodes.Text(state["notice"]),
                            classes=["kaart-enquete-print-notice"])
    form += _text(f"{ONE} une seule réponse ; {SEVERAL} plusieurs réponses possibles ; * réponse obligatoire. Ne notez "
                  "aucun nom de personne.")
    consents = 0
    for group in state["groups"]:
        heading = group["label"] + (f" (seulement si {group['when']})" if group["when"] else "")
        section = nodes.container(classes=["kaart-enquete-print-group"])
        section += nodes.rubric(text=heading)
        for question in group["questions"]:
            if question["role"] == "consent":
                consents += 1
                section += _consent(question, consents)
            else:
                section.extend(_question(question))
        form += section
    return [form]


class EnqueteDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(QUESTIONNAIRE_PATH))
        try:
            questionnaire = load_questionnaire()
        except QuestionnaireError as error:
            raise self.error(f"questionnaire de l'enquête invalide :\n{error}") from error
        return [widgets.widget_node("enquete", form_state(questionnaire), ANCHOR)]


def setup(app: Sphinx) -> dict:
    app.setup_extension("kaart_course.sphinxext.widgets")
    widgets.register("enquete", print_form)
    app.add_directive("kaart-enquete", EnqueteDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
