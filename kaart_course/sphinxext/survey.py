"""Fail the strict build when the survey questionnaire (data/enquete/questionnaire.yml) has a problem."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util import logging

from kaart_course import survey

logger = logging.getLogger(__name__)


def _validate(app: Sphinx) -> None:
    for problem in survey.check():
        logger.warning("enquête : %s: %s: %s", problem.item, problem.field, problem.message,
                       location=(str(problem.path), problem.line), type="kaart", subtype="enquete")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _validate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
