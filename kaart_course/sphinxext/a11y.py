"""Small fixes of markup that other extensions generate and that screen readers or axe-core reject.

docutils writes a bibliography as ``role="list"`` holding ``role="doc-biblioentry"`` items, which is not a
valid list for assistive technologies: the entries become plain list items.
"""

from __future__ import annotations

from sphinx.application import Sphinx

REPLACEMENTS = (
    ('<div class="citation" id="', '<div class="citation" role="listitem" id="'),
    (' role="doc-biblioentry"', ""),
)


def _fix_body(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    if 'class="citation-list"' not in body:
        return
    for old, new in REPLACEMENTS:
        body = body.replace(old, new)
    context["body"] = body


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _fix_body)
