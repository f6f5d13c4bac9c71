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

# Directives whose body is code or generated content, not prose a reader sees as written.
_NON_PROSE_DIRECTIVES = frozenset({
    "code-cell", "code-block", "code", "literalinclude", "raw", "math", "mermaid", "bibliography",
    "footbibliography", "kaart-glossaire", "toctree", "eval-rst", "glossary",
})
_FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_FENCE_RE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.DOTALL | re.MULTILINE)
_DIRECTIVE_INFO_RE = re.compile(r"^\{([\w-]+)\}\s*(.*)$")
_COLON_OPEN_RE = re.compile(r"^:{3,}\{[\w-]+\}[ \t]*", re.MULTILINE)
_COLON_CLOSE_RE = re.compile(r"^:{3,}[ \t]*$", re.MULTILINE)
_OPTION_LINE_RE = re.compile(r"^[ \t]*:[\w-]+:.*$", re.MULTILINE)
_TERM_ROLE_RE = re.compile(r"\{term\}`([^`]+)`")
_LABELLED_ROLE_RE = re.compile(r"\{(?:doc|ref|download|numref)\}`([^`<]*?)\s*<[^`]*>`")
_ROLE_RE = re.compile(r"\{[\w:-]+\}`[^`]*`")
_INLINE_CODE_RE = re.compile(r"`[^`\n]+`")
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL_RE = re.compile(r"<?https?://[^\s>)]+>?")
_HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG_RE = re.compile(r"</?[a-zA-Z][^>\n]*>")
_LICENCE_RE = re.compile(r"\b(?:CC|Creative Commons)(?:\s+BY(?:-[A-Z]{2})*|0)(?:\s+\d\.\d)?")
_TARGET_RE = re.compile(r"^\([\w-]+\)=\s*$", re.MULTILINE)


def term_target(role_content: str) -> str:
    """The glossary term a ``{term}`` role points to: ``PCAET`` or ``plan climat <PCAET>``."""
    match = re.match(r"^(.*?)\s*<([^>]+)>$", role_content.strip())
    return match.group(2).strip() if match else role_content.strip()


def _role_text(role_content: str) -> str:
    match = re.match(r"^(.*?)\s*<([^>]+)>$", role_content.strip())
    return match.group(1) if match else role_content


def _keep_fence(match: re.Match) -> str:
    directive = _DIRECTIVE_INFO_RE.match(match.group("info").strip())
    if directive and directive.group(1) not in _NON_PROSE_DIRECTIVES:
        return f"{directive.group(2)}\n{match.group('body')}"
    return "\n"


def prose_text(markdown: str) -> tuple[str, list[str]]:
    """The text a reader sees in a MyST page (approximately), and the terms it links with ``{term}``.

    Code, URLs, paths, citation keys, directive options and front matter are removed; roles keep their
    visible text; emphasis markers are dropped so that expansions written in bold still match.
    """
    text = _FRONT_MATTER_RE.sub("", markdown)
    text = _HTML_COMMENT_RE.sub(" ", text)
    text = _FENCE_RE.sub(_keep_fence, text)
    text = _COLON_OPEN_RE.sub("", text)
    text = _COLON_CLOSE_RE.sub("", text)
    text = _OPTION_LINE_RE.sub("", text)
    text = _TARGET_RE.sub("", text)
    linked = [term_target(content) for content in _TERM_ROLE_RE.findall(text)]
    text = _TERM_ROLE_RE.sub(lambda m: _role_text(m.group(1)), text)
    text = _LABELLED_ROLE_RE.sub(lambda m: m.group(1), text)
    text = _ROLE_RE.sub(" ", text)
    text = _INLINE_CODE_RE.sub(" ", text)
    text = _LINK_RE.sub(lambda m: m.group(1), text)
    text = _URL_RE.sub(" ", text)
    text = _HTML_TAG_RE.sub(" ", text)
    text = re.sub(r"\*+|(?<!\w)_+|_+(?!\w)", "", text)
    return text, linked


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe, single spaces: for finding an expansion in prose."""
    text = text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).casefold()
