"""Stale deadlines and futures (kaart_course.staleness): the detector on fixtures, then the whole course.

The course is read on the build date (``datetime.date.today()``): a sentence that still announces « d'ici
2025 » or « avant le 30 avril 2026 » once that date is past fails this test, unless it is rewritten in the
past tense or marked as historical (``<!-- historique -->`` in Markdown, ``# historique`` in YAML).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kaart_course.course_plan import page_paths
from kaart_course.paths import DATA_DIR, REPO_ROOT
from kaart_course.staleness import find_periods, is_past_tense, stale_in_file, stale_in_text

FIXTURES = Path(__file__).parent / "fixtures" / "staleness"
READ_ON = dt.date(2026, 12, 2)


def _dates(path: Path, today: dt.date = READ_ON) -> list[str]:
    return [problem.date for problem in stale_in_file(path, today)]


# --- The detector ---------------------------------------------------------------------------------------

def test_every_stale_form_of_the_fixture_is_flagged():
    assert _dates(FIXTURES / "stale.md") == [
        "2025", "2025", "30 avril 2026", "30 avril en 2026", "26 novembre 2026", "2026", "14 avril 2026",
        "2025", "fin 2024", "mars 2026", "31 décembre 2025",
    ]


def test_past_facts_publication_dates_future_dates_and_marked_sentences_are_not_flagged():
    assert stale_in_file(FIXTURES / "fresh.md", READ_ON) == []


def test_yaml_values_are_read_and_the_yaml_marker_is_honoured():
    problems = stale_in_file(FIXTURES / "stale.yml", READ_ON)
    assert [(p.line, p.date) for p in problems] == [(4, "30 avril 2026"), (5, "2025")]
    assert stale_in_file(FIXTURES / "fresh.yml", READ_ON) == []


def test_a_deadline_goes_stale_at_the_end_of_its_period_and_a_start_as_soon_as_it_begins():
    sentence = "Le dispositif reste ouvert jusqu'en 2026."
    assert stale_in_text(sentence, dt.date(2026, 12, 31)) == []
    assert [p.date for p in stale_in_text(sentence, dt.date(2027, 1, 1))] == ["2026"]
    assert [p.date for p in stale_in_text("À compter du 1er mars 2027, le seuil change.", dt.date(2027, 3, 1))] == [
        "1er mars 2027"]
    assert stale_in_text("À compter du 1er mars 2027, le seuil change.", dt.date(2027, 2, 28)) == []


def test_periods_read_day_month_year_and_qualifiers():
    periods = {p.text: (p.start, p.end) for p in find_periods(
        "le 1er juillet 2021, avril 2024, fin 2026, mi-2025, 2026-2032, les années 2000, 2000 habitants")}
    assert periods == {
        "1er juillet 2021": (dt.date(2021, 7, 1), dt.date(2021, 7, 1)),
        "avril 2024": (dt.date(2024, 4, 1), dt.date(2024, 4, 30)),
        "fin 2026": (dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        "mi-2025": (dt.date(2025, 6, 1), dt.date(2025, 7, 31)),
        "2026-2032": (dt.date(2026, 1, 1), dt.date(2032, 12, 31)),
    }


@pytest.mark.parametrize(("clause", "past"), [
    ("les communautés ont eu jusqu'au 31 mars 2021", True),
    ("le budget devait être voté", True),
    ("Le Mené s'est fixé un objectif", True),
    ("les élections ont lieu en mars", False),
    ("le budget doit être voté", False),
    ("un fait établi", False),
])
def test_past_tense(clause, past):
    assert is_past_tense(clause) is past


# --- The whole course -----------------------------------------------------------------------------------

def _course_files() -> list[Path]:
    data = sorted(path for path in DATA_DIR.rglob("*") if path.suffix in (".yml", ".yaml", ".txt"))
    return [*page_paths(), *data]


@pytest.mark.parametrize("path", _course_files(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_the_course_states_no_deadline_or_future_already_past(path: Path):
    problems = stale_in_file(path, dt.date.today())
    assert not problems, (
        f"{path.relative_to(REPO_ROOT)} annonce une échéance ou un futur déjà passé ; mettez la phrase au passé, "
        "actualisez-la, ou marquez-la comme historique (<!-- historique --> en fin de phrase, "
        "# historique en YAML) :\n" + "\n".join(str(problem) for problem in problems))
