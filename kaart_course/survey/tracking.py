"""What coordinators share from the base, besides the report: which collectivités were met (so that two
volunteers do not approach the same maire) and which agreed to be recontacted for the research-action
programme. Both say nothing about any person.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

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
