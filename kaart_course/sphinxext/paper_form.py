"""``{kaart-formulaire-papier}``: a message template of ``data/modeles/`` laid out as a form to fill by hand.

The text files are written to be filled on a computer (``[Date]``, ``____``); on paper they become a form with
ruled lines to write on, drawn from the same file so that the two never differ:

- ``1. LA RENCONTRE`` (a number, then capitals) starts a section; a line in parentheses is a hint;
- ``Label : [placeholder]`` or ``Label : ____`` is a field with a line to write on; several fields on one line
  are separated by three spaces or more;
- ``- ____`` is a ruled line;
- ``Question ?   Oui / Non / Pas demandé`` is a question with boxes to tick.

The first line is the form's title, the second (in parentheses) what it is for.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

SECTION = re.compile(r"^(\d+)\.\s+(.+)$")
BLANK = re.compile(r"\[[^\]]*\]|_{3,}")
FIELD = re.compile(r"^(?P<label>[^:\[\]]+?)\s*:\s*(?P<rest>.*)$")
CHOICES = re.compile(r"^(?P<question>.+?\?)\s{3,}(?P<choices>[^?]+(?:\s/\s[^?]+)+)$")
COLUMNS = re.compile(r"\s{3,}")
BOX = "☐"


def write_line(classes: tuple[str, ...] = ()) -> nodes.inline:
    """A ruled line to write on (its length set by the print stylesheet)."""
    return nodes.inline("", "", classes=["kaart-write", *classes])


def _field(text: str) -> list[nodes.Node]:
    match = FIELD.match(text)
    if match is None or not BLANK.search(match["rest"]) and match["rest"]:
        return [nodes.Text(text)]
    after = BLANK.sub("", match["rest"]).strip(" ,;")
    pieces: list[nodes.Node] = [nodes.strong(text=f"{match['label']} :"), write_line()]
    if after:
        pieces.append(nodes.Text(f" {after}"))
    return pieces


def form_nodes(text: str) -> nodes.container:
    """The paper form of a template's text."""
    lines = text.strip("\n").splitlines()
    form = nodes.container(classes=["kaart-paper-form"])
    if lines:
        form += nodes.rubric(text=lines[0].strip())
    for raw in lines[1:]:
        line = raw.strip()
        if not line:
            continue
        if (section := SECTION.match(line)) and section[2].split("(")[0].strip().isupper():
            title, _, hint = section[2].partition(" (")
            heading = nodes.paragraph("", "", nodes.strong(text=f"{section[1]}. {title.strip().capitalize()}"),
                                      classes=["kaart-paper-form-section"])
            if hint:
                heading += nodes.Text(f" ({hint}")
            form += heading
        elif line.startswith("(") and line.endswith(")"):
            form += nodes.paragraph("", "", nodes.emphasis(text=line), classes=["kaart-paper-form-hint"])
        elif line.startswith("- ") and not BLANK.sub("", line[2:]).strip():
            form += nodes.paragraph("", "", write_line(), classes=["kaart-paper-form-row"])
        elif choice := CHOICES.match(line):
            boxes = "   ".join(f"{BOX} {c.strip()}" for c in choice["choices"].split("/"))
            form += nodes.paragraph("", "", nodes.Text(choice["question"] + "  "), nodes.strong(text=boxes),
                                    classes=["kaart-paper-form-choice"])
        else:
            row = nodes.paragraph(classes=["kaart-paper-form-row"])
            for number, column in enumerate(COLUMNS.split(line)):
                if number:
                    row += nodes.Text("   ")
                row.extend(_field(column))
            form += row
    return form


class PaperFormDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        source, path = self.env.relfn2path(self.arguments[0])
        self.env.note_dependency(source)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as error:
            raise self.error(f"modèle illisible : {self.arguments[0]} ({error})") from error
        return [form_nodes(text)]


def setup(app: Sphinx) -> dict:
    app.add_directive("kaart-formulaire-papier", PaperFormDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
