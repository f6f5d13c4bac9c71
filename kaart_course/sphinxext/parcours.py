"""The ``{kaart-parcours}`` directive: a timed path through the course (kaart_course/express.py), as a
checklist kept in the browser on the site (widget ``parcours``) and a list of boxes to tick on paper.

```{kaart-parcours}
```
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from kaart_course import express
from kaart_course._data import DataError
from kaart_course.course_plan import course_plan
from kaart_course.sphinxext import widgets

BOX = "☐"


def print_form(state: dict) -> list[nodes.Node]:
    steps = nodes.enumerated_list(classes=["kaart-parcours-print"])
    for step in state["steps"]:
        head = nodes.paragraph()
        head += nodes.Text(f"{BOX} ")
        head += nodes.strong(text=step["title"])
        head += nodes.Text(f" — {step['minutes']} min. ")
        link = nodes.reference("", step["target"], refuri=step["href"])
        head += nodes.Text("Où : ")
        head += link
        head += nodes.Text(".")
        steps += nodes.list_item("", head, nodes.paragraph(text=step["do"]))
    total = nodes.paragraph(classes=["kaart-parcours-print-total"])
    total += nodes.strong(text=f"Total : {state['total']} minutes")
    total += nodes.Text(f" (lecture à {state['wordsPerMinute']} mots par minute, plus le temps de chaque exercice).")
    return [steps, total]


class ParcoursDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(express.EXPRESS_PATH))
        try:
            path = express.load_path()
        except DataError as error:
            raise self.error(f"parcours invalide :\n{error}") from error
        titles = {page.docname: page.title for page in course_plan()}
        builder, here = self.env.app.builder, self.env.docname
        for step in path.steps:
            self.env.note_dependency(str(self.env.app.srcdir) + f"/{step.doc}.md")
            for reading in step.readings:
                for doc in reading.docs:
                    self.env.note_dependency(str(self.env.app.srcdir) + f"/{doc}.md")

        def href(doc: str, anchor: str) -> str:
            uri = builder.get_relative_uri(here, doc)
            return uri + (f"#{anchor}" if anchor and "#" not in uri else "")

        state = express.path_state(path, href=href, target_title=lambda doc: titles.get(doc, doc))
        return [widgets.widget_node("parcours", state, f"parcours-{path.id}")]


def setup(app: Sphinx) -> dict:
    app.setup_extension("kaart_course.sphinxext.widgets")
    widgets.register("parcours", print_form)
    app.add_directive("kaart-parcours", ParcoursDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
