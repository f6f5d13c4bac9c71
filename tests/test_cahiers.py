"""The 2022 publication and its six cahiers (kaart_course.cahiers), the {kaart-cahier} box, and the rule that
every territory page sends its reader to its cahier."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest

from kaart_course._data import DataError
from kaart_course.cahiers import load_publication
from kaart_course.paths import REPO_ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "cahiers"
TERRITORY_PAGES = {
    "01-grandes-villes-metropoles": "grandes-villes",
    "02-villes-moyennes": "villes-moyennes",
    "03-petites-villes": "petites-villes",
    "04-littoral": "littoral",
    "05-montagne": "montagne",
    "06-outre-mer": "outre-mer",
}
_DIRECTIVE_RE = re.compile(r"^:::\{kaart-cahier\}\s+([\w-]+)", re.MULTILINE)


def test_the_publication_and_its_six_cahiers_load():
    publication = load_publication()
    assert publication.title == "Climat, crises : comment transformer nos territoires"
    assert publication.date == "2022-10-11"
    assert publication.url.startswith("https://theshiftproject.org/")
    assert {c.shift_title for c in publication.cahiers} == {"Villes", "Campagnes", "Métropoles", "Montagne", "Littoral",
                                                            "Outre-mer"}
    assert [c.id for c in publication.cahiers] == ["grandes-villes", "villes-moyennes", "petites-villes", "littoral",
                                                   "montagne", "outre-mer"], "the course's six, listed once"


def test_broken_data_names_file_line_item_and_field():
    with pytest.raises(DataError) as raised:
        load_publication(FIXTURES / "casse.yml")
    problems = [str(problem) for problem in raised.value.problems]
    assert any(re.search(r"casse\.yml:5: publication: url: adresse http\(s\) attendue", p) for p in problems), problems
    assert any(re.search(r"casse\.yml:10: villes-moyennes: pdf: adresse http\(s\) attendue", p) for p in problems), problems
    assert any(re.search(r"casse\.yml:11: banlieues: id: cahier inconnu", p) for p in problems), problems
    assert any(re.search(r"casse\.yml:14: montagne: auteur: champ inconnu", p) for p in problems), problems


@pytest.mark.parametrize(("page", "cahier"), TERRITORY_PAGES.items())
def test_every_territory_page_links_its_cahier(page, cahier):
    text = (REPO_ROOT / "modules" / "02-territoires" / f"{page}.md").read_text(encoding="utf-8")
    assert _DIRECTIVE_RE.findall(text) == [cahier], f"{page} : un bloc {{kaart-cahier}} {cahier} attendu"
    assert ":class: kaart-depuis-2022" in text, f"{page} : encadré « Ce qui a changé depuis 2022 » absent"


def _sphinx_build(tmp_path, source: str) -> tuple[str, str]:
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["kaart_course.sphinxext.cahier"]\nlanguage = "fr"\n', encoding="utf-8")
    (src / "index.rst").write_text(source, encoding="utf-8")
    warnings = StringIO()
    app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html",
                 status=StringIO(), warning=warnings, freshenv=True)
    app.build()
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in warnings.getvalue().splitlines()]
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    return html, "\n".join(line for line in lines if "is already registered" not in line)


def test_the_box_names_the_publication_and_links_it_for_a_qr_code(tmp_path):
    html, warnings = _sphinx_build(tmp_path, "Page\n====\n\n.. kaart-cahier:: montagne\n   :aussi: petites-villes, villes-moyennes\n\n"
                                             "   Choisissez selon la taille de la commune.\n")
    assert warnings == ""
    assert "Le cahier à lire : Montagne" in html and "Climat, crises : comment transformer nos territoires" in html
    assert "11 octobre 2022" in html and "À parcourir aussi : Campagnes et Villes." in html
    assert "Choisissez selon la taille de la commune." in html
    assert re.search(r'<a class="[^"]*kaart-qr-link[^"]*" href="https://theshiftproject\.org/resilience-des-territoires/"',
                     html), html


def test_an_unknown_cahier_is_an_error(tmp_path):
    _, warnings = _sphinx_build(tmp_path, "Page\n====\n\n.. kaart-cahier:: banlieues\n")
    assert "ERROR" in warnings and "banlieues" in warnings


@pytest.mark.book
def test_built_territory_pages_link_the_publication(built_book):
    url = load_publication().url
    for page in TERRITORY_PAGES:
        html = (built_book.html_dir / "modules" / "02-territoires" / f"{page}.html").read_text(encoding="utf-8")
        assert re.search(rf'class="[^"]*kaart-qr-link[^"]*" href="{re.escape(url)}"', html), page
        assert "Ce qui a changé depuis 2022" in html, page
