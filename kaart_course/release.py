"""What identifies a published edition of the course, read in one place by the site and the PDF guides: the
published address (``kaart_site_url`` in ``_config.yml``), the version and the title."""

from __future__ import annotations

import datetime as _dt
import os
import re
import subprocess
from pathlib import Path

import yaml

from kaart_course._french import format_date
from kaart_course.paths import REPO_ROOT

PLACEHOLDER_HOST = "example"  # kaart.example.org: the address of a working copy, never of a release
# A release build gives its address here (``make release SITE_URL=…``) rather than by editing _config.yml.
SITE_URL_ENV = "KAART_SITE_URL"


def _config(root: Path) -> dict:
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))


def site_url(root: Path = REPO_ROOT) -> str:
    """The published site's base URL: set once in _config.yml (sphinx.config.kaart_site_url), or for a
    release build by the environment variable KAART_SITE_URL, which the site and the PDF both read here."""
    url = os.environ.get(SITE_URL_ENV, "").strip() or _config(root)["sphinx"]["config"]["kaart_site_url"]
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
    """The edition's version number, kept in one place: ``version`` in pyproject.toml (CHANGELOG.md's first
    entry tells readers what it changed)."""
    package = re.search(r'^version = "([^"]+)"', (root / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    return package.group(1) if package else "0"


def build_id(root: Path = REPO_ROOT) -> str:
    """The git description of the tree the book is built from (« v0.2.0-3-gabc1234-dirty »), or ""."""
    try:
        return subprocess.run(["git", "describe", "--tags", "--always", "--dirty"], cwd=root,
                              capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def edition_line(root: Path = REPO_ROOT, today: _dt.date | None = None) -> str:
    """What the site's footer and the PDF guide's cover both print: « Version 0.2.0 du 2 décembre 2026 »,
    or, for a working copy built with the placeholder address, « Version de travail (0.2.0, abc1234) du … »."""
    day = format_date(today or _dt.date.today())
    if not is_placeholder(site_url(root)):
        return f"Version {version(root)} du {day}"
    described = build_id(root)
    return f"Version de travail ({version(root)}{', ' + described if described else ''}) du {day}"


PLACEHOLDER_WARNING = (
    "Attention : le site est construit avec l'adresse d'exemple {url} ; les QR codes du guide PDF n'y mènent "
    "nulle part et sa couverture dit « version de travail ». Pour une version à publier : "
    "make release SITE_URL=https://…")


def placeholder_warning(root: Path = REPO_ROOT) -> str | None:
    """What a working copy's build prints: its address is the placeholder; None for a real address."""
    url = site_url(root)
    return PLACEHOLDER_WARNING.format(url=url) if is_placeholder(url) else None
