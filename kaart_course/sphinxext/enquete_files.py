"""The survey's files, built with the book and published in the site's ``enquete/`` folder:

- ``kaart-enquete.xlsx``: the XLSForm to deploy in KoboToolbox or ODK Central (``kaart enquete xlsform``);
- ``kaart-enquete-formulaire.pdf``: the paper questionnaire alone, on A4 (kaart_course.survey.printable);
- ``rapport-exemple/rapport-enquete.html`` and ``.pdf``: the synthesis report of 300 fictitious answers (seed 1),
  built exactly as a real one (``kaart_course.survey.sample_synthesis``), marked « données fictives ».

They are written into ``_build/enquete-fichiers/`` the first time a page needs them, rebuilt only when an
input changes (the questionnaire, the survey's code, the figure style, the territory data), and copied into
the site when the HTML build ends — only for a book whose pages use them. A page links to them with
``{kaart-enquete-fichier}`` (a link relative to the page on the site, the published address in print) and
shows an excerpt of the sample report with ``{kaart-enquete-exemple}`` (a chart with its alt text, from the
same synthesis).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.osutil import relative_uri

from kaart_course.paths import DATA_DIR, REPO_ROOT, STATIC_DIR

logger = logging.getLogger(__name__)
FOLDER = "enquete"
FILES = {
    "xlsform": "kaart-enquete.xlsx",
    "formulaire": "kaart-enquete-formulaire.pdf",
    "rapport-html": "rapport-exemple/rapport-enquete.html",
    "rapport-pdf": "rapport-exemple/rapport-enquete.pdf",
}
EXCERPT_QUESTION = "besoins"  # the sample report's chart shown in the page
_STAMP = "inputs.sha256"


def cache_dir(app: Sphinx) -> Path:
    return Path(app.doctreedir).parent / "enquete-fichiers"


def _inputs() -> list[Path]:
    package = REPO_ROOT / "kaart_course"
    files = [DATA_DIR / "enquete" / "questionnaire.yml", *sorted((package / "survey").glob("*.py")),
             package / "figures.py", package / "sphinxext" / "enquete.py", STATIC_DIR / "enquete" / "formulaire-a4.css",
             *sorted((DATA_DIR / "territoires").glob("*")),
             REPO_ROOT / "node_modules" / "@etalab" / "decoupage-administratif" / "package.json"]
    return [path for path in files if path.is_file()]


def _digest() -> str:
    digest = hashlib.sha256()
    for path in _inputs():
        digest.update(str(path.relative_to(REPO_ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()


def build_files(site: Path, excerpt: Path, footer_html: str = "") -> None:
    """Write every file of the site's ``enquete/`` folder under ``site`` and the excerpt's chart under
    ``excerpt`` (``<question>.svg``, ``.png`` and ``.json`` with its title and alt text). ``footer_html`` ends
    the sample report like every page of the site: the licences of the course."""
    from kaart_course import survey
    from kaart_course.survey import printable, report
    from kaart_course.survey.form import form_state
    from kaart_course.survey.xlsform import write_xlsform

    questionnaire = survey.load_questionnaire()
    folder = site / FOLDER
    write_xlsform(questionnaire, folder / FILES["xlsform"])
    printable.write_form_pdf(form_state(questionnaire), folder / FILES["formulaire"])
    synthesis = survey.sample_synthesis(300, 1)
    report.write_report(synthesis, folder / Path(FILES["rapport-html"]).parent, questionnaire.version, pdf=True,
                        footer_html=footer_html)
    summary = next(q for q in synthesis.questions if q.question.id == EXCERPT_QUESTION)
    excerpt.mkdir(parents=True, exist_ok=True)
    figure = report.plot_counts(summary.labels, summary.counts)
    figure.savefig(excerpt / f"{EXCERPT_QUESTION}.svg", format="svg", metadata={"Date": None})
    figure.savefig(excerpt / f"{EXCERPT_QUESTION}.png", format="png", dpi=200, metadata={"Software": None})
    (excerpt / f"{EXCERPT_QUESTION}.json").write_text(json.dumps({
        "title": summary.question.label,
        "alt": report.alt_text(summary.question.label, summary.labels, summary.counts),
        "respondents": summary.respondents if summary.respondents is not None else "< 5",
        "collectivites": synthesis.collectivites,
    }, ensure_ascii=False), encoding="utf-8")


def ensure_files(app: Sphinx) -> Path:
    """The cache folder of the files, (re)built first when an input changed."""
    cache = cache_dir(app)
    stamp = cache / _STAMP
    footer_html = " ".join(str((app.config.html_theme_options or {}).get("extra_footer", "")).split())
    digest = _digest() + hashlib.sha256(footer_html.encode()).hexdigest()
    if not (stamp.exists() and stamp.read_text() == digest and (cache / "site" / FOLDER / FILES["rapport-pdf"]).exists()):
        logger.info("kaart : fichiers de l'enquête (XLSForm, questionnaire papier, rapport d'exemple)…")
        shutil.rmtree(cache, ignore_errors=True)
        build_files(cache / "site", cache / "extrait", footer_html)
        stamp.write_text(digest)
    return cache


def _note_use(env) -> None:
    env.__dict__.setdefault("kaart_enquete_files", set()).add(env.docname)


def _purge(app: Sphinx, env, docname: str) -> None:
    getattr(env, "kaart_enquete_files", set()).discard(docname)


def _merge(app: Sphinx, env, docnames, other) -> None:
    env.__dict__.setdefault("kaart_enquete_files", set()).update(getattr(other, "kaart_enquete_files", set()))


def _publish(app: Sphinx, exception) -> None:
    """Copy the files into the site's ``enquete/`` folder when a page of the book links to them."""
    if exception is not None or app.builder.format != "html" or app.builder.name == "singlehtml":
        return
    if not getattr(app.env, "kaart_enquete_files", None):
        return
    target = Path(app.outdir) / FOLDER
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ensure_files(app) / "site" / FOLDER, target)


class download(nodes.General, nodes.Inline, nodes.Element):
    """A link to one of the survey's files, resolved per builder once the page's address is known."""


class FileRole(SphinxRole):
    """``{kaart-enquete-fichier}`le XLSForm <xlsform>``` links to the file of key ``xlsform`` (see FILES)."""

    def run(self) -> tuple[list[nodes.Node], list]:
        text, _, key = self.text.rpartition("<")
        key = key.rstrip(">").strip()
        if key not in FILES:
            message = self.inliner.reporter.error(f"fichier d'enquête inconnu {key!r} (connus : {', '.join(FILES)})",
                                                  line=self.lineno)
            return [], [message]
        _note_use(self.env)
        return [download("", nodes.Text(text.strip() or FILES[key]), key=key)], []


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    from kaart_course.release import site_url

    for node in list(doctree.findall(download)):
        path = f"{FOLDER}/{FILES[node['key']]}"
        if app.builder.format == "html" and app.builder.name != "singlehtml":
            uri = relative_uri(app.builder.get_target_uri(docname), path)
        else:  # the PDF guide and other builders: the published file
            uri = site_url() + path
        reference = nodes.reference("", "", *node.children, refuri=uri, classes=["kaart-enquete-fichier"])
        node.replace_self(reference)


class ExcerptDirective(SphinxDirective):
    """The sample report's chart of one question, with its alt text and a caption that says it is fictitious."""

    def run(self) -> list[nodes.Node]:
        excerpt = ensure_files(self.env.app) / "extrait"
        _note_use(self.env)
        meta = json.loads((excerpt / f"{EXCERPT_QUESTION}.json").read_text(encoding="utf-8"))
        for path in _inputs():
            self.env.note_dependency(str(path))
        relative = os.path.relpath(excerpt / EXCERPT_QUESTION, self.env.srcdir).replace(os.sep, "/")
        figure = nodes.figure(classes=["kaart-figure", "kaart-enquete-exemple"], ids=["figure-enquete-exemple"])
        figure += nodes.image(uri=f"/{relative}.*", alt=meta["alt"], classes=["kaart-figure-image"])
        caption = nodes.caption(text=f"Exemple fictif : « {meta['title']} », nombre de collectivités par réponse "
                                     f"({meta['respondents']} collectivités ont répondu ; plusieurs réponses possibles). "
                                     "Réponses inventées par le générateur du cours, qui ne décrivent aucun territoire.")
        self.set_source_info(caption)
        figure += caption
        self.set_source_info(figure)
        return [figure]


def setup(app: Sphinx) -> dict:
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _publish)
    app.add_node(download)
    app.add_role("kaart-enquete-fichier", FileRole())
    app.connect("doctree-resolved", _resolve)
    app.add_directive("kaart-enquete-exemple", ExcerptDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
