"""The publication the course presents, *Climat, crises : comment transformer nos territoires* (The Shift
Project, 11 October 2022: a report, a synthesis and six cahiers, each with a slide deck, and videos), and the
addresses of each cahier checked at the source (``data/cahiers.yml``).

The six cahiers themselves — the course's id, title and page of each, and the Shift's own title — are listed
once, in ``data/territoires/cahiers.yml`` (kaart_course._territories_data); links here are keyed by those ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kaart_course._data import Collector, DataError, Problem, read_yaml
from kaart_course._territories_data import read_cahiers
from kaart_course.paths import DATA_DIR

CAHIERS_PATH = DATA_DIR / "cahiers.yml"
LINK_FIELDS = ("pdf", "diaporama", "video")


@dataclass(frozen=True)
class Cahier:
    id: str
    title: str  # the course's title of the territory type
    shift_title: str  # the cahier's own title in the publication
    page: str
    links: dict = field(default_factory=dict)  # pdf, diaporama, video: addresses checked at the source


@dataclass(frozen=True)
class Publication:
    title: str
    publisher: str
    date: str
    url: str
    contents: str
    kit: str
    cahiers: tuple[Cahier, ...]

    def cahier(self, cahier_id: str) -> Cahier | None:
        return next((cahier for cahier in self.cahiers if cahier.id == cahier_id), None)


def read_publication(path: Path = CAHIERS_PATH) -> tuple[Publication | None, list[Problem]]:
    raw, problems = read_yaml(path)
    rules, rule_problems = read_cahiers()
    if problems or rule_problems or rules is None:
        return None, problems + rule_problems
    check = Collector(path)
    check.unknown_keys(raw, ("publication", "links"), "")
    pub = raw.get("publication")
    if not check.mapping(pub, raw.line_of("publication"), "", "publication", "une table (title, publisher, date…)"):
        return None, check.problems
    check.unknown_keys(pub, ("title", "publisher", "date", "url", "contents", "kit"), "publication")
    title, publisher, contents, kit = (check.text(pub, key, "publication") for key in ("title", "publisher", "contents", "kit"))
    date, url = check.date(pub, "date", "publication"), check.url(pub, "url", "publication")
    links = raw.get("links") or {}
    if not check.mapping(links, raw.line_of("links"), "", "links", "une table id du cahier → adresses"):
        links = {}
    known = {rule.id for rule in rules.cahiers}
    checked: dict[str, dict] = {}
    for cahier_id, addresses in links.items():
        if cahier_id not in known:
            check.add(links.line_of(cahier_id), str(cahier_id), "id", f"cahier inconnu (connus : {', '.join(sorted(known))})")
        elif check.mapping(addresses, links.line_of(cahier_id), cahier_id, "links", "une table pdf, diaporama, video"):
            check.unknown_keys(addresses, LINK_FIELDS, cahier_id)
            checked[cahier_id] = {key: check.url(addresses, key, cahier_id) for key in LINK_FIELDS if key in addresses}
    cahiers = tuple(Cahier(rule.id, rule.title, rule.shift_cahier, rule.page, checked.get(rule.id, {}))
                    for rule in rules.cahiers)
    if check.problems:
        return None, check.problems
    return Publication(title, publisher, date, url, contents, kit, cahiers), []


def load_publication(path: Path = CAHIERS_PATH) -> Publication:
    """The validated publication and its six cahiers; raises DataError listing every problem with its line."""
    publication, problems = read_publication(path)
    if problems:
        raise DataError(problems)
    return publication
