"""The report (kaart_course.survey.report): builds offline, charts with alt text, hostile text escaped."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kaart_course.survey import example, importer, report, store, synthesis
from kaart_course.survey.questionnaire import load_questionnaire
from survey_fixtures import columns, csv_bytes, fake_territories, uuid_of, valid_answer, write

SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A report from 120 fictitious answers plus one hostile text cleared by a coordinator."""
    tmp = tmp_path_factory.mktemp("rapport")
    questionnaire, lookup = load_questionnaire(), fake_territories()
    header, rows = example.example_rows(questionnaire, lookup, sorted(lookup.communes), sorted(lookup.epcis), 120, 1)
    connection = store.connect(tmp / "base.sqlite")
    hostile = valid_answer(uuid_of(1), message=SCRIPT)
    importer.import_files(connection, [store.write_csv(tmp / "ex.csv", header, rows),
                                       write(tmp / "h.csv", csv_bytes([hostile], columns(questionnaire)))],
                          questionnaire, lookup, today=dt.date(2026, 12, 2))
    assert store.mark_publishable(connection, uuid_of(1), "message")
    result = synthesis.synthesize(connection, questionnaire, dt.date(2026, 12, 2))
    connection.close()
    return result, report.report_html(result, questionnaire.version), tmp


def test_report_is_french_self_contained_and_dated(sample):
    result, page, _ = sample
    assert '<html lang="fr">' in page and "Rapport établi le 2 décembre 2026" in page
    assert "Méthode et limites" in page and "< 5" in page.replace("&lt;", "<")
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)  # nothing loaded from anywhere
    assert "<script" not in page
    assert re.findall(r"<link [^>]*>", page) == ['<link rel="icon" href="data:,">'], "a browser asks for no icon"
    description = re.search(r'<meta name="description" content="([^"]*)">', page).group(1)
    assert description.startswith(result.title.replace("'", "&#x27;") + " : les réponses de ")


def test_fictitious_answers_are_said_so(sample):
    result, page, _ = sample
    assert result.fictitious and "(données fictives)" in result.title
    assert "Données fictives : ce rapport est un exemple" in page


def test_every_chart_has_an_alt_text_with_its_numbers(sample):
    _, page, _ = sample
    images = re.findall(r"<img ([^>]*)>", page)
    assert len(images) >= 10
    for attributes in images:
        alt = re.search(r'alt="([^"]*)"', attributes).group(1)
        assert "Diagramme en barres" in alt and re.search(r"\d|&lt; 5", alt)
        assert 'src="data:image/svg+xml;base64,' in attributes


def test_hostile_text_is_escaped_never_executed(sample):
    _, page, _ = sample
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_report_writes_html_and_pdf(sample):
    result, _, tmp = sample
    paths = report.write_report(result, tmp / "sortie", "2026-12")
    assert [p.name for p in paths] == ["rapport-enquete.html", "rapport-enquete.pdf"]
    from pypdf import PdfReader

    text = PdfReader(paths[1]).pages[0].extract_text()
    assert "données fictives" in text.lower() and "Qui a répondu" in text
