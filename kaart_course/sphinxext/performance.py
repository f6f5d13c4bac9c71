"""Pages that show fast on a phone, and say what they are about to a search engine.

The themes link eleven style sheets and ten blocking scripts in every page's head; a phone on a slow network
waits for all of them before it paints anything (Lighthouse measured a first paint after 3 s). At the end of an
HTML build this:

- merges the theme's and the book's style sheets (Sphinx's basic.css, the pydata and book themes, Pygments,
  toggle and copy buttons, myst-nb, sphinx-design, ``_static/kaart.css``, in the order the pages linked them)
  into one ``_static/kaart-site.css`` and keeps only the rules the site can use (PurgeCSS, run by
  ``scripts/purge-css.mjs`` over every built page and script). Each page links that one sheet, plus the CSS
  of the widgets it holds;
- makes the theme's scripts ``defer``: they only wire up buttons once the page is read. The widgets' scripts
  stay blocking, so that each widget mounts where it stands, before the page below is laid out;
- gives every page a ``<meta name="description">``: the ``description`` of its front matter, or its first
  paragraph of text, or its objectives, cut at a word under 160 characters;
- adds a ``<link rel="canonical">`` (Sphinx's ``html_baseurl``) once the published address is set, and a
  ``robots.txt``.

Only the ``html`` builder is changed: the single-page build that the PDF is printed from keeps its sheets.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript
from sphinx.config import Config
from sphinx.util import logging

from kaart_course.paths import REPO_ROOT

logger = logging.getLogger(__name__)

BUNDLE = "kaart-site.css"
PURGE_SCRIPT = REPO_ROOT / "scripts" / "purge-css.mjs"
# The sheets merged, in the order the pages link them (theme.css only @imports basic.css).
MERGED_SHEETS = [
    "basic.css",
    "styles/pydata-sphinx-theme.css",
    "pygments.css",
    "styles/sphinx-book-theme.css",
    "togglebutton.css",
    "copybutton.css",
    "mystnb.*.css",
    "sphinx-design.min.css",
    "kaart.css",
]
# Scripts that a page's own inline scripts call while it is parsed: they must run before them. The search
# page's own scripts (searchtools.js, written by its template) call Sphinx's doctools as they load.
BLOCKING_SCRIPTS = ("documentation_options.js", "kaart-")
SEARCH_PAGE_BLOCKING = ("doctools.js", "sphinx_highlight.js")
# Pages with no text of their own.
GENERATED_PAGES = {
    "search": "Rechercher un mot dans toutes les pages du cours KAART, hors connexion.",
    "genindex": "Index des termes du cours KAART.",
}
DESCRIPTION_LENGTH = 160
PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net")


def _active(app: Sphinx) -> bool:
    return app.builder.name == "html"


def _merged(css_file) -> bool:
    name = (css_file.filename or "").split("?")[0]
    return any(Path(name).match(pattern) for pattern in MERGED_SHEETS)


def _is_published(url: str) -> bool:
    return bool(url) and not any(host in url for host in PLACEHOLDER_HOSTS)


def _set_base_url(app: Sphinx, config: Config) -> None:
    if not config.html_baseurl and _is_published(config.kaart_site_url):
        config.html_baseurl = config.kaart_site_url


# --- The page's description ----------------------------------------------------------------------------------


def _shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return cut + "…"


def _inside_a_block(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (nodes.Admonition, nodes.table, nodes.footnote, nodes.citation, nodes.topic,
                               nodes.sidebar, nodes.figure, nodes.raw, nodes.list_item)):
            return True
        if isinstance(parent, nodes.container) and "kaart-print-form" in parent.get("classes", []):
            return True
        parent = parent.parent
    return False


def page_description(doctree: nodes.document | None, metadata: dict, title: str = "") -> str:
    """What a page is about, in one plain sentence or two: front matter, else first paragraph, else objectives."""
    if metadata.get("description"):
        return _shorten(str(metadata["description"]))
    if doctree is None:
        return _shorten(title)
    for paragraph in doctree.findall(nodes.paragraph):
        text = paragraph.astext().strip()
        if len(text) >= 40 and not _inside_a_block(paragraph):
            return _shorten(text)
    objectives = [item.astext() for block in doctree.findall(nodes.admonition)
                  if "kaart-objectifs" in block.get("classes", [])
                  for item in block.findall(nodes.list_item)]
    if objectives:
        return _shorten(" ".join(item.rstrip(".") + "." for item in objectives))
    return _shorten(title)


# --- Page assets ---------------------------------------------------------------------------------------------


def _deferred(script: _JavaScript, pagename: str) -> _JavaScript:
    if not script.filename:
        return script  # an inline script
    name = Path(script.filename.split("?")[0]).name
    attributes = dict(script.attributes)
    blocking = BLOCKING_SCRIPTS + (SEARCH_PAGE_BLOCKING if pagename == "search" else ())
    if (attributes.get("defer") or attributes.get("async")
            or attributes.get("type") not in (None, "text/javascript")
            or name.startswith(blocking)):
        return script
    return _JavaScript(script.filename, priority=script.priority, **{**attributes, "defer": "defer"})


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not _active(app):
        return
    css_files = [css for css in context.get("css_files", []) if not _merged(css)]
    context["css_files"] = css_files
    context["kaart_site_css"] = f"_static/{BUNDLE}"
    context["script_files"] = [_deferred(script, pagename) for script in context.get("script_files", [])]
    metadata = app.env.metadata.get(pagename, {})
    description = GENERATED_PAGES.get(pagename) or page_description(doctree, metadata, context.get("title", ""))
    if description:
        context["metatags"] = (context.get("metatags", "")
                               + f'\n<meta name="description" content="{escape(description, quote=True)}" />')


# --- At the end of the build ---------------------------------------------------------------------------------


_URL = re.compile(r"""url\((['"]?)(?!data:|https?:|/|#)([^'")]+)\1\)""")


def rebase_urls(css: str, sheet: Path, static: Path) -> str:
    """``css`` of ``sheet`` with its relative ``url(…)`` rewritten for a sheet that sits in ``static``."""
    def rebase(match: re.Match) -> str:
        target = (sheet.parent / match.group(2)).resolve()
        return f'url("{os.path.relpath(target, static.resolve()).replace(os.sep, "/")}")'

    return _URL.sub(rebase, css)


def _merge_style_sheets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _active(app):
        return
    static = Path(app.outdir) / "_static"
    sheets = [path for pattern in MERGED_SHEETS for path in sorted(static.glob(pattern))]
    merged = "\n".join(rebase_urls(path.read_text(encoding="utf-8"), path, static) for path in sheets)
    node = shutil.which("node")
    if node is None or not (REPO_ROOT / "node_modules" / "purgecss").exists():
        logger.warning("PurgeCSS absent (npm ci) : %s contient toutes les règles", BUNDLE, type="kaart", subtype="css")
        (static / BUNDLE).write_text(merged, encoding="utf-8")
        return
    with tempfile.TemporaryDirectory(prefix="kaart-css-") as tmp:
        whole = Path(tmp) / "merged.css"
        whole.write_text(merged, encoding="utf-8")
        result = subprocess.run([node, str(PURGE_SCRIPT), str(app.outdir), str(static / BUNDLE), str(whole)],
                                cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        logger.warning("fusion des feuilles de style impossible : %s", result.stderr.strip()[-2000:],
                       type="kaart", subtype="css")
        return
    subset_icon_fonts((static / BUNDLE).read_text(encoding="utf-8"), static)


# An icon is a character of Unicode's private use area in the CSS, escaped (``content: "\\f0c9"``) or as is (the
# theme's icon variables, such as ``--pst-icon-exclamation-circle``, hold the character itself).
_ICON = re.compile(r'["\']\\((?:e|f)[0-9a-f]{3})["\']', re.IGNORECASE)


def subset_icon_fonts(css: str, static: Path) -> dict[str, tuple[int, int]]:
    """Cut the theme's icon fonts down to the icons that ``css`` still draws; returns each font's bytes
    (before, after). Font Awesome's solid face alone weighs 156 KB in WOFF2 for the dozen icons the site shows.
    The theme's original font is the source each time, so a new icon on a later build is never missing."""
    from fontTools import subset
    import pydata_sphinx_theme

    codepoints = sorted({int(code, 16) for code in _ICON.findall(css)}
                        | {ord(char) for char in css if 0xE000 <= ord(char) <= 0xF8FF})
    originals = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    sizes = {}
    for font in sorted((static / "vendor" / "fontawesome" / "webfonts").glob("*.woff2")):
        original = originals / font.relative_to(static)
        if not codepoints or not original.exists():
            continue
        options = subset.Options(flavor="woff2", layout_features=["*"], notdef_outline=True)
        subsetter = subset.Subsetter(options)
        face = subset.load_font(str(original), options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(face)
        subset.save_font(face, str(font), options)
        sizes[font.name] = (original.stat().st_size, font.stat().st_size)
    return sizes


def _write_robots(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _active(app):
        return
    lines = ["User-agent: *", "Allow: /"]
    (Path(app.outdir) / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _set_base_url)
    # After every extension has added its page assets (the widgets' at 800).
    app.connect("html-page-context", _page_context, priority=900)
    app.connect("build-finished", _merge_style_sheets)
    app.connect("build-finished", _write_robots)
