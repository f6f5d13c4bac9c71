"""Quiz directives: ``{kaart-quiz}`` (a bank on a page), ``{kaart-quiz-answers}`` (printed answer keys)
and ``{kaart-progression}`` (every quiz of the course with the reader's saved score).

On the site a quiz is the browser module mounted from its state; in print (the browser's print, the PDF
guide) it becomes a questionnaire whose answers and explanations sit in the answer-key appendix.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from kaart_course import quiz
from kaart_course._widget import mount_html
from kaart_course.sphinxext import widgets
from kaart_course.sphinxext._inline import paragraph

logger = logging.getLogger(__name__)
BOX = "☐"


def print_form(bank: quiz.Bank) -> nodes.container:
    """The bank as a printed questionnaire (no answers: they are in the appendix)."""
    form = nodes.container(classes=["kaart-quiz-print"])
    form += nodes.rubric(text=bank.title)
    form += nodes.paragraph(text="Répondez sur cette feuille ; les réponses commentées sont dans l'annexe "
                                 "« Corrigés des quiz ».")
    questions = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for question in bank.questions:
        item = nodes.list_item()
        item += paragraph(question.prompt, nodes.Text(""), classes=["kaart-print-prompt"])
        item[-1] += nodes.emphasis(text=f" ({quiz.TYPE_LABELS[question.type]})")
        if question.type in ("single", "multiple", "ordering"):
            choices = nodes.bullet_list(classes=["kaart-print-choices"])
            for choice in question.options:
                marker = "___ " if question.type == "ordering" else f"{BOX} "
                choices += nodes.list_item("", paragraph(choice.text, nodes.Text(marker)))
            if question.type == "ordering":
                item += nodes.paragraph(text="Numérotez les étapes dans l'ordre :")
            item += choices
        elif question.type == "true-false":
            item += nodes.paragraph(text=f"{BOX} Vrai    {BOX} Faux")
        else:
            item += nodes.paragraph(text=f"Votre réponse : ____________ {question.unit}".rstrip())
        questions += item
    form += questions
    return form


def answer_key(bank: quiz.Bank) -> list[nodes.Node]:
    """The bank's answers with explanations and sources, for the appendix."""
    result: list[nodes.Node] = [nodes.rubric(text=bank.title)]
    answers = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for question in bank.questions:
        item = nodes.list_item()
        item += nodes.paragraph("", "", nodes.strong(text="Réponse : "), nodes.Text(question.correct_text()))
        item += paragraph(question.explanation)
        if question.source:
            source = question.source
            item += nodes.paragraph("", "", nodes.Text("Source : "),
                                    nodes.reference("", source.title, refuri=source.url),
                                    nodes.Text(f" ({source.date})."), classes=["kaart-print-source"])
        answers += item
    result.append(answers)
    return result


def _load(directive: SphinxDirective, name: str) -> quiz.Bank:
    try:
        return quiz.load_bank(name)
    except quiz.BankError as error:
        raise directive.error(f"banque de quiz « {name} » invalide :\n{error}") from error


class QuizDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        bank = _load(self, self.arguments[0])
        self.env.note_dependency(str(bank.path))
        # The print form is added beside it by kaart_course.sphinxext.widgets, as for notebook outputs.
        return [nodes.raw("", mount_html("quiz", bank.to_state(), quiz.anchor(bank.id)), format="html")]


class AnswersDirective(SphinxDirective):
    optional_arguments = 50

    def run(self) -> list[nodes.Node]:
        names = self.arguments or [path.stem for path in quiz.bank_paths()]
        result: list[nodes.Node] = []
        for name in names:
            bank = _load(self, name)
            self.env.note_dependency(str(bank.path))
            result.extend(answer_key(bank))
        return result


class progress_placeholder(nodes.General, nodes.Element):
    """Replaced once every page is read, when the page of each quiz is known."""


class ProgressDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        for path in quiz.bank_paths():
            self.env.note_dependency(str(path))
        return [progress_placeholder()]


def _resolve_progress(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    pages = getattr(app.env, "kaart_quiz_pages", {})
    for placeholder in list(doctree.findall(progress_placeholder)):
        entries, listing = [], nodes.bullet_list()
        for path in quiz.bank_paths():
            bank = quiz.load_bank(path)
            page = pages.get(bank.id)
            href = ""
            if page and app.builder.format == "html":
                href = app.builder.get_relative_uri(docname, page) + "#" + quiz.anchor(bank.id)
            entries.append({"bank": bank.id, "title": bank.title, "href": href, "total": len(bank.questions)})
            listing += nodes.list_item("", nodes.paragraph(text=f"{bank.title} — {len(bank.questions)} questions"))
        placeholder.replace_self(nodes.raw("", mount_html("quiz", {"progress": entries}), format="html"))


_QUIZ_ANCHOR = re.compile(r'data-kaart-widget="quiz" id="quiz-([a-z0-9-]+)"')


def _note_quiz_pages(app: Sphinx, doctree: nodes.document) -> None:
    """Remember the page of each quiz, whether shown by the directive or by a notebook's show()."""
    pages = app.env.__dict__.setdefault("kaart_quiz_pages", {})
    for raw in doctree.findall(nodes.raw):
        for bank_id in _QUIZ_ANCHOR.findall(raw.astext()):
            pages[bank_id] = app.env.docname


def _printed(state: dict) -> list[nodes.Node]:
    if "progress" in state:
        listing = nodes.bullet_list()
        for entry in state["progress"]:
            listing += nodes.list_item("", nodes.paragraph(text=f"{entry['title']} — {entry['total']} questions"))
        return [nodes.paragraph(text="Les quiz du cours :"), listing]
    return [print_form(quiz.load_bank(state["bank"]))]


def _validate_banks(app: Sphinx) -> None:
    for problem in quiz.check_banks():
        logger.warning("quiz : %s: %s: %s", problem.item, problem.field, problem.message,
                       location=(str(problem.path), problem.line), type="kaart", subtype="quiz")


def _check_every_bank_shown(app: Sphinx, env) -> None:
    pages = getattr(env, "kaart_quiz_pages", {})
    for path in quiz.bank_paths():
        if path.stem not in pages:
            logger.warning("quiz : la banque %s n'est affichée sur aucune page ({kaart-quiz} %s)",
                           path.name, path.stem, type="kaart", subtype="quiz")


def _purge(app: Sphinx, env, docname: str) -> None:
    pages = getattr(env, "kaart_quiz_pages", {})
    for bank in [b for b, page in pages.items() if page == docname]:
        del pages[bank]


def _merge(app: Sphinx, env, docnames, other) -> None:
    env.__dict__.setdefault("kaart_quiz_pages", {}).update(getattr(other, "kaart_quiz_pages", {}))


def setup(app: Sphinx) -> None:
    app.add_directive("kaart-quiz", QuizDirective)
    app.add_directive("kaart-quiz-answers", AnswersDirective)
    app.add_directive("kaart-progression", ProgressDirective)
    app.add_node(progress_placeholder)
    app.setup_extension("kaart_course.sphinxext.widgets")
    widgets.register_print_form("quiz", _printed)
    app.connect("builder-inited", _validate_banks)
    app.connect("doctree-read", _note_quiz_pages)
    app.connect("env-check-consistency", _check_every_bank_shown)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("doctree-resolved", _resolve_progress)
