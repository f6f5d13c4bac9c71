"""Fail the strict build when a course page breaks the page convention (see kaart_course.conventions)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from kaart_course.conventions import check_page

logger = logging.getLogger(__name__)
CHECKED_FOLDERS = ("modules/", "exercises/")


def _check(app: Sphinx, docname: str, source: list[str]) -> None:
    if not docname.startswith(CHECKED_FOLDERS):
        return
    path = Path(app.env.doc2path(docname))
    for problem in check_page(path, source[0]):
        logger.warning("convention de page : %s: %s", problem.field, problem.message, location=(docname, problem.line),
                       type="kaart", subtype="convention")


def setup(app: Sphinx) -> None:
    app.connect("source-read", _check)
