"""What readers take away and what gets published: the sizes beside the download links, the site archive
(unzipped and opened from disk), the release (refused with the placeholder address, complete with a real
one), the edition on the footer and the cover, the changelog."""

from __future__ import annotations

import hashlib
from datetime import date
import re
import zipfile
from pathlib import Path

import pytest

from kaart_course import publish, release
from kaart_course._french import format_date
from kaart_course.paths import REPO_ROOT

REAL = "https://association-exemplaire.github.io/kaart/"  # no « example » label: a real-looking address


@pytest.mark.parametrize(("size", "shown"), [
    (420, "1\u00a0ko"), (850_400, "850\u00a0ko"), (4_249_000, "4,2\u00a0Mo"), (14_480_000, "14\u00a0Mo")])
def test_sizes_read_as_a_file_manager_shows_them(size: int, shown: str) -> None:
    assert publish.format_size(size) == shown


@pytest.mark.parametrize("url", ["", "   ", "https://kaart.example.org/", "https://example.com/kaart/",
                                 "http://asso.github.io/kaart/", "asso.github.io/kaart", "https://localhost/"])
def test_a_release_refuses_a_missing_placeholder_or_invalid_address(url: str) -> None:
    with pytest.raises(publish.ReleaseError) as refused:
        publish.check_address(url)
    message = str(refused.value)
    assert "make release SITE_URL=" in message or "https://" in message
    assert "\n" in message, "French first, then English"


def test_a_real_address_is_accepted_with_its_final_slash() -> None:
    assert publish.check_address("https://asso.github.io/kaart") == "https://asso.github.io/kaart/"


def _site(root: Path, pdf_link: str = REAL) -> Path:
    """A small built site: two pages with the marks of the download links and a guide linking to ``pdf_link``."""
    html = root / "html"
    (html / "modules").mkdir(parents=True)
    block = (f'<div class="kaart-site-archive" data-kaart-archive="site"><p><a href="../{publish.ARCHIVE}">'
             f'ZIP<span data-kaart-size-of="{publish.ARCHIVE}"></span></a></p></div>'
             '<div class="kaart-site-archive" data-kaart-archive="copy" hidden><p>Une copie.</p></div>')
    (html / "index.html").write_text('<html lang="fr"><body><a href="kaart-guide-apprenant.pdf">PDF'
                                     '<span data-kaart-size-of="kaart-guide-apprenant.pdf"></span></a></body></html>',
                                     encoding="utf-8")
    (html / "modules" / "usage.html").write_text(f"<html><body>{block}</body></html>", encoding="utf-8")
    (html / ".buildinfo").write_text("# Sphinx build info", encoding="utf-8")
    _pdf_with_link(html / "kaart-guide-apprenant.pdf", pdf_link)
    return html


def _pdf_with_link(path: Path, url: str) -> None:
    from pypdf import PdfWriter
    from pypdf.annotations import Link

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_annotation(0, Link(rect=(10, 10, 100, 40), url=url))
    with path.open("wb") as out:
        writer.write(out)


def test_finished_site_shows_sizes_and_its_archive_says_it_is_a_copy(tmp_path: Path) -> None:
    html = _site(tmp_path)
    archive = publish.finish_site(html)
    page = (html / "modules" / "usage.html").read_text(encoding="utf-8")
    assert re.search(rf'data-kaart-size-of="{publish.ARCHIVE}">, \d+\u00a0ko</span>', page)
    assert re.search(r'data-kaart-size-of="kaart-guide-apprenant.pdf">, \d+\u00a0ko</span>',
                     (html / "index.html").read_text(encoding="utf-8"))
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        copy = zipped.read("kaart/modules/usage.html").decode()
        readme = zipped.read("kaart/LISEZ-MOI.txt").decode()
    assert "kaart/index.html" in names and "kaart/kaart-guide-apprenant.pdf" in names
    assert not any(name.endswith((publish.ARCHIVE, ".buildinfo")) for name in names)
    assert "data-kaart-archive=\"site\"" not in copy and publish.ARCHIVE not in copy
    assert '<div class="kaart-site-archive" data-kaart-archive="copy"><p>Une copie.' in copy
    assert "index.html" in readme and release.version() in readme
    assert publish.finish_site(html) == archive, "a second run replaces the archive, never zips it into itself"
    with zipfile.ZipFile(archive) as zipped:
        assert not any(name.endswith(".zip") for name in zipped.namelist())


def test_release_packages_site_guides_and_checksums(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(release.SITE_URL_ENV, REAL)
    html = _site(tmp_path)
    written = publish.release(html, tmp_path / "release", REAL)
    assert sorted(path.name for path in written) == sorted([publish.ARCHIVE, "kaart-guide-apprenant.pdf",
                                                             publish.CHECKSUMS])
    sums = (tmp_path / "release" / publish.CHECKSUMS).read_text(encoding="utf-8").splitlines()
    assert len(sums) == 2
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((tmp_path / "release" / name).read_bytes()).hexdigest() == digest


def test_release_refuses_a_build_made_with_the_placeholder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(release.SITE_URL_ENV, REAL)
    html = _site(tmp_path, pdf_link="https://kaart.example.org/exercises/04-pitch.html")
    with pytest.raises(publish.ReleaseError, match="kaart-guide-apprenant.pdf"):
        publish.release(html, tmp_path / "release", REAL)
    assert not (tmp_path / "release").exists()


def test_release_refuses_an_address_the_build_was_not_made_with(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(release.SITE_URL_ENV, raising=False)
    with pytest.raises(publish.ReleaseError, match="make release SITE_URL="):
        publish.release(_site(tmp_path), tmp_path / "release", REAL)


def test_release_command_refuses_the_placeholder(capsys) -> None:
    from kaart_course.cli import run

    assert run(["release", "--check-only", "--site-url", release.site_url()]) == 2
    assert "adresse d'exemple" in capsys.readouterr().err
    assert run(["release", "--check-only"]) == 2
    assert "SITE_URL" in capsys.readouterr().err


def test_make_release_stops_before_building_with_the_placeholder() -> None:
    import subprocess

    done = subprocess.run(["make", "--no-print-directory", "release", "SITE_URL=https://kaart.example.org/"],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert "adresse d'exemple" in done.stderr and "jupyter-book" not in done.stdout


def test_site_address_for_a_release_comes_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv(release.SITE_URL_ENV, "https://asso.github.io/kaart")
    assert release.site_url() == "https://asso.github.io/kaart/"
    assert release.placeholder_warning() is None
    assert release.edition_line().startswith(f"Version {release.version()} du ")
    monkeypatch.delenv(release.SITE_URL_ENV)
    assert release.is_placeholder(release.site_url()), "a working copy keeps the placeholder"
    assert "make release SITE_URL=" in release.placeholder_warning()
    assert release.edition_line().startswith("Version de travail")


def test_changelog_tells_readers_about_this_version() -> None:
    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (\S+)", changelog, re.M)
    assert first and first.group(1) == release.version(), "the first entry is the version of pyproject.toml"


# --- On the built book ----------------------------------------------------------------------------------------


@pytest.mark.book
@pytest.mark.browser
def test_unzipped_archive_works_from_disk(finished_site: Path, offline_browser, tmp_path: Path) -> None:
    from conftest import book_pages
    from test_file_copy import check_from_disk

    with zipfile.ZipFile(finished_site / publish.ARCHIVE) as zipped:
        zipped.extractall(tmp_path)
    copy = tmp_path / publish.ARCHIVE_FOLDER
    assert (copy / "index.html").is_file() and (copy / "kaart-guide-apprenant.pdf").is_file()
    offline = offline_browser(copy.as_uri() + "/", width=390, height=844)
    wrong = [problem for page in book_pages() for problem in check_from_disk(offline, copy, page)]
    usage = (copy / "modules/00-bienvenue/03-utiliser-le-site.html").read_text(encoding="utf-8")
    assert "Vous lisez une copie du site" in usage and publish.ARCHIVE not in usage
    assert wrong == [], "\n".join(wrong)


@pytest.mark.book
def test_usage_page_offers_the_archive_and_the_guide_with_their_sizes(finished_site: Path) -> None:
    page = (finished_site / "modules/00-bienvenue/03-utiliser-le-site.html").read_text(encoding="utf-8")
    for name in (publish.ARCHIVE, "kaart-guide-apprenant.pdf"):
        size = publish.format_size((finished_site / name).stat().st_size)
        assert f'data-kaart-size-of="{name}">, {size}</span>' in page


@pytest.mark.book
def test_release_refuses_the_working_copy_build(finished_site: Path, tmp_path: Path, monkeypatch) -> None:
    """The build of the test run uses the placeholder: its guide's QR codes lead nowhere, so no release."""
    monkeypatch.setenv(release.SITE_URL_ENV, REAL)
    with pytest.raises(publish.ReleaseError, match="kaart-guide-apprenant.pdf"):
        publish.release(finished_site, tmp_path / "release", REAL)


@pytest.mark.book
def test_footer_and_cover_show_the_same_edition(finished_site: Path, learner_pdf: Path) -> None:
    from pypdf import PdfReader

    footer = re.search(r'<p class="kaart-edition">([^<]*)</p>',
                       (finished_site / "modules/00-bienvenue/index.html").read_text(encoding="utf-8"))
    assert footer, "every page's footer names its edition"
    line = footer.group(1)
    assert line.startswith(f"Version de travail ({release.version()}"), "built with the placeholder address"
    assert line.endswith(f" du {format_date(date.today())}")
    cover = " ".join((PdfReader(learner_pdf).pages[0].extract_text() or "").split())
    assert line in cover.replace("\u202f", " ").replace("\u00a0", " "), cover
