"""The exercises' text as Jupyter shows it: the book's own MyST blocks and roles in standard MyST.

The book's page convention uses directives and roles of its own Sphinx extension (``{objectifs}``,
``{a-retenir}``, ``{sources}``, ``{formateur}``, ``{term}``, ``{footcite}``…). jupyterlab-myst renders
standard MyST only: it shows each of ours as an « Unknown Directive » error box. For the notebooks a learner
opens in Jupyter (the ``.ipynb`` offered on the site, ``make lab``), each block becomes the standard admonition
that looks like it, each role its plain text; the citations, which need the book's bibliography, point to the
exercise's page on the site.
"""

from __future__ import annotations

import re

import nbformat

# The book's block → (standard MyST directive, title, options): the trainers' note stays folded, as on the site.
BLOCKS = {
    "objectifs": ("note", "Objectifs", ""),
    "a-retenir": ("tip", "À retenir", ""),
    "sources": ("seealso", "Sources", ""),
    "formateur": ("admonition", "Note pour les formateurs", ":class: dropdown\n"),
}
_BLOCK = re.compile(r"^(?P<fence>:{3,})\{(?P<name>" + "|".join(BLOCKS) + r")\}[ \t]*(?P<title>.*)\n"
                    r"(?P<options>(?:[ \t]*:[\w-]+:.*\n)*)", re.MULTILINE)
_BIBLIOGRAPHY = re.compile(r"^(?P<fence>`{3,})\{footbibliography\}[^\n]*\n(?:.*\n)*?(?P=fence)[ \t]*$", re.MULTILINE)
_CITATION = re.compile(r"[ \u00a0]?\{footcite(?::[a-z]+)?\}`[^`]*`")
# Text for one medium (kaart_course.sphinxext.medium): Jupyter is a screen, so the web text stays, unwrapped,
# and the paper text goes.
_MEDIUM_BLOCK = re.compile(r"^(?P<fence>:{3,})\{(?P<medium>web|papier)\}[^\n]*\n(?P<body>(?:.*\n)*?)(?P=fence)[ \t]*$\n?",
                           re.MULTILINE)
_PAPER_ROLE = re.compile(r"\{papier\}`[^`]*`")
_ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<content>[^`]*)`")
_TARGET = re.compile(r"^(?P<text>.*?)\s*<[^<>]*>$", re.DOTALL)
SOURCES_ON_SITE = "Les références complètes figurent sur la page de cet exercice, sur le site du cours."


def _block(match: re.Match) -> str:
    directive, title, options = BLOCKS[match.group("name")]
    duration = re.search(r":duree:\s*(.+)", match.group("options"))
    if duration:
        title += f" · durée estimée : {duration.group(1).strip()}"
    return f"{match.group('fence')}{{{directive}}} {title}\n{options}"


def _role(match: re.Match) -> str:
    content = match.group("content")
    target = _TARGET.match(content)
    return target.group("text") if target else content


def for_jupyter(markdown: str) -> str:
    """``markdown`` (a MyST cell of an exercise) with only standard MyST, for jupyterlab-myst."""
    text = _MEDIUM_BLOCK.sub(lambda m: m.group("body") if m.group("medium") == "web" else "", markdown)
    text = _PAPER_ROLE.sub("", text)
    text = _BLOCK.sub(_block, text)
    text = _BIBLIOGRAPHY.sub(SOURCES_ON_SITE, text)
    text = _CITATION.sub("", text)
    return _ROLE.sub(_role, text)


def notebook_for_jupyter(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook with every Markdown cell in standard MyST (see :func:`for_jupyter`)."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = for_jupyter(cell.source)
    return notebook
