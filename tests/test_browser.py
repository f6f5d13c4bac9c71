"""Every page of the built book works offline in Chromium: no request leaves the machine, nothing fails."""

from __future__ import annotations

import pytest

from conftest import OfflinePage

pytestmark = [pytest.mark.book, pytest.mark.browser]


def _assert_no_problem(offline_page: OfflinePage) -> None:
    if offline_page.problems:
        pytest.fail("problems on the offline site:\n  " + "\n  ".join(offline_page.problems), pytrace=False)


def test_page_works_offline(offline_page: OfflinePage, book_page: str) -> None:
    offline_page.open(book_page)
    _assert_no_problem(offline_page)


def test_pages_outside_the_toc_work_offline(offline_page: OfflinePage, unlisted_pages: list[str]) -> None:
    for page in unlisted_pages:
        offline_page.open(page)
    _assert_no_problem(offline_page)


def test_home_redirects_to_the_first_page(offline_page: OfflinePage) -> None:
    from kaart_course.course_plan import course_plan

    offline_page.open("index.html")
    offline_page.page.wait_for_url(f"**/{course_plan()[0].docname}.html")
    _assert_no_problem(offline_page)


@pytest.mark.parametrize("word", ["résilience", "élus"])
def test_search_finds_a_word_offline(offline_page: OfflinePage, word: str) -> None:
    offline_page.open(f"search.html?q={word}")
    results = offline_page.page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15_000)
    assert results.count() > 0
    _assert_no_problem(offline_page)


def test_offline_page_reports_every_kind_of_problem(offline_page: OfflinePage, tmp_path) -> None:
    """The fixture itself: a page that breaks every rule must be reported on every count."""
    from kaart_course import _site

    (tmp_path / "bad.html").write_text(
        """<!DOCTYPE html><html lang="fr"><head><title>x</title>
        <script src="https://cdn.example.org/lib.js"></script></head>
        <body><img src="missing.png" alt="absente">
        <script>console.error("boom"); throw new Error("crash");</script></body></html>""",
        encoding="utf-8",
    )
    with _site.serve(tmp_path) as url:
        offline_page.base_url = url
        offline_page.open("bad.html")
    problems = "\n".join(offline_page.problems)
    assert "blocked request to another host: https://cdn.example.org/lib.js" in problems
    assert "HTTP 404: " in problems and "missing.png" in problems
    assert "console error: boom" in problems
    assert "uncaught exception: " in problems and "crash" in problems
    assert all(line.startswith("bad.html: ") for line in offline_page.problems)
    offline_page.problems.clear()  # reported as they should be: the fixture's own final check must pass


def test_page_fits_a_phone_screen(offline_page: OfflinePage, book_page: str) -> None:
    """At 390 px wide nothing makes the whole page scroll sideways (wide tables scroll on their own)."""
    offline_page.page.set_viewport_size({"width": 390, "height": 844})
    offline_page.open(book_page)
    too_wide = offline_page.page.evaluate(
        """() => [...document.querySelectorAll('.bd-article *')]
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter((el) => !el.closest('table, pre, .highlight, .MathJax, mjx-container'))
            .slice(0, 5)
            .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : ''))"""
    )
    width = offline_page.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390 and too_wide == [], f"{book_page}: {width} px wide at 390 px; overflowing: {too_wide}"
