"""The prose of a course page, block by block, as a reader sees it: for spell checking and content checks.

:func:`prose_blocks` splits a MyST page into paragraphs, list items, table rows and headings — including
those nested in ``:::`` directives such as ``{objectifs}`` or grid cards — and leaves out front matter, code
cells and fences, directive option lines and HTML. Each block keeps its Markdown source (to look for a
citation) and a plain text (roles, inline code, URLs and markup removed). :func:`unsourced_figures` lists
the figures with a unit that sit in a block citing no source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

_DIRECTIVE_RE = re.compile(r"^\{([\w:-]+)\}")
_OPTION_RE = re.compile(r"^:[\w-]+:")
# Directives whose content is not prose (bibliography, code, math, raw output).
_SKIPPED_DIRECTIVES = {"footbibliography", "bibliography", "code-cell", "code-block", "code", "math",
                       "raw", "eval-rst", "literalinclude", "glue"}
# Directives whose argument is an identifier or a layout, not a title a reader sees (and every kaart-*).
_ARGUMENT_NOT_PROSE = {"kaart-figure", "grid", "figure", "image", "include", "tab-set"}

# Roles a reader sees as text: a glossary term, a labelled cross-reference; every other role is a citation key
# or a target, not prose.
_LABELLED_ROLE_RE = re.compile(r"\{(?:term|doc|ref|download|numref)\}`([^`<]*?)\s*<[^`]*>`")
TERM_ROLE_RE = re.compile(r"\{term\}`([^`]+)`")
_ROLE_RE = re.compile(r"\{[\w:-]+\}`[^`]*`")
_CODE_RE = re.compile(r"`[^`]*`")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_AUTOLINK_RE = re.compile(r"<https?://[^>]+>")
_URL_RE = re.compile(r"https?://\S+")
_HTML_RE = re.compile(r"<[^>]+>")
_MARKUP_RE = re.compile(r"[*_~]+")

# A citation in the block: a bibliography role, or an explicit « Source : » mention.
CITATION_RE = re.compile(r"\{(?:foot)?cite(?::\w+)?\}`|\bsources?\s*:", re.IGNORECASE)

_NUMBER = r"(?<![\w,.])[+\-−±]?\d+(?:[ \u00a0\u202f]\d{3})*(?:[,.]\d+)?"
_UNITS = (r"%|°\s?C|km²|km2|km|m²|mètres|m|M€|Md€|k€|€|euros|millions?|milliards?|habitants|hab\.|"
          r"communes|logements|jours|ans|tonnes|hectares|ha|intercommunalités|EPCI")
FIGURE_RE = re.compile(rf"{_NUMBER}[ \u00a0\u202f]?(?:{_UNITS})(?![\w])")


@dataclass(frozen=True)
class Block:
    line: int  # 1-based line of the block in the page
    kind: str  # "paragraph", "heading", "table-row" or "title" (a directive's argument, e.g. a card title)
    source: str  # the block's Markdown

    @property
    def text(self) -> str:
        return plain_text(self.source)


def plain_text(markdown: str) -> str:
    """Text a reader sees: glossary terms and labelled references keep their visible text; other roles,
    inline code, URLs, HTML and emphasis marks are removed; link texts are kept."""
    text = _LABELLED_ROLE_RE.sub(r"\1", markdown)
    text = TERM_ROLE_RE.sub(r"\1", text)
    text = _ROLE_RE.sub(" ", text)
    text = _CODE_RE.sub(" ", text)
    text = _LINK_RE.sub(r"\1", text)
    text = _AUTOLINK_RE.sub(" ", text)
    text = _URL_RE.sub(" ", text)
    text = _HTML_RE.sub(" ", text)
    return _MARKUP_RE.sub("", text)


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(colon_fence_plugin)


def _directive_body(content: str) -> tuple[str, int]:
    """Content of a directive without its option lines (or YAML options block), and how many lines were cut."""
    lines = content.splitlines()
    skipped = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"), None)
        if end is not None:
            skipped = end + 1
    while skipped < len(lines) and _OPTION_RE.match(lines[skipped]):
        skipped += 1
    return "\n".join(lines[skipped:]), skipped


def _blocks(text: str, offset: int) -> list[Block]:
    blocks: list[Block] = []
    row_start, row_cells = 0, []
    kind, in_cell = "paragraph", False
    for token in _parser().parse(text):
        line = offset + (token.map[0] + 1 if token.map else 0)
        if token.type == "heading_open":
            kind = "heading"
        elif token.type == "paragraph_open":
            kind = "paragraph"
        elif token.type == "tr_open":
            row_start, row_cells = line, []
        elif token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "tr_close":
            blocks.append(Block(row_start, "table-row", " | ".join(row_cells)))
        elif token.type == "inline":
            if in_cell:
                row_cells.append(token.content)
            else:
                blocks.append(Block(line, kind, token.content))
        elif token.type in ("fence", "colon_fence"):
            match = _DIRECTIVE_RE.match(token.info.strip())
            if match is None or match.group(1) in _SKIPPED_DIRECTIVES:
                continue
            argument = token.info.strip()[match.end():].strip()
            if argument and match.group(1) not in _ARGUMENT_NOT_PROSE and not match.group(1).startswith("kaart-"):
                blocks.append(Block(line, "title", argument))
            body, cut = _directive_body(token.content)
            blocks.extend(_blocks(body, line + cut))
    return blocks


def prose_blocks(text: str) -> list[Block]:
    """Every prose block of a MyST page, in order, with its line number in the page."""
    return _blocks(text, 0)


# A straight apostrophe right before markup (« l'**élu** », « l'{term}`ADEME` », « l'« îlot ») is taken by the
# smart-quotes pass for a closing quote: the page shows « l”élu ». Write the typographic apostrophe ’ there.
_APOSTROPHE_BEFORE_MARKUP_RE = re.compile(r"(?<=[^\W\d_])'(?=[*_{\[`«\s])")


def apostrophes_before_markup(page: str) -> list[tuple[int, str]]:
    """``(line, excerpt)`` for each straight apostrophe that the page would render as a closing quote."""
    problems = []
    for number, line in enumerate(page.splitlines(), start=1):
        for match in _APOSTROPHE_BEFORE_MARKUP_RE.finditer(line):
            problems.append((number, line[max(0, match.start() - 20):match.end() + 20]))
    return problems


@dataclass(frozen=True)
class UnsourcedFigure:
    line: int
    figure: str
    block: str

    def __str__(self) -> str:
        return f"{self.line}: « {self.figure} » sans source dans : {self.block[:100]}"


def figures_in(text: str) -> list[str]:
    """Numbers followed by a unit (%, °C, km, €, habitants, communes, jours, ans…) in a plain text."""
    return [match.group(0) for match in FIGURE_RE.finditer(text)]


def unsourced_figures(page: str) -> list[UnsourcedFigure]:
    """Figures with a unit that sit in a paragraph, list item or table row citing no source."""
    problems = []
    for block in prose_blocks(page):
        if CITATION_RE.search(block.source):
            continue
        for figure in figures_in(block.text):
            problems.append(UnsourcedFigure(block.line, figure, block.text.strip()))
    return problems
