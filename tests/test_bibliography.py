"""The French bibliography style (kaart_course.sphinxext.bibliography) and the bibliography file."""

from __future__ import annotations

import re

import pytest
from pybtex.database import parse_file

from kaart_course.paths import REPO_ROOT
from kaart_course.sphinxext.bibliography import FrenchStyle, format_date, undated_entries


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


# --- Every source is dated ------------------------------------------------------------------------------

UNDATED = """@misc{sans-date,
  author  = {{Quelqu'un}},
  title   = {Une page},
  year    = {s. d.},
  url     = {https://example.org/},
  urldate = {2026-11-27},
}

@misc{sans-annee,
  title   = {Une autre page},
  month   = {feb},
  url     = {https://example.org/b},
  urldate = {2026-11-27},
}

@misc{datee,
  title   = {Une page datée},
  year    = {2024},
  month   = {mars},
  url     = {https://example.org/c},
  urldate = {2026-11-27},
}
"""


def test_undated_entries_are_reported_with_their_line(tmp_path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(UNDATED, encoding="utf-8")
    problems = undated_entries(bib)
    assert [(key, line) for key, line, _ in problems] == [("sans-date", 1), ("sans-annee", 9), ("sans-annee", 9)]
    assert "s. d." in problems[0][2] and "champ year absent" in problems[1][2] and "français" in problems[2][2]


def test_every_entry_of_the_course_has_a_publication_date() -> None:
    assert undated_entries(REPO_ROOT / "references.bib") == []


def test_an_undated_entry_fails_the_strict_build(tmp_path) -> None:
    from io import StringIO

    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "refs.bib").write_text(UNDATED, encoding="utf-8")
    (src / "conf.py").write_text('extensions = ["sphinxcontrib.bibtex", "kaart_course.sphinxext.bibliography"]\n'
                                 'bibtex_bibfiles = ["refs.bib"]\nlanguage = "fr"\n', encoding="utf-8")
    (src / "index.rst").write_text("Page\n====\n\nTexte.\n", encoding="utf-8")
    warnings = StringIO()
    app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html",
                 status=StringIO(), warning=warnings, freshenv=True, warningiserror=True, keep_going=True)
    app.build()
    assert app.statuscode != 0
    text = re.sub(r"\x1b\[[0-9;]*m", "", warnings.getvalue())
    assert re.search(r"refs\.bib:1: WARNING: source non datée : sans-date", text), text


def test_no_unescaped_percent_sign_cuts_a_field_short() -> None:
    """In BibTeX a bare « % » starts a comment: « 98 % des communes » would print « 98 ». Write « \\% »."""
    for number, line in enumerate((REPO_ROOT / "references.bib").read_text(encoding="utf-8").splitlines(), start=1):
        field = re.match(r"\s*(\w+)\s*=\s*\{(.*)\},?\s*$", line)
        if field and field.group(1) != "url":
            assert not re.search(r"(?<!\\)%", field.group(2)), f"references.bib:{number} : écrire \\% : {line.strip()}"
