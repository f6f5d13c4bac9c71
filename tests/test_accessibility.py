"""axe-core finds no serious or critical accessibility violation on any page of the built book."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import OfflinePage

pytestmark = [pytest.mark.book, pytest.mark.browser]


def _assert_no_violation(violations: list[str]) -> None:
    if violations:
        pytest.fail("axe-core, serious or critical violations:\n  " + "\n  ".join(violations), pytrace=False)


def test_page_is_accessible(offline_page: OfflinePage, axe: Callable, book_page: str) -> None:
    offline_page.open(book_page)
    violations = axe(offline_page.page, book_page)
    _assert_no_violation(violations)


def test_page_is_readable_in_dark_mode(offline_page: OfflinePage, axe: Callable, book_page: str) -> None:
    """The theme's dark mode changes only colours: check their contrast."""
    offline_page.page.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark')")
    offline_page.open(book_page)
    assert offline_page.page.evaluate("() => document.documentElement.dataset.theme") == "dark"
    _assert_no_violation(axe(offline_page.page, f"{book_page} (dark)", rules=["color-contrast"]))


def test_pages_outside_the_toc_are_accessible(
    offline_page: OfflinePage, axe: Callable, unlisted_pages: list[str]
) -> None:
    violations = []
    for page in unlisted_pages:
        offline_page.open(page)
        violations += axe(offline_page.page, page)
    _assert_no_violation(violations)


def test_axe_reports_a_serious_violation(offline_page: OfflinePage, axe: Callable) -> None:
    """The helper itself: an image without text alternative is a critical violation, named with its target."""
    offline_page.page.set_content(
        '<html lang="fr"><head><title>t</title></head><body><main><img src="data:,"></main></body></html>'
    )
    violations = axe(offline_page.page, "inline")
    assert any(v.startswith("inline: [critical] image-alt: ") and "img" in v for v in violations), violations
