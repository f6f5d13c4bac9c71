"""The course's plan as published: parts and pages from ``_toc.yml``, with the duration each page declares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from kaart_course.conventions import page_duration
from kaart_course.paths import REPO_ROOT


@dataclass(frozen=True)
class PlannedPage:
    part: str
    docname: str
    title: str
    minutes: int | None


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def _source(root: Path, docname: str) -> Path:
    for suffix in (".md", ".ipynb"):
        candidate = root / f"{docname}{suffix}"
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"_toc.yml: {docname}: aucune page {docname}.md ou .ipynb")


def _walk(entries: list[dict]) -> list[str]:
    names = []
    for entry in entries or []:
        if "file" in entry:
            names.append(entry["file"])
        names.extend(_walk(entry.get("sections", [])))
    return names


def course_plan(root: Path = REPO_ROOT) -> list[PlannedPage]:
    """Every page of the book in reading order, with its part caption and declared minutes."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    first_part = toc["parts"][0]["caption"] if toc.get("parts") else ""
    plan = [(first_part, toc["root"])]
    for part in toc.get("parts", []):
        plan.extend((part["caption"], name) for name in _walk(part.get("chapters", [])))
    pages = []
    for caption, docname in plan:
        path = _source(root, docname)
        pages.append(PlannedPage(caption, docname, _title(path), page_duration(path)))
    return pages


def minutes_by_part(pages: list[PlannedPage]) -> dict[str, int]:
    """Total declared minutes per part, in reading order (pages without a duration count as zero)."""
    totals: dict[str, int] = {}
    for page in pages:
        totals[page.part] = totals.get(page.part, 0) + (page.minutes or 0)
    return totals


def page_paths(root: Path = REPO_ROOT) -> list[Path]:
    """Source file of every page of the book, in reading order."""
    return [_source(root, page.docname) for page in course_plan(root)]
