"""The synthesis (kaart_course.survey.synthesis): small cells suppressed, and never recoverable by subtraction."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from kaart_course.survey import importer, store
from kaart_course.survey.questionnaire import load_questionnaire
from kaart_course.survey.synthesis import shown, suppress, synthesize
from survey_fixtures import FakeTerritories, columns, csv_bytes, uuid_of, valid_answer, write


def test_small_cells_are_hidden_with_a_complement():
    cells, totals, _ = suppress([[10, 3, 8]], [21])
    assert cells == [[10, None, None]] and totals == [21]
    cells, rows, columns_ = suppress([[10, 3], [6, 9]], [13, 15], [16, 12])
    assert cells == [[None, None], [None, None]]  # a 2×2 table with one small cell hides everything
    cells, totals, _ = suppress([[3]], [3])
    assert cells == [[None]] and totals == [None]
    cells, totals, _ = suppress([[12, 0, 7]], [19])
    assert cells == [[12, 0, 7]]  # zeros and counts of 5 or more stay
    assert shown(None) == "< 5" and shown(12345) == "12\u202f345"


def _recoverable(cells, totals) -> bool:
    """Whether one hidden cell of a line can be found by subtracting the shown cells from a shown total."""
    return any(total is not None and sum(c is None for c in line) == 1 for line, total in zip(cells, totals))


@pytest.mark.parametrize("seed", range(30))
def test_no_hidden_cell_is_recoverable_from_a_total(seed):
    import random

    rng = random.Random(seed)
    table = [[rng.choice([0, 1, 2, 3, 4, 5, 8, 13, 40]) for _ in range(4)] for _ in range(3)]
    rows, columns_ = [sum(line) for line in table], [sum(col) for col in zip(*table)]
    cells, row_totals, column_totals = suppress(table, rows, columns_)
    assert not _recoverable(cells, row_totals)
    assert not _recoverable(list(zip(*cells)), column_totals)
    for original, hidden in zip(itertools.chain(*table), itertools.chain(*cells)):
        assert hidden is None or hidden == original
        if 0 < original < 5:
            assert hidden is None


@pytest.fixture
def crafted_base(tmp_path):
    """12 communes of the grandes-villes type, 6 of villes-moyennes, 3 on the littoral: by type, the littoral
    cell (3) is hidden, and so is its complement."""
    lookup = FakeTerritories()
    answers = []
    for n, (kind, count) in enumerate(itertools.chain.from_iterable(
            [(t, i) for i in range(c)] for t, c in (("grandes-villes", 12), ("villes-moyennes", 6),
                                                     ("littoral", 3)))):
        code = f"{35000 + n:05d}"
        lookup.add(code, f"Commune {n}", 60_000 if kind == "grandes-villes" else 15_000, "35", kind)
        answers.append(valid_answer(uuid_of(n), code=code, risques="chaleur" if n % 2 else "chaleur secheresse",
                                    preparation=str(1 + n % 5)))
    # A second, older answer from the first commune: the collectivité counts once, with its latest answer.
    answers.append(valid_answer(uuid_of(99), code="35000", **{"date-rencontre": "2026-05-01"}))
    questionnaire = load_questionnaire()
    connection = store.connect(tmp_path / "base.sqlite")
    importer.import_files(connection, [write(tmp_path / "a.csv", csv_bytes(answers, columns(questionnaire)))],
                          questionnaire, lookup, today=dt.date(2026, 12, 2))
    yield connection, questionnaire
    connection.close()


def test_synthesis_of_a_crafted_base(crafted_base):
    connection, questionnaire = crafted_base
    result = synthesize(connection, questionnaire, dt.date(2026, 12, 2))
    assert result.collectivites == 21 and result.answers == 22 and result.departements == 1
    assert result.by_type.cells[0] == (12, None, 0, None, 0, 0)  # littoral 3, so villes-moyennes 6 hidden too
    assert result.by_type.line_totals == (21,)
    risques = next(q for q in result.questions if q.question.id == "risques")
    index = risques.question.choice_ids.index("chaleur")
    assert risques.counts[index] == 21
    table = risques.by_type
    # Each collectivité has one type, so a choice's line sums to its published overall count: complement.
    assert table.cells[index] == (12, None, 0, None, 0, 0)
    assert table.column_bases[:4] == (12, None, 0, None)
    for q in result.questions:
        # Villes moyennes and littoral are hidden in « Qui a répondu »: hidden whole in every breakdown.
        assert all(line[1] is None and line[3] is None for line in q.by_type.cells)
        assert q.by_type.column_bases[1] is None and q.by_type.column_bases[3] is None
        for line in (*q.by_type.cells, *q.by_size.cells):
            assert all(c is None or c == 0 or c >= 5 for c in line)
        assert all(c is None or c == 0 or c >= 5 for c in q.counts)


def test_only_cleared_texts_are_published(crafted_base):
    connection, questionnaire = crafted_base
    assert synthesize(connection, questionnaire).texts == ()
    assert not store.mark_publishable(connection, "inconnu", "message")
    assert store.mark_publishable(connection, uuid_of(3), "message")
    texts = synthesize(connection, questionnaire).texts
    assert texts == ((questionnaire.question("message").label, "L'eau d'abord."),)
