"""The page convention every course page follows, checked from its Markdown source.

A page opens with an ``{objectifs}`` block (with ``:duree:``) before its first section, and ends with
an ``{a-retenir}`` block followed by a ``{sources}`` block, the last thing on the page. Reference pages
(glossary, bibliography, progress) opt out with ``kaart: {page: reference}`` in their front matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from kaart_course._data import Collector, LineDict, Problem, parse_yaml

DURATION_RE = re.compile(r"^(?:(\d+)\s*h(?:\s*(\d+))?|(\d+)\s*min)$")
_DIRECTIVE_RE = re.compile(r"^\{([\w-]+)\}")
# The course's own front-matter keys, under ``kaart:`` (every other key belongs to Jupyter Book or MyST).
PAGE_KINDS = ("reference",)
QR_KINDS = ("liens",)
# ``impression: fiche``: a practical sheet, printed on one page of its own with room to write (kaart_course.pdf).
PRINT_KINDS = ("fiche",)


@dataclass(frozen=True)
class _Block:
    name: str
    line: int
    options: dict[str, str]


def parse_duration(text: str) -> int:
    """Minutes in a duration written « 20 min », « 1 h » or « 1 h 30 »; ValueError otherwise."""
    match = DURATION_RE.match(text.strip())
    if not match:
        raise ValueError(f"durée illisible {text!r} (attendu « 20 min », « 1 h » ou « 1 h 30 »)")
    hours, extra, minutes = match.groups()
    if minutes is not None:
        return int(minutes)
    return int(hours) * 60 + int(extra or 0)


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(front_matter_plugin).use(colon_fence_plugin)


def _options(content: str) -> dict[str, str]:
    options = {}
    for line in content.splitlines():
        match = re.match(r"^:([\w-]+):\s*(.*)$", line)
        if not match:
            break
        options[match.group(1)] = match.group(2).strip()
    return options


def read_page(text: str, path: Path = Path("page.md")) -> tuple[dict, list[tuple[str, int, object]]]:
    """Front matter and the page's top-level outline: ("heading", line, level) or ("block", line, _Block)."""
    front, _ = _front_matter(text, path)
    outline: list[tuple[str, int, object]] = []
    for token in _parser().parse(text):
        if token.level != 0:
            continue
        line = (token.map[0] + 1) if token.map else 0
        if token.type == "front_matter":
            continue
        elif token.type == "heading_open":
            outline.append(("heading", line, int(token.tag[1])))
        elif token.type in ("fence", "colon_fence"):
            match = _DIRECTIVE_RE.match(token.info.strip())
            if match:
                outline.append(("block", line, _Block(match.group(1), line, _options(token.content))))
            else:
                outline.append(("other", line, None))
        elif token.type.endswith("_open") or token.type in ("html_block", "hr", "code_block"):
            outline.append(("other", line, None))
    return front, outline


def _front_matter(text: str, path: Path) -> tuple[LineDict, list[Problem]]:
    for token in _parser().parse(text):
        if token.type == "front_matter":
            front, problems = parse_yaml(token.content, path, first_line=2)
            return (front if isinstance(front, dict) else LineDict()), problems
    return LineDict(), []


def page_options(path: Path, text: str | None = None) -> tuple[dict, list[Problem]]:
    """The page's ``kaart:`` options (``page: reference``, ``pdf: false``, ``qr: liens``), validated."""
    text = path.read_text(encoding="utf-8") if text is None else text
    front, problems = _front_matter(text, path)
    raw = front.get("kaart")
    if raw is None or problems:
        return {}, problems
    check = Collector(path)
    if not check.mapping(raw, front.line_of("kaart"), "", "kaart", "une table (page, pdf, qr, impression)"):
        return {}, check.problems
    check.unknown_keys(raw, ("page", "pdf", "qr", "impression"), "kaart")
    options = {"page": check.choice(raw, "page", "kaart", PAGE_KINDS, required=False),
               "pdf": check.boolean(raw, "pdf", "kaart", default=True),
               "qr": check.choice(raw, "qr", "kaart", QR_KINDS, required=False),
               "impression": check.choice(raw, "impression", "kaart", PRINT_KINDS, required=False)}
    return options, check.problems


def is_reference_page(front: dict) -> bool:
    return isinstance(front.get("kaart"), dict) and front["kaart"].get("page") == "reference"


def page_duration(path: Path) -> int | None:
    """Minutes declared by the page's ``{objectifs}`` block, or None when it declares none."""
    _, outline = read_page(path.read_text(encoding="utf-8"))
    for kind, _, item in outline:
        if kind == "block" and item.name == "objectifs" and "duree" in item.options:
            return parse_duration(item.options["duree"])
    return None


def check_page(path: Path, text: str | None = None) -> list[Problem]:
    """Every way the page at ``path`` breaks the convention (empty when it follows it)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    options, problems = page_options(path, text)
    if options.get("page") == "reference":
        return problems
    _, outline = read_page(text, path)
    blocks = [item for kind, _, item in outline if kind == "block"]
    names = [b.name for b in blocks]

    first_h2 = next((line for kind, line, level in outline if kind == "heading" and level >= 2), None)
    objectifs = next((b for b in blocks if b.name == "objectifs"), None)
    if objectifs is None:
        problems.append(Problem(path, 1, "", "objectifs", "bloc {objectifs} absent en début de page"))
    else:
        if first_h2 is not None and objectifs.line > first_h2:
            problems.append(Problem(path, objectifs.line, "", "objectifs", "le bloc doit précéder la première section"))
        if "duree" not in objectifs.options:
            problems.append(Problem(path, objectifs.line, "", "objectifs", "option :duree: absente"))
        else:
            try:
                parse_duration(objectifs.options["duree"])
            except ValueError as error:
                problems.append(Problem(path, objectifs.line, "", "objectifs", str(error)))

    if "a-retenir" not in names:
        problems.append(Problem(path, 1, "", "a-retenir", "bloc {a-retenir} absent en fin de page"))
    if "sources" not in names:
        problems.append(Problem(path, 1, "", "sources", "bloc {sources} absent en fin de page"))
    else:
        sources_line = next(b.line for b in blocks if b.name == "sources")
        last_kind, last_line, last_item = outline[-1]
        if not (last_kind == "block" and last_item.name == "sources"):
            problems.append(Problem(path, last_line, "", "sources", "le bloc {sources} doit clore la page"))
        if "a-retenir" in names:
            retenir_line = next(b.line for b in blocks if b.name == "a-retenir")
            if retenir_line > sources_line:
                problems.append(Problem(path, retenir_line, "", "a-retenir", "le bloc doit précéder {sources}"))
    return problems
