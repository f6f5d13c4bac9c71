"""Sphinx extension of the KAART book: page-convention blocks, checks and offline-safe pages.

Loaded by Jupyter Book through ``sphinx.extra_extensions`` in ``_config.yml``.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from kaart_course.sphinxext import (
    a11y, bibliography, blocks, data_checks, execution, figures, guide_link, home, notebooks, offline, page_checks,
    performance, quiz, search, static_files, tables,
)


def setup(app: Sphinx) -> dict:
    app.add_config_value("kaart_site_url", "", "env")
    blocks.setup(app)
    a11y.setup(app)
    page_checks.setup(app)
    data_checks.setup(app)
    notebooks.setup(app)
    execution.setup(app)
    offline.setup(app)
    app.setup_extension("kaart_course.sphinxext.widgets")
    quiz.setup(app)
    guide_link.setup(app)
    figures.setup(app)
    bibliography.setup(app)
    app.setup_extension("kaart_course.sphinxext.glossary")
    app.setup_extension("kaart_course.sphinxext.cahier")
    home.setup(app)
    static_files.setup(app)
    performance.setup(app)
    tables.setup(app)
    search.setup(app)
    app.setup_extension("kaart_course.sphinxext.pitch")
    app.setup_extension("kaart_course.sphinxext.enquete")
    app.setup_extension("kaart_course.sphinxext.enquete_files")
    app.setup_extension("kaart_course.sphinxext.communes_rencontrees")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
