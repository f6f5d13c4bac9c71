"""What identifies a published edition of the course, read in one place by the site and the PDF guides: the
published address (``kaart_site_url`` in ``_config.yml``), the version and the title."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from kaart_course.paths import REPO_ROOT

PLACEHOLDER_HOST = "example"  # kaart.example.org: the address of a working copy, never of a release


def _config(root: Path) -> dict:
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))


def site_url(root: Path = REPO_ROOT) -> str:
    """The published site's base URL, set once in _config.yml (sphinx.config.kaart_site_url)."""
    url = _config(root)["sphinx"]["config"]["kaart_site_url"]
    return url if url.endswith("/") else url + "/"


def is_placeholder(url: str) -> bool:
    """Whether ``url`` is the working copy's stand-in address rather than a real published one."""
    return not url or PLACEHOLDER_HOST in url.lower().split("/")[2 if "//" in url else 0].split(".")


def book_title(root: Path = REPO_ROOT) -> str:
    return _config(root)["title"]


def book_author(root: Path = REPO_ROOT) -> str:
    return _config(root)["author"]


def release_number(root: Path = REPO_ROOT) -> str:
    """The edition's number as a reader sees it (« 0.1.0 »): the package's version, without the git state."""
    package = re.search(r'^version = "([^"]+)"', (root / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    return package.group(1) if package else "0"


def version(root: Path = REPO_ROOT) -> str:
    """The edition's version: the package's, with the git description of the tree when there is one."""
    try:
        described = subprocess.run(["git", "describe", "--tags", "--always", "--dirty"], cwd=root,
                                   capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        described = ""
    package = re.search(r'^version = "([^"]+)"', (root / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    base = package.group(1) if package else "0"
    return f"{base} ({described})" if described else base
