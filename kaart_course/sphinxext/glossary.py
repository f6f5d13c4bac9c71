"""The ``{kaart-glossaire}`` directive: the course glossary rendered from ``data/glossaire.yml``.

It builds a real Sphinx glossary, so ``{term}`PCAET``` links to an entry from any page. Entries are sorted
in French alphabetical order; a line of initials at the top jumps to each letter (handy on a phone),
terms starting with a digit (3DS) come first under « 0-9 ».
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective

from kaart_course.glossary import GLOSSARY_PATH, GlossaryEntry, GlossaryError, load_glossary, sort_key


def _letter(entry: GlossaryEntry) -> str:
    first = sort_key(entry.term)[:1].upper()
    return first if first.isalpha() else "0-9"


class KaartGlossary(SphinxDirective):
    has_content = False

    def _definition(self, entry: GlossaryEntry) -> nodes.definition:
        definition = nodes.definition()
        if entry.expansion:
            definition += nodes.paragraph("", "", nodes.strong(text=entry.expansion))
        definition += nodes.paragraph(text=entry.definition)
        if entry.plain:
            definition += nodes.paragraph(
                "", "", nodes.emphasis(text="Pour le dire simplement : "), nodes.Text(entry.plain),
                classes=["kaart-glossaire-plain"],
            )
        if entry.source:
            definition += nodes.paragraph(
                "", "", nodes.Text("Source : "), nodes.reference(entry.source, entry.source, refuri=entry.source),
                classes=["kaart-glossaire-source"],
            )
        return definition

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(GLOSSARY_PATH))
        try:
            glossary = load_glossary(GLOSSARY_PATH)
        except GlossaryError as error:
            raise self.error(f"{{kaart-glossaire}} : glossaire invalide\n{error}") from error

        source, line = self.get_source_info()
        letters: list[str] = []
        items = []
        for entry in glossary.sorted_entries():
            terms = []
            for name in entry.names:
                term = make_glossary_term(self.env, [nodes.Text(name)], None, source, line,
                                          node_id=None, document=self.state.document)
                term.rawsource = name
                terms.append(term)
            letter = _letter(entry)
            if letter not in letters:
                letters.append(letter)
                terms[0]["ids"].append(f"glossaire-{letter.lower()}")
            items.append(nodes.definition_list_item("", *terms, self._definition(entry)))

        index = nodes.paragraph(classes=["kaart-glossaire-lettres"])
        for letter in letters:
            index += nodes.reference(letter, letter, refid=f"glossaire-{letter.lower()}")
            index += nodes.Text(" ")

        glossary_node = addnodes.glossary()
        glossary_node.document = self.state.document
        glossary_node["sorted"] = False  # already sorted, the French way
        glossary_node += nodes.definition_list("", *items, classes=["glossary"])
        return [index, glossary_node]


def setup(app: Sphinx) -> dict:
    app.add_directive("kaart-glossaire", KaartGlossary)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
