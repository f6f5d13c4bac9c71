"""The quiz on the built static site, offline, driven with the keyboard only; and a hostile bank."""

from pathlib import Path

import pytest

from kaart_course import quiz

pytestmark = [pytest.mark.browser]
FIXTURES = Path(__file__).parent / "fixtures" / "quizzes"
QUIZ_PAGE = "exercises/00-autodiagnostic.html"


def _choose_with_arrows(page, question_id, wanted):
    """Select a radio option of a question with the keyboard only (focus the group, then arrows)."""
    block = page.locator(f'[data-kaart-question="{question_id}"]')
    block.locator("input").first.focus()
    page.keyboard.press("Space")
    for _ in range(6):
        if block.locator(f'input[value="{wanted}"]').is_checked():
            return block
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"option {wanted} introuvable au clavier")


def _validate_with_keyboard(page):
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.kaartAction")
    assert focused == "check", f"Tab mène à {focused!r}, pas au bouton Valider"
    page.keyboard.press("Enter")


@pytest.mark.book
def test_quiz_right_wrong_feedback_score_and_saved_progress(offline_page):
    page = offline_page.page
    page.set_viewport_size({"width": 390, "height": 900})
    offline_page.open(QUIZ_PAGE)
    page.evaluate("localStorage.clear()")
    page.reload()
    questions = {q.id: q for q in quiz.load_bank("00-bienvenue").questions}
    page.wait_for_selector('[data-kaart-quiz="00-bienvenue"]')

    block = _choose_with_arrows(page, "q-but-kaart", questions["q-but-kaart"].details["answer"])
    _validate_with_keyboard(page)
    assert block.get_attribute("data-kaart-result") == "correct"
    assert "Bonne réponse" in block.locator("[data-kaart-feedback]").inner_text()
    assert "dialogue" in block.locator("[data-kaart-feedback]").inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-kaart-feedback')")

    wrong = next(o["id"] for o in questions["q-parti"].details["options"] if o["id"] != questions["q-parti"].details["answer"])
    block = _choose_with_arrows(page, "q-parti", wrong)
    _validate_with_keyboard(page)
    assert block.get_attribute("data-kaart-result") == "incorrect"
    assert "Pas tout à fait" in block.locator("[data-kaart-feedback]").inner_text()
    score = page.locator("[data-kaart-score]").inner_text()
    assert "1 sur 8" in score and "2 questions répondues" in score

    # Ordering, with the move buttons and the keyboard.
    order = page.locator('[data-kaart-question="q-ordre-demarche"]')
    for position, item_id in enumerate(item["id"] for item in questions["q-ordre-demarche"].details["items"]):
        while True:
            ids = order.locator("[data-kaart-order-item]").evaluate_all("els => els.map(e => e.dataset.kaartOrderItem)")
            if ids.index(item_id) == position:
                break
            order.locator(f'[data-kaart-order-item="{item_id}"] [data-kaart-move="up"]').focus()
            page.keyboard.press("Enter")
    assert "position" in order.locator(".kaart-order-status").inner_text()
    order.locator("[data-kaart-action=check]").focus()
    page.keyboard.press("Enter")
    assert order.get_attribute("data-kaart-result") == "correct"

    page.reload()
    page.wait_for_selector('[data-kaart-question="q-parti"][data-kaart-result="incorrect"]')
    assert page.locator('[data-kaart-question="q-but-kaart"]').get_attribute("data-kaart-result") == "correct"
    assert "2 sur 8" in page.locator("[data-kaart-score]").inner_text()

    page.locator("[data-kaart-action=retry-missed]").focus()
    page.keyboard.press("Enter")
    assert page.locator('[data-kaart-question="q-parti"]').get_attribute("data-kaart-result") is None
    assert "2 sur 8 (2 questions répondues)" in page.locator("[data-kaart-score]").inner_text()

    offline_page.open("modules/00-bienvenue/04-ma-progression.html")
    row = page.locator('[data-kaart-progress-bank="00-bienvenue"]')
    assert "2 sur 8" in row.inner_text()
    assert row.locator("a").get_attribute("href").endswith("00-autodiagnostic.html#quiz-00-bienvenue")
    assert page.locator("[data-kaart-progress-bank]").count() == len(quiz.bank_paths())
    assert offline_page.problems == []


@pytest.mark.book
def test_trainer_mode_shows_one_question_and_reveals_on_click(offline_page):
    page = offline_page.page
    offline_page.open(QUIZ_PAGE + "?formateur")
    quiz_root = page.locator('[data-kaart-quiz="00-bienvenue"]')
    quiz_root.wait_for()
    assert "kaart-trainer" in quiz_root.get_attribute("class")
    visible = page.locator("[data-kaart-question]:visible")
    assert visible.count() == 1
    visible.locator("[data-kaart-action=reveal]").click()
    assert visible.locator(".kaart-expected").count() == 1
    page.locator("[data-kaart-action=next]").click()
    second = quiz.load_bank("00-bienvenue").questions[1].id
    assert page.locator("[data-kaart-question]:visible").get_attribute("data-kaart-question") == second
    font_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.kaart-trainer legend')).fontSize)")
    assert font_size >= 24
    assert offline_page.problems == []


@pytest.mark.book
def test_quiz_page_has_no_serious_accessibility_violation(offline_page, axe):
    page = offline_page.page
    offline_page.open("modules/01-comprendre/05-quiz.html")
    page.wait_for_selector("[data-kaart-quiz]")
    block = page.locator("[data-kaart-question]").first
    block.locator("input").first.check() if block.locator("input").count() else None
    block.locator("[data-kaart-action=check]").click()
    assert axe(page, "modules/01-comprendre/05-quiz.html") == []


def test_hostile_bank_runs_no_script(offline_browser, widget_page):
    bank = quiz.load_bank(FIXTURES / "hostile.yml")
    offline = offline_browser(widget_page([("quiz", bank.to_state(), quiz.anchor(bank.id))]))
    page = offline.page
    offline.open("")
    page.wait_for_selector('[data-kaart-quiz="hostile"]')
    block = page.locator('[data-kaart-question="q-script"]')
    block.locator('input[value="a"]').check()
    block.locator("[data-kaart-action=check]").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__kaartHacked") is None
    assert page.locator("main img, main svg, main script:not(.kaart-state):not([src])").count() == page.locator(
        "main [data-kaart-widget] + script").count(), "no script but the mounting call after each widget"
    assert "<script>" in page.locator(".kaart-quiz-title").inner_text()
    assert page.locator("main a[href^='javascript']").count() == 0
    assert offline.dialogs == []
