"""The Python side of the rules the browser modules apply too: French formats, safe links, acronyms, inline
trees to text. Both sides answer the cases of tests/fixtures/shared-cases.json (the JS side:
tests/js/shared.test.mjs), so that a page, a widget and the PDF agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kaart_course import _french, _markdown, _rules

CASES = json.loads((Path(__file__).parent / "fixtures" / "shared-cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "expected"), CASES["formatDate"])
def test_dates(text, expected):
    assert _french.format_date(text) == expected


@pytest.mark.parametrize(("value", "decimals", "expected"), CASES["formatNumber"])
def test_numbers(value, decimals, expected):
    assert _french.format_number(value, decimals) == expected


@pytest.mark.parametrize(("seconds", "expected"), CASES["formatSeconds"])
def test_seconds(seconds, expected):
    assert _french.format_seconds(seconds) == expected


@pytest.mark.parametrize(("minutes", "expected"), CASES["formatMinutes"])
def test_minutes(minutes, expected):
    assert _french.format_minutes(minutes) == expected


@pytest.mark.parametrize(("low", "high", "expected"), CASES["formatSecondsRange"])
def test_second_ranges(low, high, expected):
    assert _french.format_seconds_range(low, high) == expected


@pytest.mark.parametrize(("href", "safe"), CASES["safeHref"])
def test_safe_links(href, safe):
    assert _rules.is_safe_href(href) is safe
    tree = _markdown.parse_inline(f"[lien](<{href}>)")
    links = [node["href"] for node in tree if node["t"] == "link"]
    assert all(_rules.is_safe_href(link) for link in links), "only safe targets become links"
    if not safe:
        assert href not in links


@pytest.mark.parametrize(("text", "tokens"), CASES["acronymTokens"])
def test_acronym_tokens(text, tokens):
    assert _rules.ACRONYM_TOKEN.findall(_rules.fold_ascii(text)) == tokens


@pytest.mark.parametrize(("token", "acronym"), CASES["isAcronym"])
def test_acronyms(token, acronym):
    assert _rules.is_acronym(token) is acronym


@pytest.mark.parametrize(("tree", "text"), CASES["plainText"])
def test_inline_trees_to_text(tree, text):
    assert _markdown.plain_text(tree) == text


@pytest.mark.parametrize(("cell", "written"), CASES["neutraliseCell"])
def test_spreadsheet_formulas_are_neutralised_and_restored(cell, written):
    assert _rules.neutralise_cell(cell) == written
    assert _rules.restore_cell(written) == cell
