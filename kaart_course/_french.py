"""French formatting shared by the site and the PDF guide."""

from __future__ import annotations

_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")


def french_date(text: str) -> str:
    """« 2026-11-27 » → « 27 novembre 2026 »; anything else is returned unchanged."""
    parts = text.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return text
    year, month, day = (int(part) for part in parts)
    if not 1 <= month <= 12:
        return text
    return f"{'1er' if day == 1 else day} {_MONTHS[month - 1]} {year}"
