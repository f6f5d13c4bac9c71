"""The quiz on the built static site, offline, driven with the keyboard only; and a hostile bank."""

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kaart_course import quiz
from kaart_course._widget import mount_html
from kaart_course.paths import REPO_ROOT, STATIC_DIR

pytestmark = [pytest.mark.browser]
FIXTURES = Path(__file__).parent / "fixtures" / "quizzes"
QUIZ_PAGE = "exercises/00-autodiagnostic.html"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serve():
    servers = []

    def start(directory: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture
def offline(browser_instance):
    """A page that blocks every non-loopback request and records problems."""
    context = browser_instance.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))

    def route(r):
        if r.request.url.startswith("http://127.0.0.1:"):
            r.continue_()
        else:
            problems.append(f"blocked: {r.request.url}")
            r.abort()

    page.route("**/*", route)
    yield page, problems
    context.close()


@pytest.fixture(scope="module")
def browser_instance():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


def _choose_with_arrows(page, question_id, wanted):
    """Select a radio option of a question with the keyboard only (Tab into the group, arrows)."""
    block = page.locator(f'[data-kaart-question="{question_id}"]')
    block.locator("input").first.focus()
    page.keyboard.press("Space")
    for _ in range(6):
        if block.locator(f'input[value="{wanted}"]').is_checked():
            return block
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"option {wanted} introuvable au clavier")


def _validate_with_keyboard(page, block):
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.kaartAction")
    assert focused == "check", f"Tab mène à {focused!r}, pas au bouton Valider"
    page.keyboard.press("Enter")


@pytest.mark.book
def test_quiz_right_wrong_feedback_score_and_saved_progress(built_book, serve, offline):
    page, problems = offline
    base = serve(REPO_ROOT / "_build" / "html")
    page.goto(base + QUIZ_PAGE)
    page.evaluate("localStorage.clear()")
    page.reload()
    bank = quiz.load_bank("00-bienvenue")
    questions = {q.id: q for q in bank.questions}
    page.wait_for_selector('[data-kaart-quiz="00-bienvenue"]')

    block = _choose_with_arrows(page, "q-but-kaart", questions["q-but-kaart"].answer)
    _validate_with_keyboard(page, block)
    assert block.get_attribute("data-kaart-result") == "correct"
    assert "Bonne réponse" in block.locator("[data-kaart-feedback]").inner_text()
    assert "dialogue" in block.locator("[data-kaart-feedback]").inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-kaart-feedback')")

    wrong = next(o.id for o in questions["q-parti"].options if o.id != questions["q-parti"].answer)
    block = _choose_with_arrows(page, "q-parti", wrong)
    _validate_with_keyboard(page, block)
    assert block.get_attribute("data-kaart-result") == "incorrect"
    assert "Pas tout à fait" in block.locator("[data-kaart-feedback]").inner_text()
    score = page.locator("[data-kaart-score]").inner_text()
    assert "1 sur 8" in score and "2 questions répondues" in score

    # Ordering, with the move buttons and the keyboard.
    order = page.locator('[data-kaart-question="q-ordre-demarche"]')
    target = [item.id for item in questions["q-ordre-demarche"].options]
    for position, item_id in enumerate(target):
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

    page.goto(base + "modules/00-bienvenue/04-ma-progression.html")
    row = page.locator('[data-kaart-progress-bank="00-bienvenue"]')
    assert "2 sur 8" in row.inner_text()
    assert row.locator("a").get_attribute("href").endswith("00-autodiagnostic.html#quiz-00-bienvenue")
    assert problems == []


@pytest.mark.book
def test_trainer_mode_shows_one_question_and_reveals_on_click(built_book, serve, offline):
    page, problems = offline
    page.set_viewport_size({"width": 1280, "height": 800})
    base = serve(REPO_ROOT / "_build" / "html")
    page.goto(base + QUIZ_PAGE + "?formateur")
    quiz_root = page.locator('[data-kaart-quiz="00-bienvenue"]')
    quiz_root.wait_for()
    assert "kaart-trainer" in quiz_root.get_attribute("class")
    visible = page.locator("[data-kaart-question]:visible")
    assert visible.count() == 1
    visible.locator("[data-kaart-action=reveal]").click()
    assert visible.locator(".kaart-expected").count() == 1
    page.locator("[data-kaart-action=next]").click()
    assert page.locator("[data-kaart-question]:visible").get_attribute("data-kaart-question") == bank_second_id()
    font_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.kaart-trainer legend')).fontSize)")
    assert font_size >= 24
    assert problems == []


def bank_second_id():
    return quiz.load_bank("00-bienvenue").questions[1].id


def test_hostile_bank_runs_no_script(serve, offline, tmp_path):
    page, problems = offline
    for name in ("kaart-mount.js", "kaart-quiz.js", "kaart-widgets.css"):
        shutil.copy(STATIC_DIR / name, tmp_path / name)
    bank = quiz.load_bank(FIXTURES / "hostile.yml")
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title>'
        '<script type="module" src="kaart-mount.js"></script></head><body><main>'
        + mount_html("quiz", bank.to_state(), quiz.anchor(bank.id)) + "</main></body></html>", encoding="utf-8")
    page.goto(serve(tmp_path) + "index.html")
    page.wait_for_selector('[data-kaart-quiz="hostile"]')
    block = page.locator('[data-kaart-question="q-script"]')
    block.locator('input[value="a"]').check()
    block.locator("[data-kaart-action=check]").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__kaartHacked") is None
    assert page.locator("main img, main svg, main script:not(.kaart-state)").count() == 0
    assert "<script>" in page.locator(".kaart-quiz-title").inner_text()
    assert page.locator("main a[href^='javascript']").count() == 0
    assert [p for p in problems if "blocked" in p] == []
