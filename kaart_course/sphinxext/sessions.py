"""The « Guide du formateur » drawn from ``data/formation/seances.yml``: ``{kaart-cycle}`` (the ten sessions at a
glance), ``{kaart-seance} N`` with ``:part:`` (one piece of a session's page: its objectives, what to prepare,
the projection view, the timed sequence, the variants, the trainer notes, the homework, what to keep in mind,
its printables) and ``{kaart-imprimable} ID`` (a printable of the cycle).

The trainer notes written in learner pages (``{formateur}`` blocks) are gathered when each page is read and
shown on the page of every session that uses that page: they are written once, where they belong.

A trainer page shows the titles (and notes) of learner pages: it notes their source files as dependencies, so
that Sphinx reads it again when one of them changes, and only then.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from kaart_course import quiz, sessions
from kaart_course._markdown import plain_text
from kaart_course.course_plan import course_plan
from kaart_course.paths import REPO_ROOT
from kaart_course.sphinxext import widgets
from kaart_course.sphinxext._inline import inline_nodes, paragraph
from kaart_course.sphinxext._table import table

PARTS = ("objectifs", "avant", "projection", "deroule", "variantes", "notes", "devoirs", "retenir", "imprimables")
SESSIONS_FOLDER = "modules/08-formateur/03-seances"
NOTES_KEY = "kaart_trainer_notes"


def session_docname(number: int) -> str:
    return f"{SESSIONS_FOLDER}/seance-{number:02d}"


def _titles() -> dict[str, str]:
    return dict(_titles_of(tuple(sorted((str(p), p.stat().st_mtime) for p in (REPO_ROOT / "modules").rglob("*.md")))))


@lru_cache(maxsize=2)
def _titles_of(stamp: tuple) -> tuple[tuple[str, str], ...]:
    # Read once per build (the plan parses every page); read again when a page changes.
    return tuple((page.docname, page.title.replace("'", "’")) for page in course_plan())


def doc_link(docname: str, title: str, refdoc: str) -> addnodes.pending_xref:
    """A link to a page of the book, resolved by Sphinx like ``{doc}`` (a warning if the page is gone)."""
    ref = addnodes.pending_xref("", nodes.inline(text=title), refdomain="std", reftype="doc",
                                reftarget=f"/{docname}", refexplicit=True, refwarn=True, refdoc=refdoc)
    return ref


class quiz_link(nodes.General, nodes.Inline, nodes.Element):
    """A link to the page of a quiz bank, known only once every page is read."""


def _bullets(items: list[list[nodes.Node]], classes: list[str] | None = None) -> nodes.bullet_list:
    listing = nodes.bullet_list(classes=classes or [])
    for item in items:
        listing += nodes.list_item("", nodes.paragraph("", "", *item))
    return listing


def _clock(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}\u00a0h\u00a0{rest:02d}"


class _SessionDirective(SphinxDirective):
    def cycle(self) -> sessions.Cycle:
        try:
            cycle = sessions.load_cycle()
        except sessions.SessionError as error:
            raise self.error(f"séances du cycle invalides :\n{error}") from error
        self.env.note_dependency(str(sessions.SESSIONS_PATH))
        return cycle

    def depend_on_pages(self, docnames) -> None:
        """This page shows the titles or notes of ``docnames``: read it again when one of them is edited."""
        for docname in docnames:
            if docname in self.env.found_docs:
                self.env.note_dependency(str(self.env.doc2path(docname)))

    def material_nodes(self, material: sessions.Material, cycle: sessions.Cycle, titles: dict) -> list[nodes.Node]:
        if material.kind in ("page", "exercise"):
            return [doc_link(material.ref, titles[material.ref], self.env.docname)]
        if material.kind == "quiz":
            bank = quiz.load_bank(material.ref)
            return [quiz_link("", nodes.Text(f"{bank.title} (mode formateur)"), bank=material.ref)]
        printable = cycle.printables[material.ref]
        number = self.env.metadata[self.env.docname].get("kaart_session")
        if material.ref in SESSION_PRINTABLES and number:
            # The session's own sheet, at the foot of this page.
            return [nodes.reference("", printable.title, refid=f"imprimable-{material.ref}-{number}")]
        return [doc_link("modules/08-formateur/07-imprimables", printable.title, self.env.docname)]


class CycleDirective(_SessionDirective):
    """The ten sessions at a glance: number, theme (a link to its page), duration, quiz."""

    def run(self) -> list[nodes.Node]:
        cycle = self.cycle()
        self.depend_on_pages(doc for session in cycle.sessions for doc in session.prerequisites)
        titles = _titles()
        rows = []
        for session in cycle.sessions:
            before = [doc_link(doc, titles[doc], self.env.docname) for doc in session.prerequisites]
            before_nodes: list[nodes.Node] = []
            for index, link in enumerate(before):
                before_nodes += [nodes.Text(" ; ")] if index else []
                before_nodes.append(link)
            rows.append([
                str(session.number),
                nodes.paragraph("", "", doc_link(session_docname(session.number), session.title, self.env.docname)),
                sessions.format_minutes(session.duration),
                nodes.paragraph("", "", *(before_nodes or [nodes.Text("—")])),
            ])
        return [table(["Séance", "Thème", "Durée", "À lire avant"], rows, [9, 49, 11, 31], ["kaart-cycle"])]


class CalendarDirective(_SessionDirective):
    """``{kaart-calendrier}``: the form that gives the cycle's ten dates and its .ics file."""

    def run(self) -> list[nodes.Node]:
        cycle = self.cycle()
        self.depend_on_pages(doc for session in cycle.sessions for doc in session.prerequisites)
        return [widgets.widget_node("calendrier", sessions.calendar_state(cycle, _titles()), "calendrier")]


def calendar_print_form(state: dict) -> list[nodes.Node]:
    rows = [[str(s["number"]), s["title"], "", ""] for s in state["sessions"]]
    return [nodes.paragraph(text="Les dates du cycle, à remplir :"),
            _grid(["Séance", "Thème", "Date", "Heure"], rows, [10, 56, 20, 14], ["kaart-printable-grid"])]


class SessionDirective(_SessionDirective):
    required_arguments = 1
    option_spec = {"part": lambda value: directives.choice(value, PARTS)}

    def run(self) -> list[nodes.Node]:
        cycle = self.cycle()
        try:
            session = cycle.session(int(self.arguments[0]))
        except (KeyError, ValueError) as error:
            raise self.error(f"{{kaart-seance}} : {error}") from error
        part = self.options.get("part", "deroule")
        self.env.metadata[self.env.docname]["kaart_session"] = session.number
        self.depend_on_pages(session.pages())
        return getattr(self, f"_{part}")(session, cycle)

    def _objectifs(self, session, cycle) -> list[nodes.Node]:
        intro = nodes.paragraph(text=f"Animer la séance {session.number} ({sessions.format_minutes(session.duration)}, "
                                     "pause comprise). À la fin, les participants savent :")
        return [intro, _bullets([[nodes.Text(text)] for _, text in session.objectives])]

    def _avant(self, session, cycle) -> list[nodes.Node]:
        titles = _titles()
        result: list[nodes.Node] = []
        if session.prerequisites:
            result.append(nodes.paragraph(text="Les participants lisent avant la séance :"))
            result.append(_bullets([[doc_link(doc, titles[doc], self.env.docname)] for doc in session.prerequisites]))
        else:
            result.append(nodes.paragraph(text="Aucune lecture n'est demandée avant cette séance."))
        seen, used = set(), []
        for step in session.steps:
            for material in step.material:
                if material not in seen:
                    seen.add(material)
                    used.append(material)
        result.append(nodes.paragraph(text="Le matériel de la séance, dans l'ordre où il sert :"))
        result.append(_bullets([self.material_nodes(m, cycle, titles) for m in used]))
        return result

    def _projection(self, session, cycle) -> list[nodes.Node]:
        state = sessions.projection_state(session, cycle, _titles())
        for bank in session.quizzes():
            self.env.note_dependency(str(quiz.bank_path(bank)))
        return [widgets.widget_node("projection", state, "projeter")]

    def _deroule(self, session, cycle) -> list[nodes.Node]:
        titles = _titles()
        rows, start = [], 0
        for step in session.steps:
            support = [nodes.paragraph("", "", *self.material_nodes(m, cycle, titles)) for m in step.material]
            rows.append([
                [nodes.paragraph(text=f"{_clock(start)} – {_clock(start + step.minutes)}"),
                 nodes.paragraph(text=f"{step.minutes} min", classes=["kaart-session-minutes"])],
                nodes.paragraph("", "", nodes.strong(text=step.title)),
                paragraph(step.trainer),
                paragraph(step.participants),
                support or [nodes.paragraph(text="—")],
            ])
            start += step.minutes
        return [table(["Horaire", "Étape", "Le formateur", "Les participants", "Support"], rows, [12, 18, 26, 24, 20],
                      ["kaart-session-steps"])]

    def _variantes(self, session, cycle) -> list[nodes.Node]:
        listing = nodes.definition_list(classes=["kaart-session-variants"])
        for key, label in (("room", "En salle"), ("video", "En visio")):
            listing += nodes.definition_list_item("", nodes.term(text=label),
                                                  nodes.definition("", paragraph(session.variants[key])))
        return [listing]

    def _notes(self, session, cycle) -> list[nodes.Node]:
        result: list[nodes.Node] = [nodes.rubric(text="Les questions qui reviennent")]
        questions = nodes.definition_list(classes=["kaart-session-questions"])
        for question, answer in session.questions:
            questions += nodes.definition_list_item("", nodes.term("", "", *inline_nodes(question)),
                                                    nodes.definition("", paragraph(answer)))
        result.append(questions)
        result.append(nodes.rubric(text="Un participant qui domine ou qui conteste"))
        result.append(paragraph(session.dynamics))
        result.append(trainer_notes_placeholder("", pages=session.pages()))
        return result

    def _devoirs(self, session, cycle) -> list[nodes.Node]:
        return [nodes.paragraph(text="Avant la séance suivante, les participants :"),
                _bullets([inline_nodes(item) for item in session.homework])]

    def _imprimables(self, session, cycle) -> list[nodes.Node]:
        return [printable_nodes(kind, cycle, session) for kind in SESSION_PRINTABLES]

    def _retenir(self, session, cycle) -> list[nodes.Node]:
        return [_bullets([inline_nodes(item) for item in session.pitfalls])]


class trainer_notes_placeholder(nodes.General, nodes.Element):
    """Becomes the {formateur} notes of the learner pages a session uses, once every page is read."""


def _gather_notes(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    if docname.startswith("modules/08-formateur/"):
        return
    notes = [node.deepcopy() for node in doctree.findall(nodes.admonition)
             if "kaart-formateur" in node.get("classes", [])]
    store = app.env.__dict__.setdefault(NOTES_KEY, {})
    if notes:
        store[docname] = notes
    else:
        store.pop(docname, None)


class ResolveSessionLinks(SphinxPostTransform):
    """Quiz links and gathered trainer notes, before references are resolved (priority < 10)."""

    default_priority = 5

    def run(self, **kwargs) -> None:
        pages = getattr(self.env, "kaart_quiz_pages", {})
        for node in list(self.document.findall(quiz_link)):
            page = pages.get(node["bank"])
            if page is None:
                node.replace_self(nodes.inline("", "", *node.children))
                continue
            node.replace_self(doc_link(page, node.astext(), self.env.docname))
        store = getattr(self.env, NOTES_KEY, {})
        titles = None
        for placeholder in list(self.document.findall(trainer_notes_placeholder)):
            titles = titles or _titles()
            gathered: list[nodes.Node] = []
            for page in placeholder["pages"]:
                for note in store.get(page, []):
                    if not gathered:
                        gathered.append(nodes.rubric(text="Les notes pour le formateur des pages utilisées"))
                    copied = note.deepcopy()
                    copied["classes"] = [c for c in copied["classes"] if c != "dropdown"]
                    title = copied.next_node(nodes.title)
                    if title is not None:
                        title.replace_self(nodes.title("", "", nodes.Text("Note de la page « "),
                                                       doc_link(page, titles[page], self.env.docname),
                                                       nodes.Text(" »")))
                    gathered.append(copied)
            placeholder.replace_self(gathered)


def _quiz_pages_moved(app: Sphinx, env) -> list[str]:
    # Quiz links are resolved when pages are written: if a quiz moved to another page, write the trainer's
    # pages again (their sources did not change).
    pages = dict(getattr(env, "kaart_quiz_pages", {}))
    if pages == getattr(env, "kaart_quiz_pages_linked", None):
        return []
    env.kaart_quiz_pages_linked = pages
    return [doc for doc in env.found_docs if doc.startswith("modules/08-formateur/")]


def _purge(app: Sphinx, env, docname: str) -> None:
    env.__dict__.setdefault(NOTES_KEY, {}).pop(docname, None)


def _merge(app: Sphinx, env, docnames, other) -> None:
    env.__dict__.setdefault(NOTES_KEY, {}).update(getattr(other, NOTES_KEY, {}))


def projection_print_form(state: dict) -> list[nodes.Node]:
    return [nodes.paragraph(text=f"Vue de projection de la séance {state['session']} :", classes=["kaart-qr-label"]),
            nodes.paragraph(text=f"Projeter la séance {state['session']} : ouvrez cette page sur l'ordinateur relié "
                                 "au projecteur, puis « Projeter la séance » ; une étape par écran, les flèches pour "
                                 "avancer, F pour le plein écran.")]


def setup(app: Sphinx) -> dict:
    app.setup_extension("kaart_course.sphinxext.widgets")
    widgets.register("projection", projection_print_form)
    widgets.register("calendrier", calendar_print_form)
    app.add_node(quiz_link)
    app.add_node(trainer_notes_placeholder)
    app.add_node(printable_download)
    app.connect("doctree-resolved", _resolve_downloads)
    app.add_directive("kaart-retours-xlsform", FeedbackXlsformDirective)
    app.connect("build-finished", _write_feedback_xlsform)
    app.add_directive("kaart-cycle", CycleDirective)
    app.add_directive("kaart-seance", SessionDirective)
    app.add_directive("kaart-imprimable", PrintableDirective)
    app.add_directive("kaart-calendrier", CalendarDirective)
    app.add_post_transform(ResolveSessionLinks)
    app.connect("doctree-read", _gather_notes)
    app.connect("env-get-updated", _quiz_pages_moved)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# ---------------------------------------------------------------------------------------------------
# Printables: each an A4 page in the trainer's guide (class kaart-printable starts a new page in print).


def _lines(count: int, classes: str = "kaart-printable-line") -> list[nodes.Node]:
    return [nodes.paragraph(text="\u00a0", classes=[classes]) for _ in range(count)]


def _grid(headers: list[str], rows: list[list[str]], widths: list[int], classes: list[str]) -> nodes.table:
    """A printable's grid: an empty cell keeps its height, room to write."""
    return table(headers, rows, widths, classes, blank="\u00a0")


def run_sheet(session: sessions.Session, cycle: sessions.Cycle, titles: dict) -> list[nodes.Node]:
    rows, start = [], 0
    for step in session.steps:
        support = ", ".join(_material_text(m, cycle, titles) for m in step.material) or "—"
        rows.append([f"{_clock(start)} – {_clock(start + step.minutes)}", step.title, support, ""])
        start += step.minutes
    result: list[nodes.Node] = [
        nodes.paragraph(text=f"Durée : {sessions.format_minutes(session.duration)}, pause comprise. Heure de début : "
                             "______  Participants présents : ______"),
        _grid(["Horaire", "Étape", "Support", "Fait ✓"], rows, [16, 30, 44, 10], ["kaart-printable-grid"]),
        nodes.rubric(text="Points de vigilance"),
        _bullets([inline_nodes(item) for item in session.pitfalls]),
        nodes.rubric(text="Après la séance : ce qui a marché, ce que je changerais"),
        *_lines(4),
    ]
    return result


def handout(session: sessions.Session, cycle: sessions.Cycle, titles: dict) -> list[nodes.Node]:
    following = next((s for s in cycle.sessions if s.number == session.number + 1), None)
    result: list[nodes.Node] = [nodes.rubric(text="Ce que nous avons travaillé"),
                                _bullets([[nodes.Text(text)] for _, text in session.objectives]),
                                nodes.rubric(text="Pour la séance suivante")]
    todo = [inline_nodes(item) for item in session.homework]
    if following is not None:
        todo += [[nodes.Text(f"Lire « {titles[doc]} »")] for doc in following.prerequisites
                 if not any(titles[doc] in sessions_text(item) for item in session.homework)]
    result.append(_bullets(todo))
    result += [nodes.rubric(text="Mes notes"), *_lines(6)]
    result.append(nodes.paragraph(text="Toutes les pages citées sont sur le site du cours, qui fonctionne aussi sans "
                                       "réseau une fois ouvert.", classes=["kaart-printable-note"]))
    return result


def sessions_text(tree: list) -> str:
    return plain_text(tree)


def _material_text(material: sessions.Material, cycle: sessions.Cycle, titles: dict) -> str:
    if material.kind in ("page", "exercise"):
        return titles[material.ref]
    if material.kind == "quiz":
        return quiz.load_bank(material.ref).title + " (mode formateur)"
    return cycle.printables[material.ref].title


def sign_up_sheet(cycle: sessions.Cycle) -> list[nodes.Node]:
    numbers = [str(s.number) for s in cycle.sessions]
    return [
        nodes.paragraph(text="Lieu : ______________________   Formateur : ______________________   "
                             "Dates : du ________ au ________"),
        _grid(["Prénom", "Commune", "Courriel ou téléphone", *numbers], [[""] * (3 + len(numbers))] * 12,
              [16, 16, 28, *([4] * len(numbers))], ["kaart-printable-grid", "kaart-printable-signup"]),
        nodes.paragraph(text="Ces informations servent à organiser ce cycle et à vous prévenir d'un changement, rien "
                             "d'autre. Elles ne sont transmises à personne et la feuille est détruite un mois après "
                             "la dernière séance. Cochez la case de chaque séance suivie.",
                        classes=["kaart-printable-note"]),
    ]


def feedback_form(cycle: sessions.Cycle) -> list[nodes.Node]:
    listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for question in cycle.feedback:
        answers: list[nodes.Node]
        if question.kind == "open":
            answers = _lines(2)
        else:
            labels = {"scale": cycle.scale, "choice": question.choices,
                      "sessions": [str(s.number) for s in cycle.sessions]}[question.kind]
            box = "" if question.kind == "sessions" else "☐ "
            answers = [nodes.paragraph(text="   ".join(f"{box}{label}" for label in labels))]
        text = question.text + (" (entourez les numéros)" if question.kind == "sessions" else "")
        listing += nodes.list_item("", nodes.paragraph(text=text), *answers)
    return [nodes.paragraph(text="Ce questionnaire est anonyme : n'y écrivez ni votre nom ni votre commune. Il sert "
                                 "à améliorer les prochains cycles.", classes=["kaart-printable-note"]), listing]


def certificate(cycle: sessions.Cycle) -> list[nodes.Node]:
    return [
        nodes.paragraph(text="Je soussigné(e) ________________________________, formateur ou formatrice,"),
        nodes.paragraph(text="atteste que ________________________________"),
        nodes.paragraph(text=f"a participé à ____ séances sur {len(cycle.sessions)} du cycle de formation KAART "
                             "« Dialoguer avec ses élus sur la résilience du territoire », qui s'est tenu du "
                             "__________ au __________ à ________________________ (ou en visio)."),
        nodes.paragraph(text="Au cours de ce cycle, la personne s'est exercée à présenter un cahier « Villes et "
                             "territoires résilients » à un élu, à dialoguer et à mener l'enquête du cours."),
        nodes.paragraph(text="Fait à ________________________, le __________.        Signature :"),
        *_lines(3, "kaart-printable-space"),
        nodes.paragraph(text="Cette attestation ne vaut ni diplôme ni mandat : elle dit seulement la participation "
                             "au cycle.", classes=["kaart-printable-note"]),
    ]


def printable_nodes(kind: str, cycle: sessions.Cycle, session: sessions.Session | None = None) -> nodes.container:
    """One printable as it stands on its A4 page: title, then its content."""
    titles = _titles()
    printable = cycle.printables[kind]
    box = nodes.container(classes=["kaart-printable", f"kaart-printable-{kind}"])
    box["ids"].append(f"imprimable-{kind}" + (f"-{session.number}" if session else ""))
    heading = printable.title + (f" — séance {session.number} : {session.title}" if session else "")
    box += nodes.rubric(text=heading, classes=["kaart-printable-title"])
    box += printable_download(name=box["ids"][0].removeprefix("imprimable-") + ".pdf")
    builders = {"feuille-de-route": lambda: run_sheet(session, cycle, titles),
                "fiche-participant": lambda: handout(session, cycle, titles),
                "emargement": lambda: sign_up_sheet(cycle),
                "retours": lambda: feedback_form(cycle),
                "attestation": lambda: certificate(cycle)}
    box.extend(builders[kind]())
    box += nodes.paragraph(text="KAART — Guide du formateur", classes=["kaart-printable-footer"])
    return box


SESSION_PRINTABLES = ("feuille-de-route", "fiche-participant")


class printable_download(nodes.General, nodes.Element):
    """On the site, a link to the printable alone as an A4 PDF (written by ``make pdf`` into formation/);
    nothing in print."""


def _resolve_downloads(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    from sphinx.util.osutil import relative_uri

    from kaart_course.guides import PRINTABLES_FOLDER

    for node in list(doctree.findall(printable_download)):
        if app.builder.format != "html" or app.builder.name == "singlehtml":
            node.replace_self([])
            continue
        href = relative_uri(app.builder.get_target_uri(docname), f"{PRINTABLES_FOLDER}/{node['name']}")
        label = html.escape(node.get("label") or "Télécharger cette page seule (PDF, A4)")
        node.replace_self(nodes.raw("", f'<p class="kaart-printable-download"><a href="{href}" '
                                        f'data-kaart-printable="{node["name"]}">{label}</a></p>', format="html"))


class FeedbackXlsformDirective(_SessionDirective):
    """``{kaart-retours-xlsform}``: a link to the feedback form as an XLSForm, written with the site."""

    def run(self) -> list[nodes.Node]:
        self.cycle()
        return [printable_download(name=sessions.FEEDBACK_XLSFORM,
                                   label="Télécharger le questionnaire de fin de cycle (XLSForm, pour KoboToolbox "
                                         "ou ODK Central)")]


def _write_feedback_xlsform(app: Sphinx, exception) -> None:
    from kaart_course.guides import PRINTABLES_FOLDER

    if exception is not None or app.builder.format != "html" or app.builder.name == "singlehtml":
        return
    sessions.write_feedback_xlsform(sessions.load_cycle(),
                                    Path(app.outdir) / PRINTABLES_FOLDER / sessions.FEEDBACK_XLSFORM)


class PrintableDirective(_SessionDirective):
    """``{kaart-imprimable} emargement``, or ``{kaart-imprimable} feuille-de-route`` with ``:seance: 3``."""

    required_arguments = 1
    option_spec = {"seance": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        cycle = self.cycle()
        kind = self.arguments[0]
        if kind not in cycle.printables:
            raise self.error(f"{{kaart-imprimable}} : imprimable inconnu {kind!r} "
                             f"(attendu : {', '.join(cycle.printables)})")
        session = None
        if kind in SESSION_PRINTABLES:
            if "seance" not in self.options:
                raise self.error(f"{{kaart-imprimable}} {kind} : l'option :seance: est obligatoire")
            session = cycle.session(self.options["seance"])
            self.depend_on_pages(session.pages())
        return [printable_nodes(kind, cycle, session)]
