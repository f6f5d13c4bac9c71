"""The course plan read from _toc.yml (kaart_course.course_plan)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kaart_course.conventions import is_reference_page, read_page
from kaart_course.course_plan import PlannedPage, course_plan, minutes_by_part
from kaart_course.paths import REPO_ROOT


def _page(folder: Path, docname: str, title: str, duration: str | None = None) -> None:
    path = folder / f"{docname}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    objectifs = f":::{{objectifs}}\n:duree: {duration}\n- Un objectif.\n:::\n\n" if duration else ""
    path.write_text(f"# {title}\n\n{objectifs}## Section\n\nTexte.\n", encoding="utf-8")


@pytest.fixture
def small_book(tmp_path: Path) -> Path:
    toc = {
        "format": "jb-book",
        "root": "intro",
        "parts": [
            {"caption": "Première partie", "chapters": [
                {"file": "a/01-un", "sections": [{"file": "a/02-deux"}]},
            ]},
            {"caption": "Annexes", "chapters": [{"file": "b/glossaire"}]},
        ],
    }
    (tmp_path / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True), encoding="utf-8")
    _page(tmp_path, "intro", "Accueil", "10 min")
    _page(tmp_path, "a/01-un", "Un", "1 h")
    _page(tmp_path, "a/02-deux", "Deux", "1 h 30")
    _page(tmp_path, "b/glossaire", "Glossaire")
    return tmp_path


def test_plan_lists_root_then_pages_and_sections_in_reading_order(small_book: Path) -> None:
    assert course_plan(small_book) == [
        PlannedPage("Première partie", "intro", "Accueil", 10),
        PlannedPage("Première partie", "a/01-un", "Un", 60),
        PlannedPage("Première partie", "a/02-deux", "Deux", 90),
        PlannedPage("Annexes", "b/glossaire", "Glossaire", None),
    ]


def test_minutes_by_part_adds_durations_and_keeps_order(small_book: Path) -> None:
    totals = minutes_by_part(course_plan(small_book))
    assert list(totals.items()) == [("Première partie", 160), ("Annexes", 0)]


def test_title_falls_back_to_file_name(small_book: Path) -> None:
    (small_book / "b" / "glossaire.md").write_text("Pas de titre de niveau 1.\n", encoding="utf-8")
    assert course_plan(small_book)[-1].title == "glossaire"


def test_notebook_pages_are_found(small_book: Path) -> None:
    (small_book / "b" / "glossaire.md").unlink()
    (small_book / "b" / "glossaire.ipynb").write_text("{}", encoding="utf-8")
    assert course_plan(small_book)[-1].docname == "b/glossaire"


def test_missing_page_names_the_toc_entry(small_book: Path) -> None:
    (small_book / "a" / "02-deux.md").unlink()
    with pytest.raises(FileNotFoundError, match="_toc.yml: a/02-deux"):
        course_plan(small_book)


def test_repository_plan_matches_toc() -> None:
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = course_plan()
    assert pages[0].docname == toc["root"]
    assert len({p.docname for p in pages}) == len(pages), "a page is listed twice in _toc.yml"
    captions = [part["caption"] for part in toc["parts"]]
    assert list(minutes_by_part(pages)) == captions
    for page in pages:
        assert page.title, page
        front, _ = read_page((REPO_ROOT / f"{page.docname}.md").read_text(encoding="utf-8"))
        if not is_reference_page(front):
            assert page.minutes, f"{page.docname}: no :duree: declared"
