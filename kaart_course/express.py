"""The express path « Mon rendez-vous en 45 minutes » (``data/parcours/express.yml``): timed steps, each
linking to an exact place of the course, with a checklist kept in the browser (widget ``parcours``,
``static/parcours/``).

The time of each step is computed here, at build time, from the pages it names: the words of the listed
sections read at ``words_per_minute`` (the longest page when several are listed: the reader reads one of
them, the announced time holds for all), plus the exercise's own minutes written in the data file with
their justification. The total is printed on the page; a total over ``budget_minutes`` is a problem of the
data file, so the build fails rather than announce a path that does not fit.

State (plain data, the links resolved by the directive for its page)::

    {id, title, storageKey, total, budget, wordsPerMinute,
     steps: [{id, title, href, target, do, minutes, readMinutes, words, exerciseMinutes}]}
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from kaart_course._data import DataError, Problem, read_mapping
from kaart_course._widget import StaticWidget
from kaart_course.paths import DATA_DIR, REPO_ROOT
from kaart_course.prose import prose_blocks

EXPRESS_PATH = DATA_DIR / "parcours" / "express.yml"
STORAGE_PREFIX = "kaart:parcours:"
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


@dataclass(frozen=True)
class Reading:
    docs: tuple[str, ...]
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    doc: str
    anchor: str
    do: str
    readings: tuple[Reading, ...]
    exercise_minutes: int


@dataclass(frozen=True)
class Path_:
    id: str
    title: str
    words_per_minute: int
    budget_minutes: int
    steps: tuple[Step, ...]


def section_words(docname: str, sections: tuple[str, ...], root: Path = REPO_ROOT) -> int | None:
    """The words a reader reads in these sections of a page (by their heading's text, up to the next
    heading); None if a section is missing."""
    text = (root / f"{docname}.md").read_text(encoding="utf-8")
    found: dict[str, int] = {}
    current = None
    for block in prose_blocks(text):
        if block.kind == "heading":
            title = block.text.strip()
            current = title if title in sections else None
            if current is not None:
                found[current] = 0
            continue
        if current is not None:
            found[current] += len(_WORD.findall(block.text))
    if set(found) != set(sections):
        return None
    return sum(found.values())


def reading_words(step: Step, root: Path = REPO_ROOT) -> int:
    return sum(max(section_words(doc, reading.sections, root) or 0 for doc in reading.docs) for reading in step.readings)


def step_minutes(step: Step, words_per_minute: int, root: Path = REPO_ROOT) -> tuple[int, int]:
    """(reading minutes, total minutes) of a step."""
    reading = math.ceil(reading_words(step, root) / words_per_minute)
    return reading, reading + step.exercise_minutes


def read_path(path: Path = EXPRESS_PATH, root: Path = REPO_ROOT) -> tuple[Path_ | None, list[Problem]]:
    data, v = read_mapping(path, "parcours", "fichier", "une table {title, words_per_minute, budget_minutes, steps}")
    if data is None:
        return None, v.problems
    v.unknown_keys(data, ("title", "words_per_minute", "budget_minutes", "steps"), "parcours")
    title = v.text(data, "title", "parcours")
    wpm = v.number(data, "words_per_minute", "parcours", 100, 400)
    budget = v.number(data, "budget_minutes", "parcours", 5, 600)
    steps, seen = [], set()
    for line, entry in v.items(data.get("steps"), "parcours", "steps"):
        if not v.mapping(entry, line, "étape", "steps", "une table {id, title, doc, anchor, do, read, exercise_minutes}"):
            continue
        mark = v.mark()
        sid = v.identifier(entry, "étape", seen) or "étape"
        v.unknown_keys(entry, ("id", "title", "doc", "anchor", "do", "read", "exercise_minutes"), sid)
        doc = v.text(entry, "doc", sid)
        if doc and not (root / f"{doc}.md").is_file():
            v.add(entry.line_of("doc"), sid, "doc", f"page {doc!r} introuvable")
        readings = []
        for rline, reading in v.items(entry.get("read"), sid, "read"):
            if not v.mapping(reading, rline, sid, "read", "une table {docs, sections}"):
                continue
            docs, sections = v.strings(reading, "docs", sid), v.strings(reading, "sections", sid)
            for name in docs:
                if not (root / f"{name}.md").is_file():
                    v.add(reading.line_of("docs"), sid, "read", f"page {name!r} introuvable")
                elif section_words(name, sections, root) is None:
                    v.add(reading.line_of("sections"), sid, "read", f"{name} : section introuvable parmi {list(sections)}")
            readings.append(Reading(docs, sections))
        step = Step(sid, v.text(entry, "title", sid), doc, v.text(entry, "anchor", sid, required=False),
                    v.text(entry, "do", sid, collapse=True), tuple(readings),
                    int(v.number(entry, "exercise_minutes", sid, 0, 120) or 0))
        if not v.failed_since(mark):
            steps.append(step)
    if v.problems:
        return None, v.problems
    result = Path_(Path(path).stem, title, int(wpm), int(budget), tuple(steps))
    total = sum(step_minutes(s, result.words_per_minute, root)[1] for s in result.steps)
    if total > result.budget_minutes:
        v.add(data.line_of("budget_minutes"), "parcours", "budget_minutes",
              f"le parcours calculé dure {total} min, plus que les {result.budget_minutes} min annoncées")
        return None, v.problems
    return result, v.problems


def load_path(path: Path = EXPRESS_PATH) -> Path_:
    result, problems = read_path(path)
    if problems:
        raise DataError(problems)
    return result


def path_state(express: Path_, href=lambda doc, anchor: f"{doc}.html" + (f"#{anchor}" if anchor else ""),
               target_title=lambda doc: doc, root: Path = REPO_ROOT) -> dict:
    steps = []
    for step in express.steps:
        reading, minutes = step_minutes(step, express.words_per_minute, root)
        steps.append({"id": step.id, "title": step.title, "href": href(step.doc, step.anchor),
                      "target": target_title(step.doc), "do": step.do, "minutes": minutes,
                      "readMinutes": reading, "words": reading_words(step, root),
                      "exerciseMinutes": step.exercise_minutes})
    return {"id": express.id, "title": express.title, "storageKey": STORAGE_PREFIX + express.id,
            "total": sum(s["minutes"] for s in steps), "budget": express.budget_minutes,
            "wordsPerMinute": express.words_per_minute, "steps": steps}


def check(paths: list[Path] | None = None) -> tuple[list[Problem], dict]:
    return [p for path in paths or [EXPRESS_PATH] for p in read_path(path)[1]], {}


class ExpressPath(StaticWidget):
    _module = "parcours"

    def element_id(self) -> str:
        return f"parcours-{self.state.get('id', '')}"


def show() -> ExpressPath:
    from kaart_course.release import site_url

    return ExpressPath(state=path_state(load_path(), href=lambda d, a: f"{site_url()}{d}.html" + (f"#{a}" if a else "")))
