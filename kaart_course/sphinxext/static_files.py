"""Copy an edited book-wide static file (``_static/kaart.css``…) on an incremental build too.

Sphinx copies static files only when at least one page is written: after editing only a CSS or JS file,
``make book`` left the old copy in _build/html. A static file newer than its copy marks the root page
outdated, which is enough for Sphinx to copy every static file again.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

from sphinx.application import Sphinx


def _edited_static_files(app: Sphinx) -> list[Path]:
    out = Path(app.outdir) / "_static"
    edited = []
    for entry in app.config.html_static_path:
        folder = Path(app.confdir) / entry
        # Only the book's own folders: extensions add theirs, with templates (*.js_t) copied under other names.
        if not folder.is_dir() or "site-packages" in folder.resolve().parts:
            continue
        for source in (p for p in folder.rglob("*") if p.is_file() and not p.name.endswith("_t")):
            copy = out / source.relative_to(folder)
            # Sphinx copies the modification time only to the microsecond: compare contents when it differs.
            if not copy.exists() or (
                copy.stat().st_mtime < source.stat().st_mtime - 1e-3 and not filecmp.cmp(source, copy, shallow=False)
            ):
                edited.append(source)
    return edited


def _outdated(app: Sphinx, env, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    if app.builder.format == "html" and not (added or changed) and _edited_static_files(app):
        return [app.config.root_doc]
    return []


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", _outdated)
