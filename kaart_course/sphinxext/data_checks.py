"""Fail the strict build on any problem of the course's data: every check of kaart_course.checks (except the
pages, checked one by one as Sphinx reads them, in page_checks) runs when the build starts."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util import logging

from kaart_course.checks import CHECKS

logger = logging.getLogger(__name__)


def _check_data(app: Sphinx) -> None:
    seen: set[str] = set()
    for name, check in CHECKS.items():
        if name == "pages":
            continue
        problems, set_aside = check.run([])
        for problem in problems:
            if str(problem) in seen:
                continue
            seen.add(str(problem))
            where = f"{problem.item}: " if problem.item else ""
            logger.warning("%s : %s%s: %s", check.label, where, problem.field, problem.message,
                           location=(str(problem.path), problem.line), type="kaart", subtype=name)
        for file, count in set_aside.items():
            logger.warning("%s : %s : %d élément(s) écarté(s), inutilisable(s) en l'état", check.label, file, count,
                           type="kaart", subtype=name)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _check_data)
