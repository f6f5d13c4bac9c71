"""The French bibliography style (kaart_course.sphinxext.bibliography) and the bibliography file."""

from __future__ import annotations

import re

import pytest
from pybtex.database import parse_file

from kaart_course.paths import REPO_ROOT
from kaart_course.sphinxext.bibliography import FrenchStyle, format_date


@pytest.mark.parametrize(("text", "expected"), [("2026-11-27", "27 novembre 2026"), ("2024-08-01", "1er août 2024"),
                                                 ("2024", "2024"), ("n'importe quoi", "n'importe quoi")])
def test_format_date(text: str, expected: str) -> None:
    assert format_date(text) == expected


def test_web_sources_read_in_french() -> None:
    bibliography = parse_file(str(REPO_ROOT / "references.bib"))
    entry = next(iter(FrenchStyle().format_entries([bibliography.entries["arrete-tracc-2026"]])))
    text = entry.text.render_as("text")
    assert "consulté le 27 novembre 2026" in text
    assert "visited" not in text and "URL:" not in text


def test_every_entry_has_url_and_urldate() -> None:
    bibliography = parse_file(str(REPO_ROOT / "references.bib"))
    for key, entry in bibliography.entries.items():
        assert entry.fields.get("url", "").startswith(("http://", "https://")), f"{key} : url manquante"
        assert re.match(r"^\d{4}-\d{2}-\d{2}$", entry.fields.get("urldate", "")), f"{key} : urldate manquante"
