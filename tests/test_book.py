"""The strict build of the whole book, and what every built page must show: French, licences, downloads."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from conftest import Build, build_book
from kaart_course import _site
from kaart_course.course_plan import course_plan
from kaart_course.paths import REPO_ROOT

pytestmark = pytest.mark.book
FIXTURE_PAGES = Path(__file__).parent / "fixtures" / "pages"


def _soup(build: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup((build.html_dir / page).read_text(encoding="utf-8"), "html.parser")


def _small_book(root: Path, page: str) -> Path:
    """A book of one course page and one page showing every quiz bank, configured like the course's."""
    from kaart_course import quiz

    (root / "modules").mkdir(parents=True)
    (root / "_config.yml").write_text(
        "title: Essai\nonly_build_toc_files: true\nexecute:\n  execute_notebooks: 'off'\n"
        "bibtex_bibfiles: [references.bib]\n"
        "sphinx:\n  extra_extensions: [sphinx_design, sphinx_togglebutton, kaart_course.sphinxext]\n"
        "  config:\n    language: fr\n    kaart_site_url: 'https://kaart.example.org/'\n"
        "    suppress_warnings: ['myst.domains', 'myst.footnote']\n", encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: modules/page\nchapters:\n  - file: modules/quiz\n",
                                   encoding="utf-8")
    shutil.copy(REPO_ROOT / "references.bib", root / "references.bib")
    (root / "modules" / "page.md").write_text(page, encoding="utf-8")
    banks = "".join(f"```{{kaart-quiz}} {path.stem}\n```\n\n" for path in quiz.bank_paths())
    (root / "modules" / "quiz.md").write_text("---\nkaart: {page: reference}\n---\n# Quiz\n\n" + banks,
                                              encoding="utf-8")
    return root


def test_the_strict_build_fails_on_a_page_that_breaks_the_convention(tmp_path: Path) -> None:
    good = (FIXTURE_PAGES / "good.md").read_text(encoding="utf-8")
    passing = build_book(_small_book(tmp_path / "good", good))
    assert passing.returncode == 0 and passing.problems == [], passing.log[-3000:]

    broken = build_book(_small_book(tmp_path / "broken", good[: good.index(":::{sources}")]))
    assert broken.returncode != 0
    assert any("convention de page : sources: bloc {sources} absent" in line for line in broken.problems), broken.problems


def test_page_is_built(built_book: Build, book_page: str) -> None:
    assert (built_book.html_dir / book_page).is_file()


def test_every_page_is_in_french(built_book: Build) -> None:
    for page in _site.site_pages(built_book.html_dir):
        html = _soup(built_book, page).find("html")
        assert html is not None and html.get("lang") == "fr", page


def test_theme_speaks_french(built_book: Build) -> None:
    # The second page of the book has both a previous and a next page.
    page = f"{course_plan()[1].docname}.html"
    soup = _soup(built_book, page)
    search = soup.select_one("input[name=q]")
    assert search is not None and search["placeholder"].startswith("Rechercher"), page
    labels = {p.get_text(strip=True) for p in soup.select(".prev-next-subtitle")}
    assert labels == {"précédent", "suivant"}, page
    assert soup.select_one(".skip-link a").get_text(strip=True) == "Passer au contenu principal"
    assert _soup(built_book, "search.html").title.get_text().startswith("Recherche")


def test_theme_has_no_english_label_left(built_book: Build) -> None:
    english = {"Home", "Main", "Toggle", "Skip", "Back", "Search", "Contents", "Download", "Close", "Open"}
    for page in _site.site_pages(built_book.html_dir):
        soup = _soup(built_book, page)
        labels = [
            value
            for element in soup.find_all(True)
            for attribute in ("title", "aria-label", "alt", "placeholder", "data-bs-title")
            if (value := element.get(attribute))
        ]
        left = [label for label in labels if english.intersection(re.findall(r"[A-Za-z]+", str(label)))]
        assert left == [], page


def test_no_markdown_is_left_unrendered(built_book: Build) -> None:
    """Table pipes or directive fences in the page text mean some Markdown was not parsed."""
    unparsed = re.compile(r"^\s*\|[\s:]*-{3,}|^\s*(:::|```)\{[\w-]+\}", re.MULTILINE)
    for page in _site.site_pages(built_book.html_dir):
        article = _soup(built_book, page).select_one("article") or _soup(built_book, page)
        for code in article.select("pre, code, .highlight"):
            code.decompose()
        match = unparsed.search(article.get_text("\n"))
        assert match is None, f"{page}: unrendered Markdown {match.group(0)!r}"


def test_footer_states_both_licences(built_book: Build) -> None:
    for page in _site.site_pages(built_book.html_dir):
        if page == "index.html":  # the bare redirect to the first page
            continue
        footer = _soup(built_book, page).select_one("footer.bd-footer-content")
        assert footer is not None, page
        text = " ".join(footer.get_text(" ").split())
        assert "CC BY-SA 4.0" in text and "MIT" in text, page


@pytest.mark.parametrize(
    "docname", [p.docname for p in course_plan() if p.docname.startswith("exercises/")] or ["(none)"]
)
def test_exercise_offers_an_executed_ipynb_download(built_book: Build, docname: str) -> None:
    assert docname != "(none)", "the book has no exercise"
    link = _soup(built_book, f"{docname}.html").select_one(f'a[href$="_sources/{docname}.ipynb"]')
    assert link is not None, f"{docname}.html has no .ipynb download link"
    notebook = nbformat.read(built_book.html_dir / "_sources" / f"{docname}.ipynb", as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs for cell in code), "the downloadable notebook was not executed"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]


def test_build_fails_on_a_page_that_breaks_the_convention(tmp_path: Path) -> None:
    """A copy of the book reduced to one broken page: the strict build must stop, naming file and line."""
    for name in ("_config.yml", "references.bib"):
        shutil.copy2(REPO_ROOT / name, tmp_path / name)
    shutil.copytree(REPO_ROOT / "_static", tmp_path / "_static")
    broken = tmp_path / "modules" / "zz-broken.md"
    broken.parent.mkdir()
    shutil.copy2(FIXTURE_PAGES / "objectifs-after-section.md", broken)
    (tmp_path / "_toc.yml").write_text("format: jb-article\nroot: modules/zz-broken\n", encoding="utf-8")

    build = build_book(tmp_path, timeout=300)

    assert build.returncode != 0, build.log
    assert build.problems, build.log
    expected = f"{broken}:7: WARNING: convention de page : objectifs: le bloc doit précéder la première section"
    assert any(expected in line for line in build.problems), build.log


# --- What an incremental build reads again ----------------------------------------------------------------------


def _environment(built_book: Build):
    """The Sphinx environment the build left (the record of what each page depends on)."""
    import pickle

    return pickle.loads((built_book.html_dir.parent / ".doctrees" / "environment.pickle").read_bytes())


def _source(docname: str) -> Path:
    return next(REPO_ROOT / f"{docname}{suffix}" for suffix in (".md", ".ipynb")
                if (REPO_ROOT / f"{docname}{suffix}").is_file())


def test_no_page_depends_on_a_missing_file(built_book: Build) -> None:
    """Sphinx reads a page again at every build while one of its dependencies is missing: none may be."""
    env = _environment(built_book)
    missing = sorted(f"{doc}: {dep}" for doc, deps in env.dependencies.items() for dep in deps
                     if not (Path(env.srcdir) / dep).is_file())
    assert missing == []


def test_a_trainer_page_is_read_again_when_a_page_it_shows_is_edited(built_book: Build) -> None:
    """A session page shows the titles and {formateur} notes of the pages it uses: it depends on their
    sources, and a trainer page that shows no learner page depends on none (so editing one page does not
    read the whole trainer's guide again)."""
    from kaart_course import sessions
    from kaart_course.sphinxext.sessions import session_docname

    env = _environment(built_book)

    def depends_on(doc: str) -> set[Path]:
        return {(Path(env.srcdir) / dep).resolve() for dep in env.dependencies.get(doc, ())}

    cycle = sessions.load_cycle()
    for session in cycle.sessions:
        wanted = {_source(page).resolve() for page in session.pages()}
        assert wanted <= depends_on(session_docname(session.number)), session.number
    prerequisites = {_source(doc).resolve() for s in cycle.sessions for doc in s.prerequisites}
    assert prerequisites <= depends_on("modules/08-formateur/index")
    learner_sources = {path.resolve() for path in (REPO_ROOT / "modules").rglob("*.md")} - {
        path.resolve() for path in (REPO_ROOT / "modules" / "08-formateur").rglob("*.md")}
    assert not depends_on("modules/08-formateur/01-role-et-posture") & learner_sources
