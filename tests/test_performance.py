"""What makes pages fast on a phone (kaart_course/sphinxext/performance.py): one merged style sheet with every
rule a page uses, icon fonts that still draw every icon, deferred theme scripts, a description on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docutils.core import publish_doctree

from kaart_course.sphinxext.performance import BUNDLE, _ICON, page_description, rebase_urls, _shorten


def test_description_is_the_first_paragraph_of_text_cut_at_a_word() -> None:
    doctree = publish_doctree("Titre\n=====\n\n.. note::\n\n   Dans un bloc, ignoré pour la description.\n\n"
                              "Court.\n\n" + "Un premier vrai paragraphe qui dit de quoi parle la page " * 5)
    description = page_description(doctree, {})
    assert description.startswith("Un premier vrai paragraphe")
    assert len(description) <= 160 and description.endswith("…") and not description.endswith(" …")


def test_front_matter_description_wins() -> None:
    assert page_description(None, {"description": "Dit en  une\nphrase."}) == "Dit en une phrase."


def test_shorten_keeps_short_text() -> None:
    assert _shorten("  Deux   mots ") == "Deux mots"


def test_relative_urls_follow_the_merged_sheet(tmp_path: Path) -> None:
    static = tmp_path / "_static"
    sheet = static / "styles" / "theme.css"
    css = 'a{src:url(../vendor/f.woff2)} b{background:url("data:image/svg+xml;x")} c{src:url(https://x.org/y)}'
    rebased = rebase_urls(css, sheet, static)
    assert 'url("vendor/f.woff2")' in rebased
    assert 'url("data:image/svg+xml;x")' in rebased and "url(https://x.org/y)" in rebased



@pytest.mark.book
def test_every_icon_of_the_site_css_is_in_its_font(built_book) -> None:
    from fontTools.ttLib import TTFont

    static = built_book.html_dir / "_static"
    css = (static / BUNDLE).read_text(encoding="utf-8")
    wanted = {int(code, 16) for code in _ICON.findall(css)} | {ord(c) for c in css if 0xE000 <= ord(c) <= 0xF8FF}
    fonts = sorted((static / "vendor" / "fontawesome" / "webfonts").glob("*.woff2"))
    drawn = set()
    for font in fonts:
        drawn |= set(TTFont(font).getBestCmap())
    assert wanted and wanted <= drawn, f"icons with no glyph: {sorted(hex(c) for c in wanted - drawn)}"
    assert sum(font.stat().st_size for font in fonts) < 20_000


@pytest.mark.book
def test_page_links_one_site_sheet_defers_theme_scripts_and_has_a_description(built_book, book_page: str) -> None:
    html = (built_book.html_dir / book_page).read_text(encoding="utf-8")
    if 'http-equiv="refresh"' in html:  # the home page only redirects
        assert re.search(r'<meta name="description" content="[^"]{40,}"', html)
        return
    sheets = re.findall(r'<link[^>]+rel="stylesheet"[^>]*>', html)
    assert any(BUNDLE in sheet for sheet in sheets)
    assert not [sheet for sheet in sheets if "pydata-sphinx-theme.css" in sheet or "sphinx-book-theme.css" in sheet]
    assert [sheet for sheet in sheets if "kaart-" not in sheet] == []
    blocking = re.findall(r'<script src="([^"]+)"', html)
    allowed = ("documentation_options.js", "kaart-", "searchtools.js", "language_data.js", "searchindex.js",
               "doctools.js", "sphinx_highlight.js")
    assert [src for src in blocking if not Path(src.split("?")[0]).name.startswith(allowed)] == []
    if book_page != "search.html":
        assert not [src for src in blocking if "doctools" in src or "sphinx_highlight" in src]
    description = re.search(r'<meta name="description" content="([^"]*)"', html)
    assert description and 20 <= len(description.group(1)) <= 160, book_page
