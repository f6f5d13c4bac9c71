"""The course glossary (``data/glossaire.yml``) and the acronyms found in the course's prose.

The glossary is a YAML list of entries ``{term, expansion, definition, plain, source, aliases}``. It is
validated when loaded; every problem names the file, line, term and field, for example
``data/glossaire.yml:41: PCAET: plain: champ absent (obligatoire pour un sigle)``.

The same file feeds the book's glossary page (``{kaart-glossaire}``), the acronym test and the pitch
studio's jargon detector, which proposes ``plain`` when a volunteer's text uses a term.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kaart_course._data import Collector, DataError, Problem, read_yaml
from kaart_course._rules import acronyms_in
from kaart_course.prose import TERM_ROLE_RE, plain_text, prose_blocks
from kaart_course._rules import is_acronym as is_acronym
from kaart_course.paths import DATA_DIR

GLOSSARY_PATH = DATA_DIR / "glossaire.yml"
FIELDS = ("term", "expansion", "definition", "plain", "source", "aliases")
MAX_DEFINITION = 420


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    expansion: str = ""
    plain: str = ""
    source: str = ""
    aliases: tuple[str, ...] = ()
    line: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its other spellings (Insee, INSEE)."""
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]
    set_aside: int = 0  # entries of the file that could not be used (each has its problem)

    def lookup(self, name: str) -> GlossaryEntry | None:
        for entry in self.entries:
            if name in entry.names:
                return entry
        return None

    def names(self) -> frozenset[str]:
        return frozenset(name for entry in self.entries for name in entry.names)

    def sorted_entries(self) -> list[GlossaryEntry]:
        """Entries in French alphabetical order (accents and case ignored)."""
        return sorted(self.entries, key=lambda entry: sort_key(entry.term))


class GlossaryError(DataError):
    """Every problem found in a glossary file, one ``file:line: term: field: message`` per line."""


def sort_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def extract_acronyms(text: str) -> list[str]:
    """Acronyms in ``text`` (prose, not Markdown source: see ``prose_text``), in order of appearance."""
    return acronyms_in(_LICENCE_RE.sub(" ", text))


def _entry(check: Collector, item, line: int) -> GlossaryEntry | None:
    if not check.mapping(item, line, "", "entrée", "une table {term, definition, …}"):
        return None
    mark = check.mark()
    term = check.text(item, "term", "?")
    name = term or "?"
    check.unknown_keys(item, FIELDS, name)
    definition = check.text(item, "definition", name)
    if len(definition) > MAX_DEFINITION:
        check.add(item.line_of("definition"), name, "definition",
                  f"trop longue ({len(definition)} caractères, au plus {MAX_DEFINITION}) : une ou deux phrases")
    expansion, plain = (check.text(item, key, name, required=key in item) for key in ("expansion", "plain"))
    if is_acronym(term):
        for key in ("expansion", "plain"):
            if key not in item:
                check.add(item.line, name, key, "champ absent (obligatoire pour un sigle)")
    source = check.url(item, "source", name, required="source" in item)
    aliases = check.strings(item, "aliases", name, required=False)
    if check.failed_since(mark):
        return None
    return GlossaryEntry(term, definition, expansion, plain, source, aliases, item.line)


def read_glossary(path: Path = GLOSSARY_PATH) -> tuple[Glossary, list[Problem]]:
    """Every usable entry of the glossary at ``path``, and every problem found."""
    raw, problems = read_yaml(path)
    if problems:
        return Glossary(()), problems
    check = Collector(path)
    entries: list[GlossaryEntry] = []
    seen: dict[str, int] = {}
    items = check.items(raw, "", "glossaire")
    for line, item in items:
        entry = _entry(check, item, line)
        if entry is None:
            continue
        clashes = [name for name in entry.names if name.casefold() in seen]
        for name in clashes:
            check.add(line, entry.term, "term", f"« {name} » déjà défini ligne {seen[name.casefold()]}")
        if clashes:
            continue
        seen.update((name.casefold(), line) for name in entry.names)
        entries.append(entry)
    return Glossary(tuple(entries), set_aside=len(items) - len(entries)), check.problems


def load_glossary(path: Path = GLOSSARY_PATH) -> Glossary:
    """The validated glossary stored at ``path`` (by default ``data/glossaire.yml``); GlossaryError if not."""
    glossary, problems = read_glossary(path)
    if problems:
        raise GlossaryError(problems)
    return glossary


# --- Prose of a MyST page -------------------------------------------------------------------------------

_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_OTHER_ROLE_RE = re.compile(r"\{(?!term\})[\w:-]+\}`[^`]*`")  # links and citations: not where a term is linked
_LICENCE_RE = re.compile(r"\b(?:CC|Creative Commons)(?:\s+BY(?:-[A-Z]{2})*|0)(?:\s+\d\.\d)?")


def term_target(role_content: str) -> str:
    """The glossary term a ``{term}`` role points to: ``PCAET`` or ``plan climat <PCAET>``."""
    match = re.match(r"^(.*?)\s*<([^>]+)>$", role_content.strip())
    return match.group(2).strip() if match else role_content.strip()


def prose_text(markdown: str) -> tuple[str, list[str]]:
    """The text a reader sees in a MyST page, block after block (kaart_course.prose), and the terms it links
    with ``{term}``."""
    blocks = prose_blocks(markdown)
    linked = [term_target(content) for block in blocks for content in TERM_ROLE_RE.findall(block.source)]
    return "\n".join(block.text for block in blocks), linked


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe, single spaces: for finding an expansion in prose."""
    text = text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).casefold()


# --- First use of a glossary term in a page ----------------------------------------------------------------

@dataclass(frozen=True)
class UnlinkedTerm:
    """The first use of a glossary term in a page, written without a ``{term}`` link."""

    line: int  # first line of the paragraph, list item or table row where it occurs
    term: str  # the glossary entry
    written: str  # the form found in the prose (the term, an alias, a capitalised form)

    def __str__(self) -> str:
        role = self.term if self.written == self.term else f"{self.written} <{self.term}>"
        return f"{self.line}: « {self.written} » employé sans lien au glossaire : écrire {{term}}`{role}`"


def _name_pattern(name: str) -> re.Pattern:
    """``name`` as a whole word: an acronym as written, any other term with either case for its first letter."""
    words = [re.escape(word) for word in name.split()]
    body = r"\s+".join(words)
    if not is_acronym(name) and name[:1].islower():
        body = f"[{re.escape(name[0])}{re.escape(name[0].upper())}]{body[len(re.escape(name[0])):]}"
    # Not inside a longer word; « PNACC-3 » uses PNACC, « EPCI-FP » does not use EPCI.
    return re.compile(rf"(?<![\w-]){body}(?![\w]|-[^\W\d_])")


def _uses(text: str, patterns: list[tuple[GlossaryEntry, str, re.Pattern]]) -> list[tuple[int, GlossaryEntry, str]]:
    text = _LICENCE_RE.sub(lambda m: " " * len(m.group(0)), text)
    found = [(match.start(), entry, match.group(0))
             for entry, _name, pattern in patterns for match in pattern.finditer(text)]
    return sorted(found, key=lambda item: item[0])


def unlinked_first_uses(markdown: str, glossary: Glossary) -> list[UnlinkedTerm]:
    """Glossary terms whose first use in the page's prose comes before any ``{term}`` link to them.

    Headings, directive titles and the text of Markdown links are not read (a link there would end up in the
    table of contents, or inside another link); the rest of the prose is read in order, as
    :func:`kaart_course.prose.prose_blocks` splits it.
    """
    patterns = [(entry, name, _name_pattern(name)) for entry in glossary.entries for name in entry.names]
    linked: set[str] = set()
    problems: list[UnlinkedTerm] = []
    for block in prose_blocks(markdown):
        if block.kind in ("heading", "title"):
            continue
        parts = TERM_ROLE_RE.split(block.source)
        for index, part in enumerate(parts):
            if index % 2:  # the content of a {term} role
                entry = glossary.lookup(term_target(part))
                if entry is not None:
                    linked.add(entry.term)
                continue
            for _position, entry, written in _uses(plain_text(_OTHER_ROLE_RE.sub(" ", _LINK_RE.sub(" ", part))), patterns):
                if entry.term not in linked:
                    problems.append(UnlinkedTerm(block.line, entry.term, " ".join(written.split())))
                    linked.add(entry.term)  # report each term once per page
    return problems
