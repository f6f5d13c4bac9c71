"""The small Markdown subset allowed in course data (quiz text, pitch advice): parsed once, in Python.

Text becomes an inline tree of plain data that every renderer walks: the browser builds DOM nodes from it
(never innerHTML), Sphinx builds docutils nodes for print. Raw HTML is never interpreted: it stays text.

Tree nodes: ``{"t": "text", "v": str}``, ``{"t": "br"}``, ``{"t": "code", "v": str}``,
``{"t": "strong" | "em", "c": [...]}``, ``{"t": "link", "href": str, "c": [...]}``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from kaart_course._rules import is_safe_href

_PARSER = MarkdownIt("zero", {"html": False, "breaks": True}).enable(
    ["emphasis", "backticks", "link", "newline", "escape"]
)
def parse_inline(text: str) -> list[dict]:
    """The inline tree of ``text`` (lines joined by hard breaks)."""
    root: list[dict] = []
    stack = [root]
    paragraphs = [block for block in _PARSER.parse(str(text)) if block.type == "inline"]
    for number, block in enumerate(paragraphs):
        if number:
            stack[-1].extend([{"t": "br"}, {"t": "br"}])
        for token in block.children or []:
            if token.type == "text":
                stack[-1].append({"t": "text", "v": token.content})
            elif token.type in ("softbreak", "hardbreak"):
                stack[-1].append({"t": "br"})
            elif token.type == "code_inline":
                stack[-1].append({"t": "code", "v": token.content})
            elif token.type in ("strong_open", "em_open"):
                node = {"t": token.type[:-5], "c": []}
                stack[-1].append(node)
                stack.append(node["c"])
            elif token.type == "link_open":
                href = token.attrGet("href") or ""
                node = {"t": "link", "href": href, "c": []} if is_safe_href(href) else {"t": "span", "c": []}
                stack[-1].append(node)
                stack.append(node["c"])
            elif token.type in ("strong_close", "em_close", "link_close"):
                if len(stack) > 1:
                    stack.pop()
            else:
                stack[-1].append({"t": "text", "v": token.content})
    return _merge_text(root)


def _merge_text(nodes: list[dict]) -> list[dict]:
    merged: list[dict] = []
    for node in nodes:
        if "c" in node:
            node["c"] = _merge_text(node["c"])
        if node["t"] == "text" and merged and merged[-1]["t"] == "text":
            merged[-1] = {"t": "text", "v": merged[-1]["v"] + node["v"]}
        else:
            merged.append(node)
    return merged


def plain_text(nodes: list[dict]) -> str:
    """The tree as plain text (for word counts, search, alt text)."""
    parts = []
    for node in nodes:
        if node["t"] in ("text", "code"):
            parts.append(node["v"])
        elif node["t"] == "br":
            parts.append("\n")
        else:
            parts.append(plain_text(node["c"]))
    return "".join(parts)
