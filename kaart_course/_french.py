"""French formatting of dates, numbers and durations: the one place in Python, mirrored by
``static/kaart-format.js`` in the browser. Both are tested on the same cases (tests/fixtures/french-format.json)
so that a page, a widget and the PDF write « 1er août 2024 », « 1 234,5 » and « 1 min 05 s » alike.
"""

from __future__ import annotations

import datetime as _dt
import math
from decimal import ROUND_HALF_UP, Decimal

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
THIN_SPACE = "\u202f"  # narrow no-break space, between groups of thousands


def format_date(value: str | _dt.date) -> str:
    """« 2026 », « 2024-08 », « 2026-11-27 » (or a date) → « 2026 », « août 2024 », « 27 novembre 2026 »,
    with « 1er » for the first of the month. Text that is not such a date is returned unchanged."""
    if isinstance(value, _dt.date):
        value = value.isoformat()[:10]
    parts = str(value).split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return str(value)
    numbers = [int(p) for p in parts]
    if len(numbers) == 1:
        return parts[0]
    if not 1 <= numbers[1] <= 12:
        return str(value)
    month = f"{MONTHS[numbers[1] - 1]} {numbers[0]}"
    if len(numbers) == 2:
        return month
    return f"{'1er' if numbers[2] == 1 else numbers[2]} {month}"


def format_number(value: float, decimals: int | None = None) -> str:
    """« 1 234,5 »: decimal comma, narrow no-break spaces between thousands of the integer part only.

    ``decimals`` rounds to that many digits; by default an integer has none and a decimal number keeps its
    own (up to 6, trailing zeros dropped)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return str(value)
    if isinstance(value, int) and decimals is None:
        text = str(value)
    else:
        # Halves round up, as the browser's toFixed does (Python's own formatting rounds them to even).
        exact = Decimal(value).quantize(Decimal(1).scaleb(-(6 if decimals is None else decimals)), ROUND_HALF_UP)
        text = f"{exact:f}"
        if decimals is None:
            text = text.rstrip("0").rstrip(".")
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    grouped = THIN_SPACE.join(groups)
    if sign and set(grouped + fraction) <= {"0", THIN_SPACE}:
        sign = ""  # « -0 » reads as 0
    return f"{sign}{grouped}" + (f",{fraction}" if fraction else "")


def _round(value: float) -> int:
    """Halves up, as the browser's Math.round (Python's round() sends them to the even neighbour)."""
    return math.floor(value + 0.5)


def format_seconds(total: float) -> str:
    """A speaking time: « 45 s », « 1 min 05 s », « 2 min »."""
    seconds = max(0, _round(total))
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest:02d} s" if rest else f"{minutes} min"


def format_minutes(total: int) -> str:
    """A duration in minutes: « 20 min », « 1 h », « 1 h 05 »."""
    hours, rest = divmod(max(0, _round(total)), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def format_seconds_range(low: float, high: float) -> str:
    """« 30 s » when both ends are the same, else « 3 min à 5 min »."""
    if _round(low) == _round(high):
        return format_seconds(high)
    return f"{format_seconds(low)} à {format_seconds(high)}"
