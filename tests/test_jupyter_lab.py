"""The exercises in a real JupyterLab, in Chromium, offline: what a learner gets with `make lab`.

JupyterLab, jupyterlab-myst and jupytext come from the `lab` extra (requirements-lab.txt, installed by
`make test`). Each exercise (a MyST notebook, turned into an .ipynb by jupytext as JupyterLab's jupytext
extension does, its text put in standard MyST as `make lab` does) is opened in JupyterLab; after « Run All » every course widget is drawn by its ES module on
the live kernel and answers a click. The notebook offered for download on the site, opened before running
anything, says to run the cells instead of « Loading widget… »; and the MyST text of an exercise is rendered,
not shown as raw ``:::{objectifs}`` markup.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kaart_course._widget import MIME_TYPE, RUN_ME
from kaart_course.jupyter_text import notebook_for_jupyter
from kaart_course.paths import REPO_ROOT

pytestmark = [pytest.mark.browser]

TOKEN = "kaart-test"
EXERCISES = sorted((REPO_ROOT / "exercises").glob("*.md"))
RUN_ALL_TIMEOUT_MS = 120_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lab")


@pytest.fixture(scope="module")
def jupyter_lab(lab_dir: Path) -> Iterator[str]:
    """A JupyterLab server on the loopback, serving ``lab_dir``, with no state of the user's; yields its URL."""
    jupyter = Path(sys.executable).parent / "jupyter"
    if not (Path(sys.executable).parent / "jupyter-lab").exists():
        pytest.fail("JupyterLab is missing: `make test` installs it from requirements-lab.txt", pytrace=False)
    home = lab_dir / ".jupyter-home"
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    port = _free_port()
    log = (lab_dir / "jupyter-lab.log").open("w")
    server = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         f"--ServerApp.root_dir={lab_dir}", f"--IdentityProvider.token={TOKEN}",
         "--LabApp.expose_app_in_browser=True",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        cwd=lab_dir, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}api/status?token={TOKEN}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{(lab_dir / 'jupyter-lab.log').read_text()[-3000:]}")
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _open_notebook(offline_browser, url: str, name: str):
    tab = offline_browser(url, width=1280, height=900)
    # A workspace of its own, emptied: only this notebook is open, whatever the tests before it opened.
    tab.open(f"lab/workspaces/{Path(name).stem}/tree/{name}?reset&token={TOKEN}", wait_until="load")
    page = tab.page
    page.wait_for_function("() => window.jupyterapp?.shell?.currentWidget?.content?.widgets?.length > 0",
                           timeout=60_000)
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext?.session?.kernel?.status === 'idle'",
        timeout=60_000)
    return tab


def _rendered_text(page) -> str:
    """The text of every cell, each scrolled into view first (JupyterLab draws only the cells on screen) and,
    for a Markdown cell, once jupyterlab-myst has rendered it."""
    return page.evaluate("""async () => {
      const panel = window.jupyterapp.shell.currentWidget;
      const texts = [];
      for (const cell of panel.content.widgets) {
        await panel.content.scrollToItem(panel.content.widgets.indexOf(cell), 'start');
        for (let waited = 0; cell.model.type === 'markdown' && !cell.node.querySelector('.myst') && waited < 10000; waited += 100) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        texts.push(cell.node.innerText);
      }
      return texts.join(String.fromCharCode(10));
    }""")


def _run_all(page) -> None:
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        """() => {
          const panel = window.jupyterapp.shell.currentWidget;
          const cells = panel.content.widgets.filter((cell) => cell.model.type === 'code');
          return panel.sessionContext.session.kernel.status === 'idle'
            && cells.every((cell) => cell.model.executionCount !== null);
        }""",
        timeout=RUN_ALL_TIMEOUT_MS,
    )


def _widget_outputs(notebook_path: Path) -> int:
    import nbformat

    notebook = nbformat.read(notebook_path, as_version=4)
    return sum(MIME_TYPE in output.get("data", {}) for cell in notebook.cells for output in cell.get("outputs", []))


# How many outputs of the live notebook are course widgets (they carry the course's MIME type beside the view).
LIVE_WIDGET_OUTPUTS = f"""() => window.jupyterapp.shell.currentWidget.content.widgets
  .filter((cell) => cell.model.type === 'code')
  .flatMap((cell) => Array.from({{ length: cell.model.outputs.length }}, (_, i) => cell.model.outputs.get(i)))
  .filter((output) => output.data && '{MIME_TYPE}' in output.data).length"""


# What a learner clicks in each exercise, and what must answer.
CLICKS = {
    "00-autodiagnostic": ("[data-kaart-question] input >> nth=0", "[data-kaart-action='check'] >> nth=0",
                          "[data-kaart-feedback] >> nth=0"),
    "04-pitch": (None, "[data-kaart-action='draw'] >> nth=0", "[data-kaart-card]"),
}


@pytest.mark.parametrize("exercise", EXERCISES, ids=[path.stem for path in EXERCISES])
def test_exercise_runs_live_in_jupyterlab(offline_browser, jupyter_lab: str, lab_dir: Path, exercise: Path) -> None:
    import jupytext

    jupytext.write(notebook_for_jupyter(jupytext.read(exercise)), lab_dir / f"{exercise.stem}.ipynb")
    tab = _open_notebook(offline_browser, jupyter_lab, f"{exercise.stem}.ipynb")
    page = tab.page
    # jupyterlab-myst renders the page-convention blocks: no raw markup, no unknown directive or role.
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.node.querySelector('.myst')", timeout=30_000)
    text = _rendered_text(page)
    assert "Objectifs · durée estimée" in text
    assert not [word for word in (":::", "{term}", "{footcite}", "Unknown Directive", "Unknown Role") if word in text]
    _run_all(page)
    expected = page.evaluate(LIVE_WIDGET_OUTPUTS)
    assert expected > 0, f"{exercise.name} shows no widget after Run All"
    drawn = "() => [...document.querySelectorAll('.jp-OutputArea-output')].filter((o) => o.querySelector('.kaart-ui')).length"
    page.wait_for_function(f"() => ({drawn})() >= {expected}", timeout=60_000)
    assert page.evaluate(drawn) == expected
    assert "Loading widget" not in _rendered_text(page)
    if exercise.stem in CLICKS:
        choose, action, answer = CLICKS[exercise.stem]
        scope = page.locator(".jp-OutputArea-output")
        if choose:
            scope.locator(choose).click()
        scope.locator(action).click()
        scope.locator(answer).wait_for(state="visible", timeout=10_000)
        assert scope.locator(answer).inner_text().strip(), f"{exercise.stem}: the click got no answer"


@pytest.mark.book
def test_downloaded_notebook_says_to_run_it(offline_browser, jupyter_lab: str, lab_dir: Path, built_book) -> None:
    """The .ipynb offered on the site, opened as downloaded: each widget's place says to run the cell."""
    downloaded = built_book.html_dir / "_sources" / "exercises" / "04-pitch.ipynb"
    assert _widget_outputs(downloaded) == 3
    shutil.copy(downloaded, lab_dir / "telecharge-04-pitch.ipynb")
    tab = _open_notebook(offline_browser, jupyter_lab, "telecharge-04-pitch.ipynb")
    tab.page.locator(".jp-OutputArea-output .kaart-run-me").first.wait_for(timeout=30_000)
    text = _rendered_text(tab.page)
    assert text.count(RUN_ME) == 3
    assert "Loading widget" not in text and "activez JavaScript" not in text
