"""The built site opened from disk (``file://``), as a trainer's USB key or a downloaded copy is used, in
Chromium, offline: every page loads with nothing failing, every widget mounts and answers (a quiz question,
the pitch studio, the survey form), the search finds a word, and every link to a file of the site (a page, a
notebook, a PDF, the site archive, a survey file) leads to a file that exists.

Firefox: tests/test_file_copy_firefox.py (Playwright drives only its own patched Firefox build).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import OfflinePage

pytestmark = [pytest.mark.book, pytest.mark.browser]


def check_from_disk(offline: OfflinePage, root: Path, page_path: str) -> list[str]:
    """Open ``page_path`` of the site at ``root`` from file:// and use its widgets; returns what went wrong
    besides the failed requests and console errors that ``offline`` records itself."""
    offline.open(page_path, wait_until="load")
    page = offline.page
    page.wait_for_load_state("networkidle")
    wrong: list[str] = []

    widgets = page.eval_on_selector_all(
        "[data-kaart-widget]",
        "els => els.map(e => [e.dataset.kaartWidget, e.dataset.kaartMounted ?? '', e.dataset.kaartError ?? '',"
        " e.querySelector(':scope > .kaart-widget-host')?.childElementCount ?? 0])")
    for name, mounted, error, children in widgets:
        if mounted != "true" or error or not children:
            wrong.append(f"{page_path}: widget {name} not mounted ({error or 'empty'})")
    names = {name for name, *_ in widgets}
    if "quiz" in names:
        wrong += _answer_a_quiz_question(page, page_path)
    if "pitch" in names:
        wrong += _type_in_the_pitch_studio(page, page_path)
    if "enquete" in names:
        wrong += _fill_the_survey_form(page, page_path)
    wrong += _missing_link_targets(page, root, page_path)
    return wrong


def _answer_a_quiz_question(page, page_path: str) -> list[str]:
    question = page.locator("[data-kaart-question]:has(input[type=radio])").first
    question.locator("input[type=radio]").first.check()
    question.locator("[data-kaart-action=check]").click()
    if question.get_attribute("data-kaart-result") not in {"correct", "incorrect"}:
        return [f"{page_path}: quiz: no feedback after answering"]
    if not question.locator("[data-kaart-feedback]").inner_text().strip():
        return [f"{page_path}: quiz: empty feedback"]
    return []


def _type_in_the_pitch_studio(page, page_path: str) -> list[str]:
    """The writer counts the words typed; a page with only the objections draws one and shows its advice."""
    if page.locator("[data-kaart-pitch-text]").count():
        box = page.locator("[data-kaart-pitch-text]").first
        box.fill("")
        box.press_sequentially("Bonjour, je suis bénévole.")
        count = page.locator("[data-kaart-word-count]").first
        try:
            page.wait_for_function("(el) => el.textContent.trim() === '4'", arg=count.element_handle(), timeout=5_000)
        except Exception:  # noqa: BLE001 - reported with what the counter shows
            return [f"{page_path}: pitch studio: word count shows {count.inner_text()!r} for 4 words"]
        return []
    page.locator("[data-kaart-action=draw]").first.click()
    answer = page.locator("[data-kaart-objection-answer]").first
    answer.fill("Je comprends, et justement le cahier propose des pistes.")
    page.locator("[data-kaart-action=advice]").first.click()
    advice = page.locator("[data-kaart-advice]").first
    if not advice.is_visible() or not advice.inner_text().strip():
        return [f"{page_path}: pitch studio: no advice after answering an objection"]
    return []


def _fill_the_survey_form(page, page_path: str) -> list[str]:
    option = page.locator('[data-kaart-enquete-question="type-collectivite"] input[value="commune"]')
    option.check()
    page.wait_for_timeout(400)  # the draft is saved as the form changes
    page.reload(wait_until="load")
    page.wait_for_selector("[data-kaart-enquete]")
    if not option.is_checked():
        return [f"{page_path}: survey form: the answer is not kept in the draft after a reload"]
    return []


def _missing_link_targets(page, root: Path, page_path: str) -> list[str]:
    """Links of the page to the site's own files: each must be a file (from disk, a folder shows a listing)."""
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    wrong = []
    for href in sorted(set(hrefs)):
        parts = urlsplit(href)
        if parts.scheme != "file":
            continue
        target = Path(unquote(parts.path))
        if not target.is_file():
            shown = target.relative_to(root) if target.is_relative_to(root) else target
            wrong.append(f"{page_path}: link to a missing file: {shown}")
    return wrong


def _fail_on(offline: OfflinePage, wrong: list[str]) -> None:
    problems = offline.problems + wrong
    if problems:
        pytest.fail("from file://:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.fixture
def from_disk(offline_browser, finished_site: Path) -> OfflinePage:
    """A page of the finished site (the one ``make book`` leaves, archive included), opened from disk."""
    return offline_browser(finished_site.as_uri() + "/", width=390, height=844)


def test_page_works_from_disk(from_disk: OfflinePage, finished_site: Path, book_page: str) -> None:
    wrong = check_from_disk(from_disk, finished_site, book_page)
    _fail_on(from_disk, wrong)


def test_pages_outside_the_toc_work_from_disk(from_disk: OfflinePage, finished_site: Path,
                                             unlisted_pages: list[str]) -> None:
    wrong = [problem for page in unlisted_pages for problem in check_from_disk(from_disk, finished_site, page)]
    _fail_on(from_disk, wrong)


def test_search_works_from_disk(from_disk: OfflinePage) -> None:
    from_disk.open("search.html?q=résilience", wait_until="load")
    results = from_disk.page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15_000)
    from_disk.page.wait_for_function("() => !document.querySelector('#search-progress')?.textContent.includes('…')"
                                     " || document.querySelectorAll('#search-results li').length > 3", timeout=15_000)
    assert results.count() > 3
    target = results.first.get_attribute("href")
    results.first.click()
    from_disk.page.wait_for_load_state("load")
    assert from_disk.page.url.startswith("file://") and target.split("#")[0] in from_disk.page.url
    _fail_on(from_disk, [])


def test_missing_link_targets_are_reported(tmp_path: Path, offline_browser) -> None:
    """The link check itself: a link to a missing file and one to a folder are both reported."""
    (tmp_path / "dossier").mkdir()
    (tmp_path / "present.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "page.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>x</title></head><body>'
        '<a href="present.pdf">ok</a> <a href="absent.zip">zip</a> <a href="dossier/">dossier</a>'
        ' <a href="https://example.org/">web</a></body></html>', encoding="utf-8")
    offline = offline_browser(tmp_path.as_uri() + "/")
    offline.open("page.html", wait_until="load")
    assert _missing_link_targets(offline.page, tmp_path, "page.html") == [
        "page.html: link to a missing file: absent.zip", "page.html: link to a missing file: dossier"]
