"""Every page of the book follows the page convention (kaart_course.conventions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaart_course.conventions import check_page, parse_duration
from kaart_course.paths import REPO_ROOT
from kaart_course.course_plan import page_paths


@pytest.mark.parametrize("page", page_paths(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_page_follows_the_convention(page: Path) -> None:
    assert [str(problem) for problem in check_page(page)] == []


def test_a_page_without_sources_block_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# T\n\n:::{objectifs}\n:duree: 10 min\n- x\n:::\n\n## A\n\ntexte\n\n:::{a-retenir}\n- y\n:::\n",
                    encoding="utf-8")
    messages = [problem.message for problem in check_page(page)]
    assert any(message.startswith("sources:") for message in messages)


@pytest.mark.parametrize(("text", "minutes"), [("20 min", 20), ("1 h", 60), ("1 h 30", 90)])
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes
