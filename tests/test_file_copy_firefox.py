"""The built site opened from disk (``file://``) in Firefox, offline: the same pages and checks as
tests/test_file_copy.py makes in Chromium (nothing fails, nothing leaves the disk, every widget mounts, a quiz
question is answered, the pitch studio counts the words typed or advises on an objection, the survey form keeps
its draft across a reload, the search finds a word and opens a result, every linked file exists), on the
built site and on the copy unzipped from kaart-site.zip.

Playwright drives only its own patched Firefox, so Debian's Firefox ESR is driven over WebDriver BiDi by
puppeteer-core (npm), from tests/firefox_from_disk.mjs.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import book_pages
from kaart_course import publish
from kaart_course.paths import REPO_ROOT

pytestmark = [pytest.mark.book, pytest.mark.browser]

FIREFOX = Path("/usr/bin/firefox-esr")
DRIVER = REPO_ROOT / "tests" / "firefox_from_disk.mjs"


def firefox_problems(site: Path, pages: list[str]) -> dict[str, list[str]]:
    """What went wrong on each page opened from ``site`` in Firefox (an empty list when nothing did)."""
    run = subprocess.run(["node", str(DRIVER), str(site), *pages], cwd=REPO_ROOT, capture_output=True,
                         text=True, timeout=1200)
    assert run.returncode == 0, f"Firefox could not be driven:\n{run.stderr[-4000:]}"
    results = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    return {result["page"]: result["problems"] for result in results}


@pytest.fixture(scope="module")
def firefox() -> Path:
    assert FIREFOX.exists(), "Firefox ESR is missing: `make test` installs it (scripts/ensure-system-deps.sh)"
    return FIREFOX


def test_every_page_works_from_disk_in_firefox(firefox, finished_site: Path, unlisted_pages: list[str]) -> None:
    pages = [page for page in book_pages() + unlisted_pages if page != "search.html"] + ["search.html"]
    problems = firefox_problems(finished_site, pages)
    assert sorted(problems) == sorted(set(pages)), "every page was checked"
    wrong = [f"{page}: {problem}" for page, found in problems.items() for problem in found]
    assert not wrong, "from file:// in Firefox:\n  " + "\n  ".join(wrong)


def test_unzipped_archive_works_from_disk_in_firefox(firefox, finished_site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(finished_site / publish.ARCHIVE) as zipped:
        zipped.extractall(tmp_path)
    copy = tmp_path / publish.ARCHIVE_FOLDER
    pages = book_pages() + ["search.html"]
    problems = firefox_problems(copy, pages)
    assert sorted(problems) == sorted(set(pages)), "every page was checked"
    wrong = [f"{page}: {problem}" for page, found in problems.items() for problem in found]
    assert not wrong, "the unzipped copy from file:// in Firefox:\n  " + "\n  ".join(wrong)


def test_the_firefox_check_reports_what_goes_wrong(firefox, tmp_path: Path) -> None:
    """The check itself: a script error, a missing file, links to a missing file or to a folder and a widget
    that never mounts are all reported."""
    (tmp_path / "dossier").mkdir()
    (tmp_path / "present.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "page.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>x</title><script src="absent.js"></script></head><body>'
        '<a href="present.pdf">ok</a> <a href="absent.zip">zip</a> <a href="dossier/">dossier</a>'
        '<div data-kaart-widget="quiz"></div><script>undefinedFunction()</script></body></html>', encoding="utf-8")
    problems = firefox_problems(tmp_path, ["page.html"])["page.html"]
    assert any("absent.js" in p for p in problems), problems
    links = sorted(p for p in problems if p.startswith("link to a missing file"))
    assert links == ["link to a missing file: absent.zip", "link to a missing file: dossier"], problems
    assert any(p.startswith("exception:") and "undefinedFunction" in p for p in problems), problems
    assert any(p.startswith("widget quiz not mounted") for p in problems), problems
