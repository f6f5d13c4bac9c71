"""Docutils nodes from the inline trees of kaart_course._markdown (for printed and non-HTML output)."""

from __future__ import annotations

from docutils import nodes


def inline_nodes(tree: list[dict]) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for node in tree:
        kind = node["t"]
        if kind == "text":
            result.append(nodes.Text(node["v"]))
        elif kind == "br":
            result.append(nodes.Text("\n"))
        elif kind == "code":
            result.append(nodes.literal(text=node["v"]))
        elif kind == "strong":
            result.append(nodes.strong("", "", *inline_nodes(node["c"])))
        elif kind == "em":
            result.append(nodes.emphasis("", "", *inline_nodes(node["c"])))
        elif kind == "link":
            result.append(nodes.reference("", "", *inline_nodes(node["c"]), refuri=node["href"]))
        else:
            result.extend(inline_nodes(node.get("c", [])))
    return result


def paragraph(tree: list[dict], *prefix: nodes.Node, classes: list[str] | None = None) -> nodes.paragraph:
    return nodes.paragraph("", "", *prefix, *inline_nodes(tree), classes=classes or [])
