"""Every figure with a unit on a content page sits next to its source (kaart_course.prose).

A number followed by a unit (%, °C, km, €, habitants, communes, jours, ans…) must be in a paragraph, list
item or table row that cites a source ({footcite}, {cite} or « Source : »), or be listed with a reason in
``tests/sourced_figures_allowlist.txt``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kaart_course.conventions import is_reference_page, read_page
from kaart_course.course_plan import page_paths
from kaart_course.paths import REPO_ROOT
from kaart_course.prose import unsourced_figures

ALLOWLIST = Path(__file__).parent / "sourced_figures_allowlist.txt"


def allowlist() -> set[tuple[str, str]]:
    allowed = set()
    for number, line in enumerate(ALLOWLIST.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        assert len(parts) == 3 and all(parts), f"{ALLOWLIST.name}:{number}: attendu « page | chiffre | raison »"
        allowed.add((parts[0], parts[1]))
    return allowed


def content_pages() -> list[Path]:
    return [path for path in page_paths()
            if path.suffix == ".md" and not is_reference_page(read_page(path.read_text(encoding="utf-8"))[0])]


@pytest.mark.parametrize("page", content_pages(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_figures_have_a_source(page: Path) -> None:
    name = str(page.relative_to(REPO_ROOT))
    problems = [problem for problem in unsourced_figures(page.read_text(encoding="utf-8"))
                if (name, problem.figure) not in allowlist()]
    assert not problems, "\n".join(f"{name}:{problem}" for problem in problems)


def test_allowlist_entries_are_still_needed() -> None:
    found = {(str(page.relative_to(REPO_ROOT)), problem.figure)
             for page in content_pages() for problem in unsourced_figures(page.read_text(encoding="utf-8"))}
    stale = allowlist() - found
    assert not stale, f"entrées inutiles dans {ALLOWLIST.name} : {sorted(stale)}"


def test_the_check_fails_on_an_unsourced_figure() -> None:
    assert [p.figure for p in unsourced_figures("La côte recule sur 920 km.\n")] == ["920 km"]
    assert unsourced_figures("La côte recule sur 920 km {footcite}`cerema`.\n") == []
