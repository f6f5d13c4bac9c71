"""The synthesis of the base: counts of collectivités, overall and by territory type and size, with small
cells suppressed. Pure computation: :func:`synthesize` returns a :class:`Synthesis`, and
``kaart_course.survey.report`` draws and writes it.

The unit is the collectivité, not the answer: when several answers come from one collectivité, the latest
meeting (then the latest submission) stands for it. Only answers whose élu agreed to the synthesis count.

Suppression (:func:`suppress`): a count of 1 to 4 collectivités is shown « < 5 ». Because a published total
would let a reader recover a single hidden cell by subtraction, a line whose total is published and that has
exactly one hidden cell gets a second one hidden (its smallest non-zero other cell), or its total hidden when there
is no other cell; this is repeated across lines and columns until nothing changes. A category whose count
is hidden in « Qui a répondu » is hidden whole in every breakdown, where its column would give it back.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from kaart_course.survey.questionnaire import Question, Questionnaire
from kaart_course.survey.territory import SIZES, cahiers

THRESHOLD = 5
Count = int | None  # None: suppressed, shown « < 5 »
NUMBER_BINS = ((0, 0, "0"), (1, 2, "1 ou 2"), (3, 5, "de 3 à 5"), (6, 10, "de 6 à 10"), (11, None, "plus de 10"))


def shown(count: Count) -> str:
    """A count as the report prints it: French digit grouping, « < 5 » when suppressed."""
    if count is None:
        return f"< {THRESHOLD}"
    return f"{count:,}".replace(",", "\u202f")


def suppress(cells: list[list[int]], row_totals: list[Count] | None = None,
             column_totals: list[Count] | None = None, hidden_columns: tuple[int, ...] = ()
             ) -> tuple[list[list[Count]], list[Count] | None, list[Count] | None]:
    """``cells`` with every count from 1 to THRESHOLD-1 hidden, and enough other cells (or totals) hidden that
    no hidden count can be recovered from a published total. ``row_totals`` and ``column_totals`` are the
    published sums of each line and column (None for a total already hidden); leave them out when the table
    has no such sums (answers with several choices). ``hidden_columns`` are hidden whole: the categories
    whose own count is hidden in another table, which a column of this one would otherwise give back."""
    result: list[list[Count]] = [[None if 0 < c < THRESHOLD or j in hidden_columns else c
                                  for j, c in enumerate(row)] for row in cells]
    rows = list(row_totals) if row_totals is not None else None
    columns = list(column_totals) if column_totals is not None else None
    if rows is not None:
        rows = [None if t is not None and 0 < t < THRESHOLD else t for t in rows]
    if columns is not None:
        columns = [None if t is not None and 0 < t < THRESHOLD or j in hidden_columns else t
                   for j, t in enumerate(columns)]
    height, width = len(cells), len(cells[0]) if cells else 0

    def protect(line: list[tuple[int, int]], totals: list[Count], index: int) -> bool:
        hidden = [(i, j) for i, j in line if result[i][j] is None]
        if totals[index] is None or len(hidden) != 1:
            return False
        # The smallest other count, a non-zero one first: a hidden zero tells the reader too much about the
        # cell it should protect (the hidden sum is then that cell alone).
        others = [(cells[i][j] == 0, cells[i][j], i, j) for i, j in line if result[i][j] is not None]
        if others:
            _, _, i, j = min(others)
            result[i][j] = None
        else:
            totals[index] = None
        return True

    changed = True
    while changed:
        changed = False
        if rows is not None:
            for i in range(height):
                changed |= protect([(i, j) for j in range(width)], rows, i)
        if columns is not None:
            for j in range(width):
                changed |= protect([(i, j) for i in range(height)], columns, j)
    return result, rows, columns


@dataclass(frozen=True)
class Table:
    """A published table of counts of collectivités: lines × columns, each line's total and each column's base."""

    title: str
    line_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    cells: tuple[tuple[Count, ...], ...]
    line_totals: tuple[Count, ...]
    column_bases: tuple[Count, ...]


@dataclass(frozen=True)
class QuestionSummary:
    question: Question
    respondents: Count
    labels: tuple[str, ...]
    counts: tuple[Count, ...]
    by_type: Table
    by_size: Table


@dataclass(frozen=True)
class Synthesis:
    title: str
    generated: dt.date
    fictitious: bool
    collectivites: int
    answers: int
    meetings_only: int
    departements: int
    first_meeting: str
    last_meeting: str
    kinds: Table
    by_type: Table
    by_size: Table
    questions: tuple[QuestionSummary, ...]
    texts: tuple[tuple[str, str], ...]  # (question label, text) cleared by a coordinator


def _categories(question: Question) -> tuple[list[str], list[str]]:
    """The values a question is counted by, and their labels."""
    if question.type in ("single", "multiple"):
        return list(question.choice_ids), [c.label for c in question.choices]
    if question.type == "scale":
        values = [str(v) for v in range(question.low, question.high + 1)]
        labels = [f"{v} — {question.low_label}" if int(v) == question.low else
                  f"{v} — {question.high_label}" if int(v) == question.high else v for v in values]
        return values, labels
    return [label for _, _, label in NUMBER_BINS], [label for _, _, label in NUMBER_BINS]


def _bin(value: str) -> str:
    number = float(value)
    return next(label for low, high, label in NUMBER_BINS if number >= low and (high is None or number <= high))


def _breakdown(title: str, values: list[str], labels: list[str], groups: list[str], group_labels: list[str],
               counts: dict, bases: dict, overall: list[Count], sums: bool, hidden_groups: tuple[int, ...]) -> Table:
    cells = [[counts.get((v, g), 0) for g in groups] for v in values]
    base = [bases.get(g, 0) for g in groups]
    hidden, line_totals, column_bases = suppress(cells, list(overall), base if sums else None, hidden_groups)
    if not sums:
        column_bases = suppress([base], hidden_columns=hidden_groups)[0][0]
    return Table(title, tuple(labels), tuple(group_labels), tuple(map(tuple, hidden)), tuple(line_totals),
                 tuple(column_bases))


def _one_line(title: str, labels: list[str], counts: list[int]) -> Table:
    total = sum(counts)
    hidden, totals, _ = suppress([counts], [total])
    return Table(title, ("Collectivités",), tuple(labels), (tuple(hidden[0]),), tuple(totals), tuple(hidden[0]))


def synthesize(connection: sqlite3.Connection, questionnaire: Questionnaire,
               today: dt.date | None = None) -> Synthesis:
    """The synthesis of every answer in the base whose élu agreed to it."""
    connection.execute("DROP TABLE IF EXISTS temp.chosen")
    connection.execute("""
        CREATE TEMP TABLE chosen AS
        SELECT id, uuid, kind, code, territory_type, size, departement FROM (
            SELECT *, row_number() OVER (PARTITION BY kind, code
                                         ORDER BY meeting_date DESC, submitted_at DESC, uuid) AS rank
            FROM responses WHERE consent_synthesis = 1)
        WHERE rank = 1""")
    places = connection.execute("SELECT kind, territory_type, size, departement FROM temp.chosen").fetchall()
    answers, meetings_only, fictitious, first, last = connection.execute(
        "SELECT count(*), sum(consent_synthesis = 0), max(fictitious), min(meeting_date), max(meeting_date) "
        "FROM responses").fetchone()
    types, type_labels = [c for c, _ in cahiers()], [title for _, title in cahiers()]
    sizes = [label for _, label in SIZES]
    size_labels = [label[0].upper() + label[1:] for label in sizes]
    count_by = lambda index, keys: [sum(p[index] == k for p in places) for k in keys]  # noqa: E731

    type_bases = dict(zip(types, count_by(1, types)))
    size_bases = dict(zip(sizes, count_by(2, sizes)))
    # Counting is done by SQLite, by type and size at once; each collectivité has one type and one size, so
    # the counts of one breakdown are the sums of the finer groups over the other.
    counts: dict[str, dict] = {"territory_type": defaultdict(int), "size": defaultdict(int)}
    bases: dict[str, dict] = {"territory_type": defaultdict(int), "size": defaultdict(int)}
    for question_id, value, territory_type, size, count in connection.execute("""
            SELECT a.question, a.value, c.territory_type, c.size, count(*) FROM answer_values a
            JOIN temp.chosen c ON c.id = a.response_id GROUP BY 1, 2, 3, 4"""):
        counts["territory_type"][(question_id, value, territory_type)] += count
        counts["size"][(question_id, value, size)] += count
    for question_id, territory_type, size, count in connection.execute("""
            SELECT a.question, c.territory_type, c.size, count(DISTINCT a.response_id) FROM answer_values a
            JOIN temp.chosen c ON c.id = a.response_id GROUP BY 1, 2, 3"""):
        bases["territory_type"][(question_id, territory_type)] += count
        bases["size"][(question_id, size)] += count
    by_type = _one_line("Collectivités par type de territoire", type_labels, list(type_bases.values()))
    by_size = _one_line("Collectivités par taille", size_labels, list(size_bases.values()))
    hidden_types = tuple(j for j, c in enumerate(by_type.cells[0]) if c is None)
    hidden_sizes = tuple(j for j, c in enumerate(by_size.cells[0]) if c is None)
    summaries = []
    for question in questionnaire.questions:
        if question.role or question.type in ("text", "date", "insee", "siren"):
            continue
        values, labels = _categories(question)
        by = {}
        for column in counts:
            by[column] = defaultdict(int)
            for (question_id, value, group), count in counts[column].items():
                if question_id == question.id:
                    by[column][(_bin(value) if question.type == "number" else value, group)] += count
        type_base = {g: n for (q, g), n in bases["territory_type"].items() if q == question.id}
        size_base = {g: n for (q, g), n in bases["size"].items() if q == question.id}
        respondents = sum(type_base.values())
        overall_raw = [sum(n for (v, _), n in by["territory_type"].items() if v == value) for value in values]
        sums = question.type != "multiple"
        hidden, totals, _ = suppress([overall_raw], [respondents] if sums else None)
        overall = hidden[0]
        summaries.append(QuestionSummary(
            question, totals[0] if sums else suppress([[respondents]])[0][0][0], tuple(labels), tuple(overall),
            _breakdown(question.label, values, labels, types, type_labels, by["territory_type"], type_base,
                       overall, sums, hidden_types),
            _breakdown(question.label, values, labels, sizes, size_labels, by["size"], size_base, overall, sums,
                       hidden_sizes)))
    texts = tuple((questionnaire.question(q).label, value) for q, value in connection.execute("""
        SELECT a.question, a.value FROM answers a JOIN publishable p USING (uuid, question)
        JOIN responses r USING (uuid) WHERE r.consent_synthesis = 1 ORDER BY r.meeting_date, a.uuid"""))
    title = "Enquête KAART auprès des élus : synthèse"
    return Synthesis(
        title=title + (" (données fictives)" if fictitious else ""),
        generated=today or dt.date.today(),
        fictitious=bool(fictitious),
        collectivites=len(places),
        answers=answers or 0,
        meetings_only=meetings_only or 0,
        departements=len({p[3] for p in places if p[3]}),
        first_meeting=first or "",
        last_meeting=last or "",
        kinds=_one_line("Communes et intercommunalités", ["Communes", "Intercommunalités"],
                        count_by(0, ["commune", "epci"])),
        by_type=by_type,
        by_size=by_size,
        questions=tuple(summaries),
        texts=texts,
    )
