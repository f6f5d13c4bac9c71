"""The widgets' browser code as the site and Jupyter load it, built by esbuild from ``static/``.

The sources are ES modules (``static/<widget>/<widget>.js`` with its private modules, and ``static/common/``)
so that ``node --test`` and Jupyter use them as they are. ``scripts/build-widgets.mjs`` turns them into:

- ``kaart-<widget>.js``: a classic script per widget for the site, which registers the widget with
  ``kaart-mount.js``. Classic scripts run from a downloaded copy opened with ``file://``, where browsers
  refuse to load ES modules;
- ``<widget>.esm.js``: one self-contained ES module per widget for anywidget in Jupyter, which loads a single
  module and cannot resolve its relative imports;
- ``kaart-widget.css`` (shared) and ``kaart-<widget>.css``.

The outputs are rebuilt whenever a source changes (a digest of every source file, not their dates).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from kaart_course.paths import REPO_ROOT, STATIC_DIR

BUILD_DIR = REPO_ROOT / "_build" / "widgets"
SCRIPT = REPO_ROOT / "scripts" / "build-widgets.mjs"
ESBUILD = REPO_ROOT / "node_modules" / "esbuild"
_STAMP = ".sources.sha256"


class BundleError(RuntimeError):
    """The widgets' code could not be built; the message says what to install or fix."""


def widget_names() -> list[str]:
    """Every widget of the course: a folder ``static/<name>/`` holding ``<name>.js``."""
    return sorted(path.parent.name for path in STATIC_DIR.glob("*/*.js") if path.stem == path.parent.name)


def _digest() -> str:
    digest = hashlib.sha256()
    for path in sorted([*STATIC_DIR.rglob("*"), SCRIPT]):
        if path.is_file():
            digest.update(str(path.relative_to(REPO_ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_built() -> Path:
    """The folder of the built widget code, built first if any source changed."""
    digest = _digest()
    stamp = BUILD_DIR / _STAMP
    if stamp.exists() and stamp.read_text() == digest:
        return BUILD_DIR
    if shutil.which("node") is None or not ESBUILD.exists():
        raise BundleError("esbuild est absent : lancez « make » (npm ci installe esbuild depuis package.json).")
    if BUILD_DIR.exists():
        shutil.rmtree(BUILD_DIR)
    result = subprocess.run(["node", str(SCRIPT), str(STATIC_DIR), str(BUILD_DIR)], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise BundleError(f"la construction des modules JS a échoué :\n{result.stdout}{result.stderr}")
    stamp.write_text(digest)
    return BUILD_DIR


def jupyter_module(name: str) -> str:
    """The widget's self-contained ES module, for anywidget's ``_esm``."""
    return (ensure_built() / f"{name}.esm.js").read_text(encoding="utf-8")


def jupyter_css(name: str) -> str:
    """The shared widget CSS and the widget's own, for anywidget's ``_css``."""
    folder = ensure_built()
    own = folder / f"kaart-{name}.css"
    return (folder / "kaart-widget.css").read_text(encoding="utf-8") + (
        own.read_text(encoding="utf-8") if own.exists() else "")
