"""A French bibliography style for sphinxcontrib-bibtex (« consulté le », « et »), keeping titles' case."""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import field, href, join, names, optional, sentence

NAME = "kaart"


class KaartStyle(UnsrtStyle):
    def format_names(self, role, as_sentence=True):
        formatted = names(role, sep=", ", sep2=" et ", last_sep=" et ")
        return sentence[formatted] if as_sentence else formatted

    def format_title(self, e, which_field, as_sentence=True):
        # Titles are written in the case their publisher uses (acronyms, proper nouns): keep it.
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def format_url(self, e):
        url = field("url", raw=True)
        return join["URL : ", href(url)[url]]

    def format_web_refs(self, e):
        return sentence[
            optional[self.format_url(e), optional[" (consulté le ", field("urldate"), ")"]],
            optional[self.format_doi(e)],
        ]


def register() -> None:
    register_plugin("pybtex.style.formatting", NAME, KaartStyle)
