"""The course's bibliography: a French style, and a check that every source is dated.

The style is pybtex's « plain » with « consulté le 27 novembre 2026 » for web sources, registered as the
pybtex style ``kaart`` and selected by ``bibtex_default_style`` in ``_config.yml``; the stock styles print
English words (« URL: », « visited on ») in every « Sources » block of the course.

The check reads every file of ``bibtex_bibfiles`` when the build starts and warns (so a strict build fails)
for each entry without a publication date: a ``year`` of four digits, and optionally a ``month`` written in
French. The date of consultation (``urldate``) is not a publication date; an undated source renders « s. d. »
and cannot be checked by a reader, so find the date at the source or cite a dated one.
"""

from __future__ import annotations

import re
from pathlib import Path

from pybtex.database import BibliographyDataError, parse_file
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.formatting import toplevel
from pybtex.style.template import field, href, names, optional, optional_field, sentence, words
from sphinx.application import Sphinx
from sphinx.util import logging

from kaart_course._french import format_date

logger = logging.getLogger(__name__)

FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre")
_YEAR_RE = re.compile(r"^\d{4}$")
_URLDATE_RE = re.compile(r"^(\d{4})-\d{2}-\d{2}$")

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

    def get_misc_template(self, e):
        # A « howpublished » that already gives the date (« Insee Première n° 1948, mai 2023 ») is not followed
        # by the year a second time (« mai 2023, 2023 »).
        year = e.fields.get("year", "")
        if year and year in e.fields.get("howpublished", ""):
            return toplevel[
                optional[sentence[self.format_names("author")]],
                optional[self.format_title(e, "title")],
                sentence[field("howpublished")],
                sentence[optional_field("note")],
                self.format_web_refs(e),
            ]
        return toplevel[
            optional[sentence[self.format_names("author")]],
            optional[self.format_title(e, "title")],
            sentence[optional[field("howpublished")], optional[words[optional_field("month"), field("year")]]],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def format_url(self, e):
        url = field("url", raw=True)
        return href(url)[url]


def _entry_lines(text: str) -> dict[str, int]:
    return {match.group(1): text.count("\n", 0, match.start()) + 1
            for match in re.finditer(r"^@\w+\{\s*([^,\s]+)\s*,", text, re.MULTILINE)}


def undated_entries(path: Path) -> list[tuple[str, int, str]]:
    """``(key, line, problem)`` for every entry of a BibTeX file without a usable publication date."""
    text = path.read_text(encoding="utf-8")
    lines = _entry_lines(text)
    problems = []
    for key, entry in parse_file(str(path), bib_format="bibtex").entries.items():
        line = lines.get(key, 1)
        year = entry.fields.get("year", "").strip()
        month = entry.fields.get("month", "").strip()
        if not year:
            problems.append((key, line, "pas de date de publication (champ year absent)"))
        elif not _YEAR_RE.match(year):
            problems.append((key, line, f"year « {year} » n'est pas une année : datez la source (pas de « s. d. »)"))
        if month and month not in FRENCH_MONTHS:
            problems.append((key, line, f"month « {month} » : attendu un mois en toutes lettres, en français"))
        consulted = _URLDATE_RE.match(entry.fields.get("urldate", "").strip())
        if _YEAR_RE.match(year) and consulted and int(year) > int(consulted.group(1)):
            problems.append((key, line, f"year {year} postérieure à la consultation ({consulted.group(0)})"))
    return problems


def check_dates(app: Sphinx) -> None:
    """Warn, at the start of the build, for every bibliography entry without a publication date."""
    for name in getattr(app.config, "bibtex_bibfiles", None) or []:
        path = Path(app.srcdir) / name
        try:
            problems = undated_entries(path)
        except (OSError, BibliographyDataError) as error:
            logger.warning(f"bibliographie illisible : {error}", location=str(path), type="kaart", subtype="bibliography")
            continue
        for key, line, message in problems:
            logger.warning(f"source non datée : {key} : {message}", location=f"{path}:{line}",
                           type="kaart", subtype="bibliography")


def setup(app: Sphinx) -> None:
    register_plugin("pybtex.style.formatting", "kaart", FrenchStyle)
    app.connect("builder-inited", check_dates)
