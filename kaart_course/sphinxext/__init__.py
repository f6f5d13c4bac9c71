"""Sphinx extension of the KAART book: page-convention blocks, checks and offline-safe pages.

Loaded by Jupyter Book through ``sphinx.extra_extensions`` in ``_config.yml``.
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx

from kaart_course.sphinxext import (
    a11y, bibliography, blocks, data_checks, execution, figures, guide_link, home, notebooks, offline, page_checks,
    medium, paper_form, performance, quiz, search, static_files, tables,
)


def _site_url_of_release(app: Sphinx, config) -> None:
    """A release build (KAART_SITE_URL) publishes at its own address, whatever _config.yml says."""
    from kaart_course.release import SITE_URL_ENV, site_url

    if os.environ.get(SITE_URL_ENV, "").strip():
        config.kaart_site_url = site_url()


def _edition_in_footer(app: Sphinx, config) -> None:
    """Every page's footer says which edition it belongs to, in the words of the PDF guide's cover."""
    from kaart_course.release import edition_line

    options = dict(config.html_theme_options or {})  # never the shared default dict
    options["extra_footer"] = (options.get("extra_footer") or "") + f'<p class="kaart-edition">{edition_line()}</p>'
    config.html_theme_options = options


def setup(app: Sphinx) -> dict:
    app.add_config_value("kaart_site_url", "", "env")
    app.connect("config-inited", _site_url_of_release)
    app.connect("config-inited", _edition_in_footer, priority=600)
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
    medium.setup(app)
    paper_form.setup(app)
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
    app.setup_extension("kaart_course.sphinxext.territoire")
    app.setup_extension("kaart_course.sphinxext.modele")
    app.setup_extension("kaart_course.sphinxext.parcours")
    app.setup_extension("kaart_course.sphinxext.sessions")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
