"""What coordinators share from the base, besides the report: which collectivités were met (so that two
volunteers do not approach the same maire) and which agreed to be recontacted for the research-action
programme. Both say nothing about any person.

The tracking file (``kaart enquete suivi -o data/suivi/communes.json``, contract 3 of the course; the page
« Communes rencontrées » and the territory finder read it when it is in the repository)::

    {"generated": "AAAA-MM-JJ", "fictitious": false,
     "collectivites": [{"code": INSEE code or SIREN, "kind": "commune" | "epci", "month": "AAAA-MM",
                        "status": "answered" | "met"}]}

:func:`read_tracking` checks it (``file:line: collectivité: field: message``, unusable entries set aside).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kaart_course._data import DataError, Problem, read_mapping
from kaart_course.paths import DATA_DIR

from kaart_course.survey.territory import cahier_title

LATEST = """
    SELECT * FROM (
        SELECT *, row_number() OVER (PARTITION BY kind, code ORDER BY meeting_date DESC, submitted_at DESC, uuid)
               AS rank,
               max(consent_synthesis) OVER (PARTITION BY kind, code) AS ever_answered
        FROM responses)
    WHERE rank = 1 ORDER BY kind, code"""


def tracking(connection: sqlite3.Connection, today: dt.date | None = None) -> dict:
    """Each collectivité met: its code, kind (commune or epci), the month of the latest meeting, and whether
    the survey was answered (``answered``) or the élu was met without answering it (``met``)."""
    rows = connection.execute(f"SELECT kind, code, meeting_date, ever_answered, fictitious FROM ({LATEST})"
                              ).fetchall()
    return {
        "generated": (today or dt.date.today()).isoformat(),
        "fictitious": any(row[4] for row in rows),
        "collectivites": [{"code": code, "kind": kind, "month": meeting[:7], "status": "answered" if answered
                           else "met"} for kind, code, meeting, answered, _ in rows],
    }


def write_tracking(data: dict, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


TRACKING_PATH = DATA_DIR / "suivi" / "communes.json"
KINDS = ("commune", "epci")
STATUSES = ("answered", "met")
_CODE = {"commune": re.compile(r"^(\d{2}|2[AB])\d{3}$"), "epci": re.compile(r"^\d{9}$")}
_MONTH = re.compile(r"^(20\d{2})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Met:
    code: str
    kind: str
    month: str  # AAAA-MM
    status: str  # answered or met


@dataclass(frozen=True)
class Tracking:
    generated: str
    fictitious: bool
    collectivites: tuple[Met, ...]
    set_aside: int = 0  # entries with a problem, left out


def read_tracking(path: Path = TRACKING_PATH) -> tuple[Tracking | None, list[Problem]]:
    """The tracking file (see the module's docstring) and every problem found in it; entries with a problem
    are set aside (and counted), the others kept. JSON is read by the YAML reader, for its line numbers."""
    data, check = read_mapping(path, "suivi", "fichier", "un objet {generated, fictitious, collectivites}")
    if data is None:
        return None, check.problems
    check.unknown_keys(data, ("generated", "fictitious", "collectivites"), "suivi")
    generated = check.date(data, "generated", "suivi")
    fictitious = check.boolean(data, "fictitious", "suivi", default=False)
    if not isinstance(data.get("collectivites"), list):
        check.items(data.get("collectivites"), "suivi", "collectivites", allow_empty=True)
        return None, check.problems
    entries = check.items(data["collectivites"], "suivi", "collectivites", allow_empty=True)
    kept, seen = [], set()
    for line, entry in entries:
        if not check.mapping(entry, line, "collectivité", "collectivites", "un objet {code, kind, month, status}"):
            continue
        mark = check.mark()
        item = str(entry.get("code", "collectivité"))
        check.unknown_keys(entry, ("code", "kind", "month", "status"), item)
        kind = check.choice(entry, "kind", item, KINDS)
        code = check.text(entry, "code", item)
        if kind and code and not _CODE[kind].match(code):
            check.add(entry.line_of("code"), item, "code", "code INSEE (5 caractères) attendu" if kind == "commune"
                      else "numéro SIREN (9 chiffres) attendu")
        month = check.text(entry, "month", item)
        if month and not _MONTH.match(month):
            check.add(entry.line_of("month"), item, "month", f"mois {month!r} : attendu AAAA-MM")
        status = check.choice(entry, "status", item, STATUSES)
        if (kind, code) in seen:
            check.add(entry.line_of("code"), item, "code", "collectivité en double")
        seen.add((kind, code))
        if not check.failed_since(mark):
            kept.append(Met(code, kind, month, status))
    return Tracking(generated, fictitious, tuple(kept), len(entries) - len(kept)), check.problems


def load_tracking(path: Path = TRACKING_PATH) -> Tracking:
    tracking, problems = read_tracking(path)
    if problems:
        raise DataError(problems)
    return tracking


def check_tracking(paths: list[Path] | None = None) -> tuple[list[Problem], dict[str, int]]:
    """Problems of the tracking files given (by default the course's, when it has one), and how many entries
    each had to set aside."""
    files = paths or ([TRACKING_PATH] if TRACKING_PATH.exists() else [])
    problems, set_aside = [], {}
    for path in files:
        tracking, found = read_tracking(path)
        problems += found
        if tracking is not None and tracking.set_aside:
            set_aside[Path(path).name] = tracking.set_aside
    return problems, set_aside


RECONTACT_HEADER = ("collectivite", "code", "type", "departement", "date_accord")


def recontact(connection: sqlite3.Connection) -> tuple[tuple[str, ...], list[tuple]]:
    """The collectivités whose latest answer agrees to be recontacted: collectivité, code, type of
    territory, département, date of the consent (the meeting's) — nothing else. For coordinators only."""
    rows = connection.execute(f"SELECT name, code, territory_type, departement, meeting_date, fictitious "
                              f"FROM ({LATEST}) WHERE consent_recontact = 1").fetchall()
    fictitious = any(row[5] for row in rows)
    header = RECONTACT_HEADER + (("fictif",) if fictitious else ())
    result = [(name, code, cahier_title(kind), departement, date) + (("oui" if fict else "non",)
                                                                          if fictitious else ())
              for name, code, kind, departement, date, fict in rows]
    return header, result
