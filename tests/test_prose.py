"""Prose extraction and the figure-sourcing check (kaart_course.prose)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaart_course.course_plan import page_paths
from kaart_course.paths import REPO_ROOT
from kaart_course.prose import apostrophes_before_markup, figures_in, plain_text, prose_blocks, unsourced_figures


def _page(fixtures: Path) -> str:
    return (fixtures / "prose" / "page.md").read_text(encoding="utf-8")


def test_blocks_leave_out_front_matter_code_and_options(fixtures: Path) -> None:
    texts = [block.text for block in prose_blocks(_page(fixtures))]
    joined = "\n".join(texts)
    assert "Une page d'essai" in joined
    assert "Repérer un chiffre sans source." in joined  # inside {objectifs}
    assert "Un bloc imbriqué avec 3 km de côte." in joined  # inside {a-retenir}
    assert "duree" not in joined and "15 min" not in joined
    assert "print" not in joined and "reference" not in joined


def test_blocks_keep_their_line_numbers(fixtures: Path) -> None:
    lines = {block.text.strip(): block.line for block in prose_blocks(_page(fixtures))}
    assert lines["Repérer un chiffre sans source."] == 10
    assert lines["Un bloc imbriqué avec 3 km de côte."] == 29


def test_table_rows_are_one_block(fixtures: Path) -> None:
    rows = [block for block in prose_blocks(_page(fixtures)) if block.kind == "table-row"]
    assert rows[-1].text == "Métropoles | 21 métropoles, soit 19,8 millions d'habitants"


def test_plain_text_drops_roles_code_and_urls() -> None:
    text = plain_text("Voir {footcite}`cle-2024` et [la page](https://x.org/a) ou `12 %`, **gras**.")
    assert text.split() == ["Voir", "et", "la", "page", "ou", ",", "gras."]


def test_figures_with_units_are_found() -> None:
    assert figures_in("+2,7 °C, 1 254 communes, 19,8 millions, 30 km², 40 %, 2050, 6 ans") == [
        "+2,7 °C", "1 254 communes", "19,8 millions", "30 km²", "40 %", "6 ans"]


def test_unsourced_figures_are_reported_and_sourced_ones_are_not(fixtures: Path) -> None:
    found = [(problem.line, problem.figure) for problem in unsourced_figures(_page(fixtures))]
    assert found == [(15, "1 254 intercommunalités"), (15, "34 875 communes"), (17, "18 %"),
                     (22, "19,8 millions"), (29, "3 km")]


# --- Apostrophes the smart quotes would turn into a closing quote ----------------------------------------

def test_a_straight_apostrophe_before_markup_is_reported():
    page = "Choisissez l'**élu**, l’**adresse**, aujourd'hui, l'{term}`ADEME` et l'« îlot ».\n"
    found = [excerpt for _, excerpt in apostrophes_before_markup(page)]
    assert len(found) == 3
    assert found[0].startswith("Choisissez l'**élu**") and "l'{term}" in found[1] and "l'« îlot" in found[2]


@pytest.mark.parametrize("path", page_paths(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_no_page_renders_an_apostrophe_as_a_closing_quote(path):
    problems = apostrophes_before_markup(path.read_text(encoding="utf-8"))
    assert not problems, f"{path.relative_to(REPO_ROOT)} : écrire l’apostrophe typographique ’ avant la mise en forme :\n" + \
        "\n".join(f"{line}: {excerpt}" for line, excerpt in problems)
