"""The trainer's guide in Chromium, offline: the projection view driven by the keyboard at the room's two
screen sizes (steps advance, the timer runs, the session's quiz appears in trainer mode), also from file://;
the calendar form downloads an .ics that the icalendar package reads as ten events in Europe/Paris, or in the
trainer's own time zone overseas."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kaart_course import sessions

pytestmark = [pytest.mark.browser]
HTML_DIR = Path(__file__).parent.parent / "_build" / "html"
SESSION_PAGE = "modules/08-formateur/03-seances/seance-{:02d}.html"
STAGE = "[data-kaart-widget=projection] [data-kaart-step-current]"


def _current(page) -> int:
    return int(page.locator(STAGE).get_attribute("data-kaart-step-current"))


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_projection_follows_the_keyboard_and_shows_the_quiz_in_trainer_mode(offline_browser, site_url, width, height):
    offline = offline_browser(site_url, width=width, height=height)
    page = offline.page
    session = sessions.load_cycle().session(2)
    offline.open(SESSION_PAGE.format(2) + "#projeter")
    root = page.locator(".kaart-projection")
    assert "kaart-projecting" in root.get_attribute("class"), "#projeter opens the view projected"
    assert _current(page) == 1
    title = page.locator(".kaart-projection-title")
    assert title.inner_text() == session.steps[0].title
    # Large type, read from the back of the room, and the whole step on one screen.
    assert float(title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 0.035 * width
    assert root.evaluate("e => e.scrollHeight <= e.clientHeight + 1")
    timer = page.locator("[data-kaart-timer]")
    assert re.fullmatch(r"00:0\d / 10 min prévues", timer.inner_text())
    page.wait_for_function("() => document.querySelector('[data-kaart-timer]').textContent.startsWith('00:01')")

    page.keyboard.press("ArrowRight")
    assert _current(page) == 2 and title.inner_text() == session.steps[1].title
    assert "25 min prévues" in timer.inner_text()
    page.keyboard.press("End")
    assert _current(page) == len(session.steps)
    page.keyboard.press("ArrowRight")
    assert _current(page) == len(session.steps), "the last step stays"
    page.keyboard.press("Home")
    assert _current(page) == 1
    page.keyboard.press("ArrowLeft")
    assert _current(page) == 1

    quiz_step = next(i for i, step in enumerate(session.steps, 1) if any(m.kind == "quiz" for m in step.material))
    for _ in range(quiz_step - 1):
        page.keyboard.press("ArrowRight")
    assert _current(page) == quiz_step
    quiz = page.locator(".kaart-projection-quiz .kaart-quiz")
    assert "kaart-trainer" in quiz.get_attribute("class"), "the quiz opens in trainer mode"
    assert page.locator(".kaart-projection-quiz [data-kaart-question]:visible").count() == 1
    assert page.locator(".kaart-projection-quiz .kaart-trainer-counter").inner_text().startswith("Question 1 sur ")
    page.locator(".kaart-projection-quiz [data-kaart-action=reveal]:visible").click()
    assert page.locator(".kaart-projection-quiz .kaart-revealed").count() == 1

    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement?.classList.contains('kaart-projection')")
    page.keyboard.press("f")
    page.wait_for_function("() => !document.fullscreenElement")
    page.keyboard.press("Escape")
    assert "kaart-projecting" not in root.get_attribute("class")


def test_projection_works_from_a_downloaded_copy(offline_browser):
    offline = offline_browser(HTML_DIR.as_uri() + "/", width=1280, height=720)
    offline.open(SESSION_PAGE.format(9) + "#projeter", wait_until="load")
    page = offline.page
    assert _current(page) == 1
    page.keyboard.press("End")
    assert _current(page) == len(sessions.load_cycle().session(9).steps)
    assert page.locator(".kaart-projection-quiz .kaart-quiz.kaart-trainer").count() == 1


def test_projection_view_has_no_serious_accessibility_problem(offline_page, axe):
    offline_page.open(SESSION_PAGE.format(7) + "#projeter")
    assert axe(offline_page.page, "séance 7, projetée") == []


def test_calendar_downloads_ten_sessions_in_europe_paris(offline_page, axe, tmp_path):
    from icalendar import Calendar

    offline_page.open("modules/08-formateur/index.html")
    page = offline_page.page
    form = page.locator("[data-kaart-calendar]")
    form.locator("[data-kaart-field=first]").fill("2027-03-17")  # a Wednesday
    form.locator("[data-kaart-field=first]").dispatch_event("change")
    form.locator("[data-kaart-field=weekday]").select_option(label="lundi")
    form.locator("[data-kaart-field=rhythm]").select_option("quinze-jours")
    form.locator("[data-kaart-field=time]").fill("18:30")
    form.locator("[data-kaart-field=time]").dispatch_event("change")
    form.locator("[data-kaart-field=zone]").select_option(label="Métropole et Corse")
    assert form.locator("[data-kaart-dates] li").count() == 10
    assert form.locator("[data-kaart-dates] li").first.inner_text() == "Séance 1 : lundi 22 mars 2027 à 18\u00a0h\u00a030"
    with page.expect_download() as download_info:
        form.locator("[data-kaart-action=download]").click()
    download = download_info.value
    assert download.suggested_filename == "kaart-cycle.ics"
    path = tmp_path / "cycle.ics"
    download.save_as(path)
    assert "téléchargé" in form.locator("[data-kaart-status]").inner_text()
    assert axe(page, "calendrier rempli") == []

    calendar = Calendar.from_ical(path.read_bytes())
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    cycle = sessions.load_cycle()
    assert len(events) == 10
    paris = ZoneInfo("Europe/Paris")
    first = dt.date(2027, 3, 22)
    for index, (event, session) in enumerate(zip(events, cycle.sessions)):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start.tzinfo is not None and start.tzinfo.key == "Europe/Paris"
        assert start.date() == first + dt.timedelta(days=14 * index)
        assert (start.hour, start.minute) == (18, 30), "wall time kept across the change to summer time"
        assert end - start == dt.timedelta(minutes=session.duration)
        assert session.title in str(event["SUMMARY"])
    # 22 March is in winter time (UTC+1), 5 April in summer time (UTC+2).
    assert events[0].decoded("DTSTART").astimezone(dt.timezone.utc).hour == 17
    assert events[1].decoded("DTSTART").astimezone(dt.timezone.utc).hour == 16
    assert events[1].decoded("DTSTART").astimezone(paris).utcoffset() == dt.timedelta(hours=2)


def test_feedback_xlsform_is_published_with_the_site(offline_page):
    from openpyxl import load_workbook

    offline_page.open("modules/08-formateur/05-recueillir-les-retours.html")
    link = offline_page.page.locator("[data-kaart-printable='kaart-retours-cycle.xlsx']")
    href = link.evaluate("a => a.href")
    path = HTML_DIR / href.removeprefix(offline_page.base_url)
    assert path.is_file()
    assert load_workbook(path)["settings"]["B2"].value == "kaart-retours-cycle"


def test_calendar_overseas_is_in_the_trainer_s_time_zone(offline_browser, site_url, tmp_path):
    """A trainer whose device is in La Réunion gets La Réunion's zone chosen, and sessions at 18:00 there."""
    from icalendar import Calendar

    offline = offline_browser(site_url, timezone_id="Indian/Reunion")
    offline.open("modules/08-formateur/index.html")
    page = offline.page
    form = page.locator("[data-kaart-calendar]")
    assert form.locator("[data-kaart-field=zone] option:checked").inner_text() == "La Réunion"
    form.locator("[data-kaart-field=first]").fill("2027-03-22")
    form.locator("[data-kaart-field=first]").dispatch_event("change")
    form.locator("[data-kaart-field=time]").fill("18:00")
    form.locator("[data-kaart-field=time]").dispatch_event("change")
    with page.expect_download() as download_info:
        form.locator("[data-kaart-action=download]").click()
    path = tmp_path / "cycle.ics"
    download_info.value.save_as(path)
    events = sorted(Calendar.from_ical(path.read_bytes()).walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    assert len(events) == 10
    for event in events:
        start = event.decoded("DTSTART")
        assert start.tzinfo.key == "Indian/Reunion" and (start.hour, start.minute) == (18, 0)
        assert start.astimezone(dt.timezone.utc).hour == 14, "La Réunion is UTC+4 all year"
