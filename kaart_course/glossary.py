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

import yaml

from kaart_course.paths import DATA_DIR

GLOSSARY_PATH = DATA_DIR / "glossaire.yml"
FIELDS = ("term", "expansion", "definition", "plain", "source", "aliases")
MAX_DEFINITION = 420

# A candidate acronym: starts with a capital (or digits then a capital, as in 3DS), letters and digits,
# hyphenated parts allowed (EPCI-FP, PNACC-3).
_TOKEN_RE = re.compile(r"(?<![\w-])\d*[A-ZÉÈ][\w]*(?:-[\w]+)*(?![\w-])")
_LOWER_RUN_RE = re.compile(r"[a-zàâçéèêëîïôûùüÿœ]{2,}")

# Tokens that look like acronyms but are not jargon to explain to a reader. Keep this list short.
IGNORED_ACRONYMS = frozenset({
    "OK",                          # interjection
    "PDF", "HTML", "URL", "CSV",   # file formats a reader already knows
    "A3", "A4", "UTF-8",           # paper sizes, text encoding
    "MIT",                         # licence name (Creative Commons names are removed before: CC BY-SA 4.0)
})
# Roman numerals (tome IV, XXIe siècle): only I, V and X alone, or any with an ordinal suffix.
_ROMAN_RE = re.compile(r"^(?:[IVX]+|[IVXLC]+(?:e|er|re|ème))$")


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


class GlossaryError(ValueError):
    """Every problem found in a glossary file, one ``file:line: term: field: message`` per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def sort_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def is_acronym(token: str) -> bool:
    """True for EPCI, PLUi, SCoT, 3DS, EPCI-FP; false for Shift, McDonald, XIXe, OK."""
    if token in IGNORED_ACRONYMS or _ROMAN_RE.match(token):
        return False
    capitals = sum(1 for c in token if c.isupper())
    return capitals >= 2 and not _LOWER_RUN_RE.search(token)


def extract_acronyms(text: str) -> list[str]:
    """Acronyms in ``text`` (prose, not Markdown source: see ``prose_text``), in order of appearance."""
    text = _LICENCE_RE.sub(" ", text)
    return [token for token in _TOKEN_RE.findall(text) if is_acronym(token)]


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(DATA_DIR.parent))
    except ValueError:
        return str(path)


def _field_lines(item_node: yaml.Node) -> dict[str, int]:
    lines = {}
    if isinstance(item_node, yaml.MappingNode):
        for key, _ in item_node.value:
            lines[str(key.value)] = key.start_mark.line + 1
    return lines


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _check_entry(item: object, line: int, fields: dict[str, int], where: str) -> tuple[list[str], GlossaryEntry | None]:
    if not isinstance(item, dict):
        return [f"{where}:{line}: ?: entrée: attendu un dictionnaire {{term, definition, …}}"], None
    term = _text(item.get("term"))
    name = term or "?"
    problems = []

    def problem(field: str, message: str) -> None:
        problems.append(f"{where}:{fields.get(field, line)}: {name}: {field}: {message}")

    for key in item:
        if key not in FIELDS:
            problem(str(key), f"champ inconnu (champs permis : {', '.join(FIELDS)})")
    if not term:
        problem("term", "champ absent ou vide")
    definition = _text(item.get("definition"))
    if not definition:
        problem("definition", "champ absent ou vide")
    elif len(definition) > MAX_DEFINITION:
        problem("definition", f"trop longue ({len(definition)} caractères, au plus {MAX_DEFINITION}) : une ou deux phrases")
    for field in ("expansion", "plain", "source"):
        if field in item and not _text(item.get(field)):
            problem(field, "doit être un texte non vide (ou retirez le champ)")
    if is_acronym(term):
        for field in ("expansion", "plain"):
            if not _text(item.get(field)):
                problem(field, "champ absent (obligatoire pour un sigle)")
    source = _text(item.get("source"))
    if source and not source.startswith(("https://", "http://")):
        problem("source", f"adresse web attendue (https://…), pas {source!r}")
    aliases = item.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        problem("aliases", "attendu une liste de textes non vides")
        aliases = []
    if problems:
        return problems, None
    entry = GlossaryEntry(
        term=term, definition=definition, expansion=_text(item.get("expansion")), plain=_text(item.get("plain")),
        source=source, aliases=tuple(a.strip() for a in aliases), line=line,
    )
    return [], entry


def parse_glossary(text: str, where: str = "glossaire.yml") -> Glossary:
    """The glossary in ``text``; raises GlossaryError listing every problem."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise GlossaryError([f"{where}:{line}: ?: yaml: fichier illisible ({getattr(error, 'problem', error)})"]) from error
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise GlossaryError([f"{where}:1: ?: glossaire: attendu une liste d'entrées"])

    problems: list[str] = []
    entries: list[GlossaryEntry] = []
    seen: dict[str, int] = {}
    for item, node in zip(data, root.value):
        line = node.start_mark.line + 1
        item_problems, entry = _check_entry(item, line, _field_lines(node), where)
        problems.extend(item_problems)
        if entry is None:
            continue
        for name in entry.names:
            if name in seen:
                problems.append(f"{where}:{line}: {entry.term}: term: « {name} » déjà défini ligne {seen[name]}")
            seen[name] = line
        entries.append(entry)
    if problems:
        raise GlossaryError(problems)
    return Glossary(tuple(entries))


def load_glossary(path: Path = GLOSSARY_PATH) -> Glossary:
    """The validated glossary stored at ``path`` (by default ``data/glossaire.yml``)."""
    return parse_glossary(path.read_text(encoding="utf-8"), _relative(path))


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
    from kaart_course.prose import plain_text, prose_blocks  # prose imports nothing from here

    patterns = [(entry, name, _name_pattern(name)) for entry in glossary.entries for name in entry.names]
    linked: set[str] = set()
    problems: list[UnlinkedTerm] = []
    for block in prose_blocks(markdown):
        if block.kind in ("heading", "title"):
            continue
        parts = _TERM_ROLE_RE.split(block.source)
        for index, part in enumerate(parts):
            if index % 2:  # the content of a {term} role
                entry = glossary.lookup(term_target(part))
                if entry is not None:
                    linked.add(entry.term)
                continue
            for _position, entry, written in _uses(plain_text(_LINK_RE.sub(" ", part)), patterns):
                if entry.term not in linked:
                    problems.append(UnlinkedTerm(block.line, entry.term, " ".join(written.split())))
                    linked.add(entry.term)  # report each term once per page
    return problems
