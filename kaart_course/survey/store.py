"""The survey's database: one SQLite file.

SQLite from the standard library, because the base is written by one coordinator at a time, holds at most a
few tens of thousands of answers, must travel as one file between coordinators, and needs no server,
account or extra package; its transactions give the importer its all-or-nothing rule, and its primary keys
make re-importing a file add nothing.

Tables: ``imports`` (one per file imported: what was read, accepted, quarantined, duplicate), ``responses``
(one per answer, keyed by its UUID: the collectivité — kind, code, name, type, size, département — the
meeting date and the two consents), ``answer_values`` (one row per question and value; a multiple answer has
one row per choice; read through the view ``answers``, which adds the UUID), ``quarantine`` (file, row,
column, reason and value of each rejection) and ``publishable`` (the free-text answers a coordinator has
cleared for the report).
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from kaart_course._rules import neutralise_cell

DEFAULT_BASE = Path("enquete.sqlite")
# How long an answer is kept after the meeting: the time to produce the synthesis and update it once. Said to
# the élu in the questionnaire's notice (« deux ans »); the course's page on the survey and the GDPR explains
# the choice. :func:`purge` applies it.
RETENTION_YEARS = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS imports (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    description TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    read INTEGER NOT NULL,
    accepted INTEGER NOT NULL,
    quarantined INTEGER NOT NULL,
    duplicates INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS responses (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    source_row INTEGER NOT NULL,
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    territory_type TEXT NOT NULL,
    size TEXT NOT NULL,
    departement TEXT NOT NULL,
    population INTEGER NOT NULL,
    meeting_date TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    consent_synthesis INTEGER NOT NULL,
    consent_recontact INTEGER NOT NULL,
    fictitious INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS responses_place ON responses(kind, code);
-- Keyed by the response's integer id, not its UUID: rows then arrive in key order, which makes writing
-- 35,000 answers twice as fast; the view ``answers`` gives them with their UUID.
CREATE TABLE IF NOT EXISTS answer_values (
    response_id INTEGER NOT NULL REFERENCES responses(id),
    question TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (response_id, question, value)
) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS answers AS
    SELECT r.uuid AS uuid, a.question AS question, a.value AS value, a.response_id AS response_id
    FROM answer_values a JOIN responses r ON r.id = a.response_id;
CREATE TABLE IF NOT EXISTS quarantine (
    file TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    row INTEGER NOT NULL,
    column_name TEXT NOT NULL,
    reason TEXT NOT NULL,
    value TEXT NOT NULL,
    uuid TEXT NOT NULL,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    PRIMARY KEY (file_sha256, row, column_name, reason)
);
CREATE TABLE IF NOT EXISTS publishable (
    uuid TEXT NOT NULL REFERENCES responses(uuid),
    question TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    PRIMARY KEY (uuid, question)
);
"""


def connect(path: Path = DEFAULT_BASE) -> sqlite3.Connection:
    """The base at ``path``, created if needed. Transactions are explicit (``BEGIN`` … ``COMMIT``)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript(SCHEMA)
    return connection


def known_uuids(connection: sqlite3.Connection) -> set[str]:
    return {uuid for (uuid,) in connection.execute("SELECT uuid FROM responses")}


def counts(connection: sqlite3.Connection) -> dict[str, int]:
    """Number of rows of each table (what a test compares before and after an import)."""
    return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
            for table in ("imports", "responses", "answer_values", "quarantine", "publishable")}


def add_import(connection: sqlite3.Connection, file: str, description: str) -> int:
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    cursor = connection.execute("INSERT INTO imports (file, description, imported_at, read, accepted, quarantined, "
                                "duplicates) VALUES (?, ?, ?, 0, 0, 0, 0)", (file, description, now))
    return cursor.lastrowid


def close_import(connection: sqlite3.Connection, import_id: int, read: int, accepted: int, quarantined: int,
                 duplicates: int) -> None:
    connection.execute("UPDATE imports SET read = ?, accepted = ?, quarantined = ?, duplicates = ? WHERE id = ?",
                       (read, accepted, quarantined, duplicates, import_id))


RESPONSE_COLUMNS = ("id", "uuid", "import_id", "source_row", "kind", "code", "name", "territory_type", "size",
                    "departement", "population", "meeting_date", "submitted_at", "consent_synthesis",
                    "consent_recontact", "fictitious")


def add_responses(connection: sqlite3.Connection, responses: Iterable[tuple]) -> None:
    marks = ", ".join("?" * len(RESPONSE_COLUMNS))
    connection.executemany(f"INSERT INTO responses ({', '.join(RESPONSE_COLUMNS)}) VALUES ({marks})",  # noqa: S608
                           responses)


def next_response_id(connection: sqlite3.Connection) -> int:
    return connection.execute("SELECT coalesce(max(id), 0) + 1 FROM responses").fetchone()[0]


def add_answers(connection: sqlite3.Connection, answers: Iterable[tuple[int, str, str]]) -> None:
    """Answers as (response id, question, value)."""
    connection.executemany("INSERT INTO answer_values (response_id, question, value) VALUES (?, ?, ?)", answers)


def add_quarantine(connection: sqlite3.Connection, entries: Iterable[tuple]) -> None:
    """Entries (file, sha256, row, column, reason, value, uuid, import id); the same rejection of the same
    file is kept once, so re-importing a file adds nothing here either."""
    connection.executemany("INSERT OR IGNORE INTO quarantine (file, file_sha256, row, column_name, reason, value, "
                           "uuid, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", entries)


def mark_publishable(connection: sqlite3.Connection, uuid: str, question: str) -> bool:
    """Clear the free-text answer ``question`` of ``uuid`` for the report; False when there is no such answer."""
    found = connection.execute("SELECT 1 FROM answers WHERE uuid = ? AND question = ?", (uuid, question)).fetchone()
    if not found:
        return False
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    connection.execute("INSERT OR REPLACE INTO publishable (uuid, question, marked_at) VALUES (?, ?, ?)",
                       (uuid, question, now))
    return True


def retention_cutoff(today: dt.date, years: int = RETENTION_YEARS) -> dt.date:
    """The first meeting date still kept on ``today``: ``years`` before it (28 February for a 29)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def purge(connection: sqlite3.Connection, before: dt.date) -> dict[str, int]:
    """Erase, in one transaction, every answer of a meeting before ``before`` (its values, its publication
    mark) and every rejection of a file imported before that day: what is erased, counted."""
    day = before.isoformat()
    connection.execute("BEGIN IMMEDIATE")
    try:
        old = "SELECT id FROM responses WHERE meeting_date < ?"
        values = connection.execute(f"DELETE FROM answer_values WHERE response_id IN ({old})", (day,)).rowcount
        connection.execute("DELETE FROM publishable WHERE uuid IN (SELECT uuid FROM responses WHERE meeting_date < ?)",
                           (day,))
        responses = connection.execute("DELETE FROM responses WHERE meeting_date < ?", (day,)).rowcount
        rejections = connection.execute("DELETE FROM quarantine WHERE import_id IN (SELECT id FROM imports WHERE "
                                        "substr(imported_at, 1, 10) < ?)", (day,)).rowcount
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return {"responses": responses, "answer_values": values, "quarantine": rejections}


def erase(connection: sqlite3.Connection, uuid: str = "", code: str = "") -> int:
    """Erase, in one transaction, the answer ``uuid`` or every answer of the collectivité ``code`` (INSEE code
    or SIREN) — when an élu withdraws their consent; the number of answers erased."""
    where, value = ("uuid = ?", uuid) if uuid else ("code = ?", code)
    connection.execute("BEGIN IMMEDIATE")
    try:
        ids = f"SELECT id FROM responses WHERE {where}"  # noqa: S608 - two fixed forms
        connection.execute(f"DELETE FROM answer_values WHERE response_id IN ({ids})", (value,))
        connection.execute(f"DELETE FROM publishable WHERE uuid IN (SELECT uuid FROM responses WHERE {where})", (value,))
        erased = connection.execute(f"DELETE FROM responses WHERE {where}", (value,)).rowcount
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return erased


QUARANTINE_HEADER = ("fichier", "ligne", "colonne", "raison", "valeur", "uuid")


def quarantine_rows(connection: sqlite3.Connection) -> list[tuple]:
    """Every rejection, by file and row, for the coordinator who corrects the files."""
    return connection.execute("SELECT file, row, column_name, reason, value, uuid FROM quarantine "
                              "ORDER BY file, row, column_name").fetchall()


# ---------------------------------------------------------------------------------------------------
# CSV written back


def neutralise(value) -> str:
    """A cell that a spreadsheet would run as a formula, made inert with a leading apostrophe (OWASP's
    advice on CSV injection); plain numbers such as « -3 » are left alone. The rule is shared with the site
    form's export (``static/common/rules.json``, ``spreadsheetFormula``)."""
    return neutralise_cell("" if value is None else str(value))


def write_csv(path: Path, header: Iterable[str], rows: Iterable[Iterable]) -> Path:
    """Every CSV the survey tools write goes through here: UTF-8, comma, every cell neutralised."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([neutralise(cell) for cell in header])
        for row in rows:
            writer.writerow([neutralise(cell) for cell in row])
    return path
