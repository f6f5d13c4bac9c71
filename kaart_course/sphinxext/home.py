"""Write the site's index.html as a real French page that redirects to the book's first page.

sphinx-external-toc writes a bare ``<meta http-equiv="Refresh">`` with no language, title or link when the
root page is not ``index``: screen readers and axe-core reject it. Running first, this leaves it nothing to do.
Its icon is empty (``data:``): the page leaves at once, and with no icon the browser asks for /favicon.ico.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from sphinx.application import Sphinx

from kaart_course.sphinxext.performance import page_description

_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0; url={url}">
<link rel="canonical" href="{url}">
<link rel="icon" href="data:,">
<meta name="description" content="{description}">
<title>{title}</title>
</head>
<body>
<p><a href="{url}">Aller à l'accueil du cours</a></p>
</body>
</html>
"""


def _write_home(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    url = escape(app.builder.get_target_uri(app.config.root_doc), quote=True)
    title = escape(app.config.html_title or app.config.project, quote=False)
    root = app.config.root_doc
    description = page_description(app.env.get_doctree(root), app.env.metadata.get(root, {}), title)
    (Path(app.outdir) / "index.html").write_text(
        _PAGE.format(url=url, title=title, description=escape(description, quote=True)), encoding="utf-8")


def setup(app: Sphinx) -> None:
    # Before sphinx-external-toc's own redirect (default priority 500), which skips an existing index.html.
    app.connect("build-finished", _write_home, priority=400)
