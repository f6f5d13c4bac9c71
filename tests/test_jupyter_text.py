"""The exercises' text for Jupyter: the book's blocks and roles become standard MyST (kaart_course.jupyter_text),
and the notebook offered for download carries no widget view that only its own kernel could draw."""

from __future__ import annotations

import jupytext
import nbformat
import pytest

from kaart_course._widget import MIME_TYPE, RUN_ME
from kaart_course.jupyter_text import SOURCES_ON_SITE, for_jupyter, notebook_for_jupyter
from kaart_course.paths import REPO_ROOT
from kaart_course.sphinxext.notebooks import WIDGET_VIEW, for_download

PAGE = """# Titre

:::{objectifs}
:duree: 45 min
- Savoir parler à l’{term}`élu <maire>` du {term}`PCAET`.
:::

Un débit posé {footcite}`debit-parole` ; voir {doc}`la fiche <../modules/x>`.

::::{formateur}
Pour le formateur.
::::

:::{sources}
```{footbibliography}
```
:::
"""


def test_blocks_become_standard_admonitions_and_roles_plain_text() -> None:
    text = for_jupyter(PAGE)
    assert ":::{note} Objectifs · durée estimée : 45 min\n- Savoir" in text
    assert "parler à l’élu du PCAET." in text
    assert "Un débit posé ; voir la fiche." in text
    assert "::::{admonition} Note pour les formateurs\n:class: dropdown\nPour le formateur.\n::::" in text
    assert f":::{{seealso}} Sources\n{SOURCES_ON_SITE}\n:::" in text
    assert "{term}" not in text and "{footcite}" not in text and ":duree:" not in text


@pytest.mark.parametrize("exercise", sorted((REPO_ROOT / "exercises").glob("*.md")), ids=lambda p: p.stem)
def test_every_exercise_has_only_standard_myst(exercise) -> None:
    notebook = notebook_for_jupyter(jupytext.read(exercise))
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert "Objectifs · durée estimée" in text
    leftovers = [word for word in ("{objectifs}", "{a-retenir}", "{sources}", "{formateur}", "{term}",
                                   "{footcite}", "{footbibliography}", "{doc}", "{kaart-") if word in text]
    assert leftovers == []


def test_downloaded_notebook_drops_the_dead_widget_view() -> None:
    output = nbformat.v4.new_output("execute_result", data={
        WIDGET_VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0},
        MIME_TYPE: {"module": "quiz", "state": {}, "id": ""},
        "text/html": f'<p class="kaart-run-me">{RUN_ME}</p>',
        "text/plain": RUN_ME,
    }, execution_count=1)
    other = nbformat.v4.new_output("execute_result", data={WIDGET_VIEW: {"model_id": "x"}, "text/plain": "x"},
                                   execution_count=2)
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(":::{objectifs}\n:duree: 5 min\n- a\n:::"),
        nbformat.v4.new_code_cell("quiz.show('x')", outputs=[output], execution_count=1),
        nbformat.v4.new_code_cell("other()", outputs=[other], execution_count=2),
    ], metadata={"widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}}}})
    result = for_download(notebook)
    data = result.cells[1].outputs[0]["data"]
    assert WIDGET_VIEW not in data and data["text/html"].count(RUN_ME) == 1
    assert WIDGET_VIEW in result.cells[2].outputs[0]["data"], "a widget that is not the course's is left alone"
    assert "widgets" not in result.metadata
    assert result.cells[0].source.startswith(":::{note} Objectifs · durée estimée : 5 min")
    nbformat.validate(result)
