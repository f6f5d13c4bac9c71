"""Build the book once for the tests that read ``_build/html`` (marked ``book``), when it is missing or stale."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kaart_course.paths import DATA_DIR, REPO_ROOT

BUILD_HTML = REPO_ROOT / "_build" / "html"


def ensure_built_book() -> Path:
    """The built site, rebuilt strictly when a page or a data file is newer than it."""
    marker = BUILD_HTML / "index.html"
    sources = [*(REPO_ROOT / "modules").rglob("*.md"), *DATA_DIR.rglob("*.yml"), *DATA_DIR.rglob("*.txt")]
    if not marker.exists() or max(p.stat().st_mtime for p in sources) > marker.stat().st_mtime:
        jupyter_book = Path(sys.executable).parent / "jupyter-book"
        result = subprocess.run([str(jupyter_book), "build", str(REPO_ROOT), "-W", "-n", "--keep-going"],
                                capture_output=True, text=True)
        assert result.returncode == 0, f"la construction du livre a échoué :\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
    return BUILD_HTML
