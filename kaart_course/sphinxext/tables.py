"""Tables that a phone can read: reflowed into one card per row, or a scroll area that says it scrolls.

At 390 px a three-column table of sentences is cut off at the right edge, and nothing tells the reader that it
scrolls. On each HTML page, every table of the content (the ones the theme wraps in
``pst-scrollable-table-container``):

- with a header row and no merged cell, gets the class ``kaart-reflow`` and, on each data cell, the text of its
  column's header (``data-label``): on a narrow screen ``_static/kaart.css`` shows each row as a card where
  every value is preceded by its header. Explicit ARIA roles keep the table a table for screen readers once
  its CSS display is no longer ``table`` (Safari drops the semantics otherwise);
- otherwise stays a table in a scroll area that the keyboard can reach (``tabindex="0"``) and that is named
  (``role="region"``, ``aria-label`` from the caption or the header); the CSS shows shadows at the edge that
  has more to see.
"""

from __future__ import annotations

import html
import re

from sphinx.application import Sphinx

CONTAINER = '<div class="pst-scrollable-table-container">'
_TABLE = re.compile(re.escape(CONTAINER) + r"(<table\b[^>]*>)(.*?)</table>\s*</div>", re.DOTALL)
_THEAD = re.compile(r"<thead>(.*?)</thead>", re.DOTALL)
_TBODY = re.compile(r"<tbody>(.*?)</tbody>", re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.DOTALL)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
_CELL_START = re.compile(r"<(td|th)\b")
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.DOTALL)


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub("", _HEADERLINK.sub("", fragment)))).strip()


def _with_class(tag: str, name: str) -> str:
    if 'class="' in tag:
        return tag.replace('class="', f'class="{name} ', 1)
    return tag[:-1] + f' class="{name}">'


def _reflowed(table_tag: str, inner: str) -> str | None:
    """The table with column labels on its cells, or None when it cannot be reflowed."""
    thead, tbody = _THEAD.search(inner), _TBODY.search(inner)
    if not thead or not tbody or "rowspan" in inner or "colspan" in inner or "<table" in inner:
        return None
    header_rows = _ROW.findall(thead.group(1))
    if len(header_rows) != 1:
        return None
    labels = [_text(cell) for cell in _HEADER_CELL.findall(header_rows[0])]
    if len(labels) < 2:
        return None

    def label_row(row: re.Match) -> str:
        column = iter(labels)

        def label_cell(cell: re.Match) -> str:
            label = next(column, "")
            attributes = ' role="cell"' if cell.group(1) == "td" else ' role="rowheader"'
            if label:
                attributes += f' data-label="{html.escape(label, quote=True)}"'
            return f"<{cell.group(1)}{attributes}"

        opening = row.group(0)[: row.group(0).index(">") + 1]
        return opening.replace("<tr", '<tr role="row"', 1) + _CELL_START.sub(label_cell, row.group(1)) + "</tr>"

    head = _ROW.sub(lambda row: row.group(0).replace("<tr", '<tr role="row"', 1).replace(
        "<th ", '<th role="columnheader" '), thead.group(0))
    head = head.replace("<thead>", '<thead role="rowgroup">', 1)
    body = "<tbody role=\"rowgroup\">" + _ROW.sub(label_row, tbody.group(1)) + "</tbody>"
    inner = inner[: thead.start()] + head + inner[thead.end(): tbody.start()] + body + inner[tbody.end():]
    table_tag = _with_class(table_tag, "kaart-reflow").replace("<table", '<table role="table"', 1)
    return f"{CONTAINER}{table_tag}{inner}</table></div>"


def _scroll_area(table_tag: str, inner: str) -> str:
    caption = _CAPTION.search(inner)
    header = _HEADER_CELL.search(inner)
    name = _text(caption.group(1)) if caption else (_text(header.group(1)) if header else "")
    label = f"Tableau « {name} », faites-le défiler" if name else "Tableau, faites-le défiler"
    opening = (f'<div class="pst-scrollable-table-container kaart-table-scroll" tabindex="0" role="region" '
               f'aria-label="{html.escape(label, quote=True)}">')
    return f"{opening}{table_tag}{inner}</table></div>"


def phone_tables(body: str) -> str:
    """The page's HTML ``body`` with every content table readable on a phone (see the module's doc)."""
    def rewrite(match: re.Match) -> str:
        table_tag, inner = match.group(1), match.group(2)
        return _reflowed(table_tag, inner) or _scroll_area(table_tag, inner)

    return _TABLE.sub(rewrite, body)


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name == "html" and CONTAINER in context.get("body", ""):
        context["body"] = phone_tables(context["body"])


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _page_context)
