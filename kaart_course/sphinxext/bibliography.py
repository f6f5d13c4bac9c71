"""A French bibliography style: pybtex's « plain » with « consulté le 27 novembre 2026 » for web sources.

Registered as the pybtex style ``kaart`` and selected by ``bibtex_default_style`` in ``_config.yml``; the
stock styles print English words (« URL: », « visited on ») in every « Sources » block of the course.
"""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field, href, names, optional, sentence
from sphinx.application import Sphinx

from kaart_course._french import format_date

class FrenchStyle(PlainStyle):
    def format_names(self, role, as_sentence=True):
        formatted = names(role, sep=", ", sep2=" et ", last_sep=" et ")
        return sentence[formatted] if as_sentence else formatted

    def format_title(self, e, which_field, as_sentence=True):
        # Titles keep the case their publisher uses (acronyms such as KAART, proper nouns).
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def format_web_refs(self, e):
        return sentence[
            optional[self.format_url(e), optional[" (consulté le ", field("urldate", raw=True, apply_func=format_date), ")"]],
            optional[self.format_eprint(e)],
            optional[self.format_pubmed(e)],
            optional[self.format_doi(e)],
        ]

    def format_url(self, e):
        url = field("url", raw=True)
        return href(url)[url]


def setup(app: Sphinx) -> None:
    register_plugin("pybtex.style.formatting", "kaart", FrenchStyle)
