"""Quizzes in the book: ``{kaart-quiz} 01-comprendre`` shows a bank, ``{kaart-quiz-answers}`` prints the answer
keys (the « Corrigés » appendix), ``{kaart-progression}`` the reader's saved scores for every bank.

On paper a quiz is a questionnaire without its answers (they are in the appendix), drawn from the same state
as the page's widget, so a bank shown by a notebook's ``kaart_course.quiz.show()`` prints alike.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from kaart_course import quiz
from kaart_course._quiz_types import TYPES
from kaart_course.sphinxext import widgets
from kaart_course.sphinxext._inline import paragraph

logger = logging.getLogger(__name__)


def print_form(state: dict) -> list[nodes.Node]:
    """The bank as a printed questionnaire (no answers: they are in the appendix)."""
    form = nodes.container(classes=["kaart-quiz-print"])
    form += nodes.rubric(text=state["title"])
    form += nodes.paragraph(text="Répondez sur cette feuille ; les réponses commentées sont dans l'annexe "
                                 "« Corrigés des quiz ».")
    questions = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for question in state["questions"]:
        paper = TYPES[question["type"]].paper(question)
        item = nodes.list_item()
        item += paragraph(question["prompt"], classes=["kaart-print-prompt"])
        item[-1] += nodes.emphasis(text=f" ({question['typeLabel']})")
        if paper.instruction:
            item += nodes.paragraph(text=paper.instruction)
        if paper.choices:
            choices = nodes.bullet_list(classes=["kaart-print-choices"])
            for choice in paper.choices:
                choices += nodes.list_item("", paragraph(choice, nodes.Text(f"{paper.marker} ")))
            item += choices
        if paper.line:
            item += nodes.paragraph(text=paper.line)
        questions += item
    form += questions
    return [form]


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
                                    nodes.reference("", source["title"], refuri=source["url"]),
                                    nodes.Text(f" ({source['dateText']})."), classes=["kaart-print-source"])
        answers += item
    result.append(answers)
    return result


def progress_print_form(state: dict) -> list[nodes.Node]:
    listing = nodes.bullet_list()
    for entry in state["banks"]:
        listing += nodes.list_item("", nodes.paragraph(text=f"{entry['title']} — {entry['total']} questions"))
    return [nodes.paragraph(text="Les quiz du cours :"), listing]


def _load(directive: SphinxDirective, name: str) -> quiz.Bank:
    try:
        bank = quiz.load_bank(name)
    except quiz.BankError as error:
        raise directive.error(f"banque de quiz « {name} » invalide :\n{error}") from error
    directive.env.note_dependency(str(bank.path))
    return bank


class QuizDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        bank = _load(self, self.arguments[0])
        return [widgets.widget_node("quiz", bank.to_state(), quiz.anchor(bank.id))]


class AnswersDirective(SphinxDirective):
    optional_arguments = 50

    def run(self) -> list[nodes.Node]:
        names = self.arguments or [path.stem for path in quiz.bank_paths()]
        return [node for name in names for node in answer_key(_load(self, name))]


class progress_placeholder(nodes.General, nodes.Element):
    """Becomes the « progression » widget once every page is read, when the page of each quiz is known."""


class ProgressDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        for path in quiz.bank_paths():
            self.env.note_dependency(str(path))
        return [progress_placeholder()]


class ResolveProgress(SphinxPostTransform):
    default_priority = 100  # before widgets.RenderWidgets draws the widget

    def run(self, **kwargs) -> None:
        pages = getattr(self.env, "kaart_quiz_pages", {})
        for placeholder in list(self.document.findall(progress_placeholder)):
            banks = []
            for path in quiz.bank_paths():
                bank = quiz.load_bank(path)
                page, href = pages.get(bank.id), ""
                if page and self.app.builder.format == "html":
                    href = self.app.builder.get_relative_uri(self.env.docname, page) + "#" + quiz.anchor(bank.id)
                banks.append({"bank": bank.id, "title": bank.title, "href": href, "total": len(bank.questions)})
            placeholder.replace_self(widgets.widget_node("progression", {"banks": banks}))


def _note_quiz_pages(app: Sphinx, doctree: nodes.document) -> None:
    """Remember the page of each quiz, whether shown by the directive or by a notebook's show()."""
    pages = app.env.__dict__.setdefault("kaart_quiz_pages", {})
    for node in doctree.findall(widgets.widget):
        if node["module"] == "quiz":
            pages[node["state"]["bank"]] = app.env.docname


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
    app.setup_extension("kaart_course.sphinxext.widgets")
    widgets.register("quiz", print_form)
    widgets.register("progression", progress_print_form)
    app.add_directive("kaart-quiz", QuizDirective)
    app.add_directive("kaart-quiz-answers", AnswersDirective)
    app.add_directive("kaart-progression", ProgressDirective)
    app.add_node(progress_placeholder)
    app.add_post_transform(ResolveProgress)
    app.connect("doctree-read", _note_quiz_pages)
    app.connect("env-check-consistency", _check_every_bank_shown)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
