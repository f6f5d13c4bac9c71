"""Importing answer files into the base: every row read is accepted, quarantined or counted as a duplicate.

:func:`import_files` reads every file first (a file that is not a table stops everything before the base is
touched), then writes all of them in one transaction: a failure half-way leaves the base as it was. An
answer is keyed by its UUID, so a file imported twice adds nothing. A row is quarantined with one entry per
reason (file, row, column, reason, value): missing or unreadable UUID, missing required answer or consent,
value outside the choices, unknown INSEE or SIREN code, date or number out of bounds… Values are kept as
text: a cell that looks like a formula is stored as typed and neutralised in any CSV written back
(:func:`kaart_course.survey.store.write_csv`).

When the élu declined the synthesis, the row is accepted as a meeting only (collectivité, date, the separate
recontact consent) and none of its other answers is stored.

Column names are the questionnaire's ids, alone or behind a group name (``territoire/risques``,
``territoire-risques``, as KoboToolbox writes them), plus KoboToolbox's own columns (``_uuid``,
``_submission_time``, ``_id``, ``_index``…), and for a multiple question either one column of ids separated by
spaces or one 0/1 column per choice (``risques/chaleur``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from kaart_course.survey import store
from kaart_course.survey.questionnaire import Questionnaire
from kaart_course.survey.reading import ReadError, Table, read_table
from kaart_course.survey.territory import TerritoryLookup, place
from kaart_course.survey.values import Columns, Converter, Invalid, fold

UUID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{7,63}$")
TRUE_CELLS = {"1", "1.0", "true", "vrai", "oui", "x", "yes"}
MAX_VALUE_SHOWN = 60


@dataclass(frozen=True)
class Rejection:
    file: str
    row: int
    column: str
    reason: str
    value: str
    uuid: str

    def __str__(self) -> str:
        shown = self.value if len(self.value) <= MAX_VALUE_SHOWN else self.value[:MAX_VALUE_SHOWN] + "…"
        shown = shown.encode("unicode_escape").decode("ascii") if not shown.isprintable() else shown
        return f"{self.file}:{self.row}: {self.column}: {self.reason}" + (f" (valeur « {shown} »)" if shown else "")


@dataclass
class FileReport:
    path: Path
    description: str
    read: int = 0
    accepted: int = 0
    quarantined: int = 0
    duplicates: int = 0
    meetings_only: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImportReport:
    files: tuple[FileReport, ...]

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)

    @property
    def rejections(self) -> list[Rejection]:
        return [r for f in self.files for r in f.rejections]

    def summary(self) -> str:
        """The one closing line: read = accepted + quarantined + duplicates, always."""
        return (f"lues : {self.total('read')} · acceptées : {self.total('accepted')} · "
                f"en quarantaine : {self.total('quarantined')} · doublons : {self.total('duplicates')}")


# ---------------------------------------------------------------------------------------------------
# Rows


@dataclass
class _Row:
    number: int
    uuid: str = ""
    submitted: str = ""
    fictitious: bool = False
    cells: dict = field(default_factory=dict)  # question id -> (column, text)
    choice_cells: dict = field(default_factory=dict)  # question id -> {choice id: (column, text)}
    invalid: str = ""


def _rows(table: Table, columns: Columns, report: FileReport) -> list[_Row]:
    resolved = []
    for index, name in enumerate(table.header):
        found = columns.resolve(name)
        if found is None:
            report.ignored_columns.append(name)
        elif found != ("silent",):
            resolved.append((index, name, found))
    rows = []
    for number, cells in table.rows:
        row = _Row(number)
        for index, name, found in resolved:
            text = cells[index].strip() if index < len(cells) else ""
            if found[0] == "meta":
                if found[1] == "uuid" and text:
                    row.uuid = text
                elif found[1] == "instance" and text and not row.uuid:
                    row.uuid = text.removeprefix("uuid:")
                elif found[1] in ("submitted", "end") and text and not row.submitted:
                    row.submitted = text
                elif found[1] == "fictitious":
                    row.fictitious = fold(text) in TRUE_CELLS | {"fictif", "fictive"}
                elif found[1] == "invalid" and text:
                    row.invalid = text
            elif found[0] == "question":
                if text or found[1] not in row.cells:
                    row.cells[found[1]] = (name, text)
            else:
                row.choice_cells.setdefault(found[1], {})[found[2]] = (name, text)
        for question_id, choices in row.choice_cells.items():
            if not row.cells.get(question_id, ("", ""))[1]:
                chosen = [c for c, (_, text) in choices.items() if fold(text) in TRUE_CELLS]
                row.cells[question_id] = (next(iter(choices.values()))[0].rsplit("/", 1)[0], " ".join(chosen))
        rows.append(row)
    return rows


@dataclass(frozen=True)
class _Accepted:
    response: tuple
    answers: list[tuple[str, str]]  # (question, value)
    meeting_only: bool


def _check_row(row: _Row, questionnaire: Questionnaire, convert: Converter, lookup: TerritoryLookup,
               file: str) -> tuple[_Accepted | None, list[Rejection]]:
    problems: list[Rejection] = []

    def reject(column: str, reason: str, value: str = "") -> None:
        problems.append(Rejection(file, row.number, column, reason, value, row.uuid))

    if row.invalid:
        reject("réponse", row.invalid)
    answers: dict = {}
    for question in questionnaire.questions:
        if not questionnaire.is_relevant(question, answers):
            continue
        column, text = row.cells.get(question.id, (question.id, ""))
        if not text:
            if question.required:
                reject(column, f"accord absent ({question.label})" if question.role == "consent"
                       else "réponse obligatoire absente")
            continue
        try:
            answers[question.id] = convert(question, text)
        except Invalid as error:
            reject(column, str(error), text)
    kind = answers.get(questionnaire.kind_question.id)
    code_question = questionnaire.of_type("insee" if kind == "commune" else "siren")
    found = None
    if kind and code_question is not None and code_question.id in answers:
        geography = questionnaire.geography
        found = place(lookup, kind, answers[code_question.id], answers.get(geography.id, ()) if geography else ())
        if found is None:
            column = row.cells.get(code_question.id, (code_question.id, ""))[0]
            label = "code INSEE inconnu" if kind == "commune" else "numéro SIREN inconnu"
            reject(column, f"{label} dans la liste officielle", answers[code_question.id])
    if problems or found is None:
        return None, problems
    synthesis = answers[questionnaire.consent("synthesis").id] == "oui"
    recontact = answers.get(questionnaire.consent("recontact").id) == "oui"
    meeting = answers[questionnaire.of_type("date").id]
    response = (row.uuid, None, row.number, found.kind, found.code, found.name, found.territory_type, found.size,
                found.departement, found.population, meeting, row.submitted, int(synthesis), int(recontact),
                int(row.fictitious))
    stored: list[tuple[str, str]] = []
    if synthesis:
        for question_id, value in answers.items():
            if questionnaire.question(question_id).role:
                continue  # identification and consents live in the response's own columns
            values = sorted(value) if isinstance(value, frozenset) else [f"{value:g}" if isinstance(value, float)
                                                                          else value]
            stored.extend((question_id, v) for v in values)
    return _Accepted(response, stored, not synthesis), []


def _uuid_problem(row: _Row) -> str:
    if not row.uuid:
        return "identifiant de la réponse (_uuid) absent"
    if not UUID_RE.match(row.uuid):
        return "identifiant de la réponse (_uuid) illisible"
    return ""


# ---------------------------------------------------------------------------------------------------
# Import


def read_files(paths: list[Path], questionnaire: Questionnaire) -> list[Table]:
    """Every file read as a table; ReadError (naming the file) at the first one that is not."""
    columns = Columns(questionnaire)
    tables = []
    for path in paths:
        try:
            tables.append(read_table(path, columns.known))
        except ReadError as error:
            raise ReadError(f"{path} : {error}") from error
    return tables


def import_tables(connection, tables: list[Table], questionnaire: Questionnaire, lookup: TerritoryLookup,
                  today: dt.date | None = None) -> ImportReport:
    """Check and store every row of ``tables`` in one transaction; the report of what became of each row."""
    convert = Converter(questionnaire, today or dt.date.today())
    columns = Columns(questionnaire)
    seen = store.known_uuids(connection)
    reports = []
    connection.execute("BEGIN IMMEDIATE")
    try:
        next_id = store.next_response_id(connection)
        for table in tables:
            report = FileReport(table.path, table.description)
            file = str(table.path)
            digest = hashlib.sha256(table.path.read_bytes()).hexdigest()
            import_id = store.add_import(connection, file, table.description)
            responses, answers = [], []
            for row in _rows(table, columns, report):
                report.read += 1
                problem = _uuid_problem(row)
                if problem:
                    rejections = [Rejection(file, row.number, "_uuid", problem, row.uuid, row.uuid)]
                    accepted = None
                elif row.uuid in seen:
                    report.duplicates += 1
                    continue
                else:
                    accepted, rejections = _check_row(row, questionnaire, convert, lookup, file)
                if accepted is None:
                    report.quarantined += 1
                    report.rejections.extend(rejections)
                    continue
                seen.add(row.uuid)
                report.accepted += 1
                report.meetings_only += accepted.meeting_only
                responses.append((next_id, accepted.response[0], import_id, *accepted.response[2:]))
                answers.extend((next_id, question, value) for question, value in accepted.answers)
                next_id += 1
            store.add_responses(connection, responses)
            store.add_answers(connection, answers)
            store.add_quarantine(connection, ((r.file, digest, r.row, r.column, r.reason, r.value, r.uuid, import_id)
                                              for r in report.rejections))
            store.close_import(connection, import_id, report.read, report.accepted, report.quarantined,
                               report.duplicates)
            reports.append(report)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return ImportReport(tuple(reports))


def import_files(connection, paths: list[Path], questionnaire: Questionnaire, lookup: TerritoryLookup,
                 today: dt.date | None = None) -> ImportReport:
    """Read then import ``paths`` (see the module's docstring)."""
    return import_tables(connection, read_files(paths, questionnaire), questionnaire, lookup, today)
