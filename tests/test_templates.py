"""The message templates in ``data/modeles/``: readable, free of leftover placeholders, linked from a page, and
served unchanged by the built site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from kaart_course.course_plan import course_plan
from kaart_course.paths import DATA_DIR, REPO_ROOT

TEMPLATES_DIR = DATA_DIR / "modeles"
TEMPLATES = sorted(TEMPLATES_DIR.glob("*.txt"))

_FIELD_RE = re.compile(r"\[([^\[\]\n]+)\]")
_LEFTOVER_RE = re.compile(r"[{}<>]|\bTODO\b|\bXXX\b|\bFIXME\b|\bLorem\b|\.\.\.")
_DOWNLOAD_RE = re.compile(r"\{download\}`(?:[^`<]*<([^>`]+)>|([^`]+))`")


def _documented_fields() -> set[str]:
    readme = (TEMPLATES_DIR / "README.md").read_text(encoding="utf-8")
    return {match.group(1) for match in re.finditer(r"^\| \[([^\]]+)\] \|", readme, re.MULTILINE)}


def test_there_are_templates_for_every_step():
    names = {path.stem for path in TEMPLATES}
    assert {"demande-rdv-maire", "demande-rdv-president-intercommunalite", "demande-rdv-technicien",
            "courrier-demande-rdv", "remerciements", "relance-trois-mois", "compte-rendu-rencontre",
            "partage-reseau"} <= names


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_is_utf8_text_and_not_empty(path):
    text = path.read_bytes().decode("utf-8")
    assert len(text.strip()) > 200
    assert "\r" not in text and "\t" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_only_uses_documented_fillable_fields(path):
    text = path.read_text(encoding="utf-8")
    fields = set(_FIELD_RE.findall(text))
    undocumented = sorted(fields - _documented_fields())
    assert not undocumented, f"{path.name}: champs non documentés dans data/modeles/README.md : {undocumented}"
    without_fields = _FIELD_RE.sub("", text)
    assert "[" not in without_fields and "]" not in without_fields, f"{path.name}: crochet isolé"
    leftovers = _LEFTOVER_RE.findall(without_fields)
    assert not leftovers, f"{path.name}: reste de gabarit : {leftovers}"


def test_the_placeholder_check_can_fail():
    broken = "Bonjour {nom},\nVoir <lien> et [Champ inventé]. TODO\n"
    assert _LEFTOVER_RE.findall(_FIELD_RE.sub("", broken)) == ["{", "}", "<", ">", "TODO"]
    assert "Champ inventé" not in _documented_fields()


def _linked_templates() -> dict[str, list[str]]:
    """Template file name -> pages of the book that offer it with {download}."""
    linked: dict[str, list[str]] = {}
    for page in course_plan():
        source = next(REPO_ROOT.glob(f"{page.docname}.*"))
        for match in _DOWNLOAD_RE.finditer(source.read_text(encoding="utf-8")):
            target = (source.parent / (match.group(1) or match.group(2)).strip()).resolve()
            assert target.exists(), f"{page.docname}: {{download}} vers un fichier absent : {target}"
            if target.parent == TEMPLATES_DIR.resolve():
                linked.setdefault(target.name, []).append(page.docname)
    return linked


def test_every_template_is_linked_from_a_page():
    linked = _linked_templates()
    orphans = [path.name for path in TEMPLATES if path.name not in linked]
    assert not orphans, f"modèles proposés par aucune page : {orphans}"


# --- In the built site ----------------------------------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.downloads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        if tag == "a" and "_downloads/" in href:
            self.downloads.append(href)


@pytest.fixture(scope="module")
def built_html(built_book) -> Path:
    return built_book.html_dir


@pytest.mark.book
def test_built_download_links_serve_the_templates_unchanged(built_html):
    served: dict[str, list[Path]] = {}
    for html in built_html.rglob("*.html"):
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8"))
        for href in parser.downloads:
            target = (html.parent / unquote(href.split("#")[0])).resolve()
            assert target.is_file(), f"{html.relative_to(built_html)}: lien de téléchargement cassé : {href}"
            served.setdefault(target.name, []).append(target)
    for template in TEMPLATES:
        assert template.name in served, f"{template.name}: aucun lien de téléchargement dans le site construit"
        for target in served[template.name]:
            data = target.read_bytes()
            data.decode("utf-8")
            assert data == template.read_bytes(), f"{target} diffère de {template}"
