"""Rules that Python and the browser modules both apply, read from their one definition
(``static/common/rules.json``): which link targets are safe, how text folds to ASCII, what an acronym is,
which spreadsheet cells would run as formulas."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache

from kaart_course.paths import STATIC_DIR

RULES = json.loads((STATIC_DIR / "common" / "rules.json").read_text(encoding="utf-8"))
SAFE_HREF = re.compile(RULES["safeHref"], re.IGNORECASE)
_ACRONYM = RULES["acronym"]
ACRONYM_TOKEN = re.compile(_ACRONYM["token"])
_LOWER_RUN = re.compile(_ACRONYM["lowerRun"])
_ROMAN = re.compile(_ACRONYM["roman"])
_IGNORED = frozenset(_ACRONYM["ignored"])
_LETTERS = {k: v for k, v in RULES["letters"].items() if not k.startswith("_")}
_FORMULA_START = re.compile(RULES["spreadsheetFormula"]["start"])
_PLAIN_NUMBER = re.compile(RULES["spreadsheetFormula"]["plainNumber"])


def is_safe_href(href: str) -> bool:
    """Whether a link target may become a link: web and mail addresses, and the book's own pages."""
    return isinstance(href, str) and SAFE_HREF.match(href.strip()) is not None


@cache
def _fold_char(char: str) -> str:
    lower = char.lower()
    if lower in _LETTERS:
        plain = _LETTERS[lower]
        return plain if char == lower else plain.upper()
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))


def fold_ascii(text: str) -> str:
    """The text without accents (œ → oe), capitals kept: « Œuvre à l'été » → « OEuvre a l'ete »."""
    return "".join(char if char < "\x80" else _fold_char(char) for char in text)


def is_acronym(token: str) -> bool:
    """True for EPCI, PLUi, SCoT, 3DS, EPCI-FP; false for Shift, McDonald, XIXe, OK, CATASTROPHE."""
    folded = fold_ascii(token)
    if folded in _IGNORED or _ROMAN.match(folded) or len(folded) > _ACRONYM["maxLength"]:
        return False
    return sum(1 for c in folded if c.isupper()) >= 2 and not _LOWER_RUN.search(folded)


def acronyms_in(text: str) -> list[str]:
    """The acronyms of ``text`` in order of appearance, as written (accents kept)."""
    folded = fold_ascii(text)
    if len(folded) != len(text):  # a letter folded to two (œ): match on the folded text, report folded
        return [m.group(0) for m in ACRONYM_TOKEN.finditer(folded) if is_acronym(m.group(0))]
    return [text[m.start():m.end()] for m in ACRONYM_TOKEN.finditer(folded) if is_acronym(m.group(0))]


def _runs_as_formula(text: str) -> bool:
    # An apostrophe before such a cell is a spreadsheet's « this is text » mark: typed there by someone, it
    # needs one more, or reading the file back would take it for ours.
    if text.startswith("'"):
        return _runs_as_formula(text[1:])
    return bool(_FORMULA_START.match(text)) and not _PLAIN_NUMBER.match(text)


def neutralise_cell(text: str) -> str:
    """A CSV cell a spreadsheet would run as a formula (« =HYPERLINK(…) ») with an apostrophe before it, so
    that it shows as text; any other cell (« -3 » included) as it is."""
    return "'" + text if _runs_as_formula(text) else text


def restore_cell(text: str) -> str:
    """The cell as typed, when it is one that :func:`neutralise_cell` wrote: the inverse, on the way in."""
    return text[1:] if text.startswith("'") and _runs_as_formula(text[1:]) else text
