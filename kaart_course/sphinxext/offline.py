"""Keep every built page free of requests to other hosts.

Jupyter Book always loads sphinx-thebe, whose script can pull Thebe from a CDN; the course has no live
kernels, so its files are dropped. The single-page build also asks for MathJax from a CDN although the
course has no maths: dropped too. Any other asset that points to another host fails the strict build.

From a copy opened with ``file://``, the search page cannot fetch the pages to show an excerpt under each
result (browsers refuse ``fetch`` of local files, and Sphinx then throws on every result): there, results
are listed with their titles only.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
DROPPED = ("thebe", "mathjax")


def _name(asset) -> str:
    return str(getattr(asset, "filename", asset) or "")


def _body(asset) -> str:
    return str(getattr(asset, "attributes", {}).get("body", "") or "")


def _is_remote(name: str) -> bool:
    return name.startswith(("http://", "https://", "//"))


def _keep_local_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    for key in ("script_files", "css_files"):
        kept = []
        for asset in context.get(key, []):
            name = _name(asset)
            if any(marker in name.lower() or marker in _body(asset).lower() for marker in DROPPED):
                continue
            if _is_remote(name):
                logger.warning("ressource externe interdite : %s", name, location=pagename,
                               type="kaart", subtype="offline")
                continue
            kept.append(asset)
        context[key] = kept


_NO_EXCERPTS_FROM_DISK = (
    'if (location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS === "object") DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;')


def _search_from_disk(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if pagename == "search":
        app.add_js_file(None, body=_NO_EXCERPTS_FROM_DISK, priority=210)  # after documentation_options.js


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _search_from_disk)
    app.connect("html-page-context", _keep_local_assets, priority=900)
