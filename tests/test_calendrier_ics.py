"""The cycle's .ics (kaart_course/static/calendrier/ics.js) read by Python's icalendar package: in every time zone
the form offers, the VTIMEZONE the file carries puts each session at the same instant as the official time-zone
database (tzdata, through zoneinfo) does, winter and summer, over the councils' term 2026–2032."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from kaart_course.paths import REPO_ROOT

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js absent")

ICS = REPO_ROOT / "kaart_course" / "static" / "calendrier" / "ics.js"
# First sessions chosen around the changes of time: winter, just before and after the European and North
# American changes, summer, autumn.
FIRSTS = ["2027-01-11", "2027-03-08", "2027-03-22", "2029-10-22", "2031-06-02", "2032-10-25"]


def _node(script: str) -> str:
    run = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60,
                         cwd=REPO_ROOT)
    assert run.returncode == 0, run.stderr
    return run.stdout


def _zones() -> list[str]:
    return json.loads(_node(f'import {{ TIME_ZONES }} from "{ICS.as_uri()}";'
                            "console.log(JSON.stringify(TIME_ZONES.map((zone) => zone.tzid)));"))


def _ics(zone: str, first: str) -> bytes:
    sessions = [{"number": n, "title": f"Séance {n}", "minutes": 120, "before": []} for n in range(1, 11)]
    args = {"sessions": sessions, "first": first, "weekday": 1, "rhythm": "hebdomadaire", "time": "18:30",
            "zone": zone}
    return _node(f'import {{ buildIcs }} from "{ICS.as_uri()}";'
                 f"process.stdout.write(buildIcs({json.dumps(args)}));").encode("utf-8")


def test_the_form_offers_france_s_time_zones_metropole_first() -> None:
    zones = _zones()
    assert zones[0] == "Europe/Paris"
    assert {"Indian/Reunion", "America/Cayenne", "America/Martinique", "Indian/Mayotte",
            "America/Guadeloupe", "Pacific/Noumea", "America/Miquelon"} <= set(zones)


@pytest.mark.parametrize("zone", _zones() if shutil.which("node") else [])
def test_sessions_fall_at_the_same_instant_as_in_tzdata(zone: str) -> None:
    official = ZoneInfo(zone)
    for first in FIRSTS:
        calendar = Calendar.from_ical(_ics(zone, first))
        (vtimezone,) = calendar.walk("VTIMEZONE")
        carried = vtimezone.to_tz(lookup_tzid=False)  # the file's own definition, not tzdata
        events = calendar.walk("VEVENT")
        assert len(events) == 10
        for event in events:
            start = event.decoded("DTSTART")
            assert (start.hour, start.minute) == (18, 30)
            wall = start.replace(tzinfo=None)
            assert wall.replace(tzinfo=carried).astimezone(dt.timezone.utc) == \
                wall.replace(tzinfo=official).astimezone(dt.timezone.utc), f"{zone} {wall}"
