"""Shared fixtures: the strictly built book (built once per run)."""

import subprocess
import sys
from pathlib import Path

import pytest

from kaart_course.paths import REPO_ROOT


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the site strictly, as `make html` does; the jupyter-cache keeps it fast when nothing changed."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(REPO_ROOT), "-W", "-n", "--keep-going"],
        capture_output=True, text=True, timeout=1200)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-6000:]
    return REPO_ROOT / "_build" / "html"


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
