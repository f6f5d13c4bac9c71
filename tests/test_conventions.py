"""The page convention (kaart_course.conventions) on fixture pages, and on every page of the book."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaart_course import conventions
from kaart_course.conventions import Problem, check_page, page_duration, parse_duration
from kaart_course.course_plan import course_plan
from kaart_course.paths import REPO_ROOT

PAGES = Path(__file__).parent / "fixtures" / "pages"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("20 min", 20),
        ("5min", 5),
        ("  45 min ", 45),
        ("1 h", 60),
        ("2h", 120),
        ("1 h 30", 90),
        ("1h05", 65),
        ("3 h 15", 195),
    ],
)
def test_parse_duration_reads_french_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    "text",
    ["", "20", "quinze minutes", "20 mn", "1,5 h", "1 h 30 min", "20 minutes", "h 30", "-5 min"],
)
def test_parse_duration_rejects_anything_else(text: str) -> None:
    with pytest.raises(ValueError, match="durée illisible"):
        parse_duration(text)


def test_good_page_has_no_problem() -> None:
    assert check_page(PAGES / "good.md") == []


def test_reference_page_is_exempt() -> None:
    path = PAGES / "reference-page.md"
    front, _ = conventions.read_page(path.read_text(encoding="utf-8"))
    assert conventions.is_reference_page(front)
    assert check_page(path) == []


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("missing-objectifs.md", [(1, "objectifs: bloc {objectifs} absent")]),
        ("missing-duree.md", [(3, "objectifs: option :duree: absente")]),
        ("bad-duration.md", [(3, "objectifs: durée illisible")]),
        ("objectifs-after-section.md", [(7, "objectifs: le bloc doit précéder la première section")]),
        ("missing-a-retenir.md", [(1, "a-retenir: bloc {a-retenir} absent")]),
        ("sources-not-last.md", [(20, "sources: le bloc {sources} doit clore la page")]),
        (
            "a-retenir-after-sources.md",
            [(16, "sources: le bloc {sources} doit clore la page"), (16, "a-retenir: le bloc doit précéder {sources}")],
        ),
    ],
)
def test_broken_page_reports_each_problem_with_its_line(fixture: str, expected: list[tuple[int, str]]) -> None:
    path = PAGES / fixture
    problems = check_page(path)
    assert len(problems) == len(expected), problems
    for problem, (line, message) in zip(problems, expected):
        assert problem.path == path
        assert problem.line == line, problem
        assert f"{problem.field}: {problem.message}".startswith(message), problem


def test_missing_sources_is_reported() -> None:
    text = (PAGES / "good.md").read_text(encoding="utf-8")
    text = text[: text.index(":::{sources}")]
    problems = check_page(PAGES / "good.md", text)
    assert [f"{p.field}: {p.message}" for p in problems] == ["sources: bloc {sources} absent en fin de page"]


def test_text_argument_overrides_file_content(tmp_path: Path) -> None:
    path = tmp_path / "absent.md"  # never read: the text is given
    text = (PAGES / "good.md").read_text(encoding="utf-8")
    assert check_page(path, text) == []


def test_problem_reads_as_file_line_message() -> None:
    problem = Problem(Path("modules/x.md"), 12, "", "objectifs", "option :duree: absente")
    assert str(problem) == "modules/x.md:12: objectifs: option :duree: absente"


@pytest.mark.parametrize(("front", "line", "field", "message"), [
    ("kaart:\n  pfd: false\n", 3, "pfd", "champ inconnu"),
    ("kaart:\n  pdf: non\n", 3, "pdf", "attendu true ou false"),
    ("kaart:\n  page: référence\n", 3, "page", "valeur inconnue"),
    ("kaart:\n  impression: affiche\n", 3, "impression", "valeur inconnue"),
    ("kaart: reference\n", 2, "kaart", "attendu une table"),
    ("kaart: [\n", 2, "yaml", "YAML invalide"),
])
def test_course_front_matter_is_validated(tmp_path: Path, front: str, line: int, field: str, message: str) -> None:
    text = f"---\n{front}---\n" + (PAGES / "good.md").read_text(encoding="utf-8")
    problems = check_page(tmp_path / "x.md", text)
    assert [(p.line, p.field) for p in problems] == [(line, field)], problems
    assert message in problems[0].message


def test_page_options_are_read_once_for_every_use(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("---\nkaart:\n  pdf: false\n  qr: liens\n---\n# Titre\n", encoding="utf-8")
    assert conventions.page_options(path) == ({"page": "", "pdf": False, "qr": "liens", "impression": ""}, [])
    path.write_text("---\nkaart:\n  page: reference\n  impression: fiche\n---\n# Titre\n", encoding="utf-8")
    assert conventions.page_options(path)[0]["impression"] == "fiche"


def test_page_duration() -> None:
    assert page_duration(PAGES / "good.md") == 90
    assert page_duration(PAGES / "missing-duree.md") is None
    assert page_duration(PAGES / "reference-page.md") is None


def test_blocks_inside_code_fences_are_not_counted(tmp_path: Path) -> None:
    text = (PAGES / "missing-objectifs.md").read_text(encoding="utf-8")
    text = text.replace("## Première section", "````markdown\n:::{objectifs}\n:duree: 5 min\n:::\n````\n\n## Première section")
    assert [f"{p.field}: {p.message}" for p in check_page(tmp_path / "x.md", text)] == [
        "objectifs: bloc {objectifs} absent en début de page"
    ]


@pytest.mark.parametrize("page", course_plan(), ids=lambda page: page.docname)
def test_every_page_of_the_book_follows_the_convention(page) -> None:
    path = REPO_ROOT / f"{page.docname}.md"
    assert path.exists(), f"{page.docname}: course pages are MyST Markdown files"
    assert [str(problem) for problem in check_page(path)] == []


def test_no_role_is_nested_in_a_one_medium_role():
    """``{web}`… {doc}`x` …``` ends at the inner backtick: the reader sees « {doc} » and a code span. Text with
    its own roles goes in a ``:::{web}`` / ``:::{papier}`` block."""
    import re

    from kaart_course.paths import REPO_ROOT

    nested = re.compile(r"\{(?:web|papier)\}`[^`]*\{[\w:-]+\}`")
    pages = [*REPO_ROOT.glob("modules/**/*.md"), *REPO_ROOT.glob("exercises/*.md")]
    found = [f"{page.relative_to(REPO_ROOT)}:{text[:match.start()].count(chr(10)) + 1}"
             for page in pages for text in [page.read_text(encoding="utf-8")] for match in nested.finditer(text)]
    assert found == []
