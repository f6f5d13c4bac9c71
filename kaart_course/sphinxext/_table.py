"""One way to build a docutils table in the book's widgets and printed forms."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes

Cell = str | nodes.Node | Sequence[nodes.Node]


def _entry(cell: Cell, blank: str, blank_class: str | None) -> nodes.entry:
    if isinstance(cell, str):
        entry = nodes.entry("", nodes.paragraph(text=cell or blank))
        if not cell and blank_class:
            entry["classes"].append(blank_class)
        return entry
    if isinstance(cell, nodes.Node):
        return nodes.entry("", cell)
    return nodes.entry("", *cell)


def table(headers: Sequence[Cell], rows: Iterable[Sequence[Cell]], widths: Sequence[int],
          classes: Sequence[str] = (), title: str | None = None, blank: str = "",
          blank_class: str | None = None) -> nodes.table:
    """A table with one header row. A cell is text, a node or a list of nodes; an empty text cell is room to
    write on paper, holding ``blank`` (a no-break space keeps the row's height) and marked ``blank_class``.
    ``title`` becomes the caption, which a screen reader announces with the table."""
    result = nodes.table(classes=list(classes))
    if title:
        result += nodes.title(text=title)
    group = nodes.tgroup(cols=len(headers))
    result += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += nodes.row("", *[_entry(h, "", None) for h in headers])
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row("", *[_entry(cell, blank, blank_class) for cell in cells])
    group += body
    return result
