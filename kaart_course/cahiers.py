"""The publication the course presents and its six cahiers, from ``data/cahiers.yml``.

*Climat, crises : comment transformer nos territoires* (The Shift Project, 11 October 2022) is a report, a
synthesis and six cahiers (Villes, Campagnes, Métropoles, Montagne, Littoral, Outre-mer), each with a slide
deck, and videos. The data file holds only addresses checked at the source; problems are reported as
``data/cahiers.yml:12: montagne: pdf: adresse web attendue (https://…)``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

from kaart_course import _yaml
from kaart_course._problems import DataError, Problem
from kaart_course.paths import DATA_DIR

CAHIERS_PATH = DATA_DIR / "cahiers.yml"
_ID_RE = re.compile(r"^[a-z][a-z-]*$")
LINK_FIELDS = ("pdf", "diaporama", "video")


@dataclass(frozen=True)
class Cahier:
    id: str
    title: str
    pdf: str = ""
    diaporama: str = ""
    video: str = ""


@dataclass(frozen=True)
class Publication:
    title: str
    publisher: str
    date: _dt.date
    url: str
    contents: str
    kit: str
    cahiers: tuple[Cahier, ...]

    def cahier(self, cahier_id: str) -> Cahier | None:
        return next((cahier for cahier in self.cahiers if cahier.id == cahier_id), None)


def _text(data: dict, key: str, problems: list[Problem], path: Path, item: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(path, data.line_of(key), item, key,
                                "texte attendu, non vide"))
        return ""
    return value.strip()


def _url(value: object, line: int, problems: list[Problem], path: Path, item: str, field: str) -> str:
    if not isinstance(value, str) or not value.startswith("https://"):
        problems.append(Problem(path, line, item, field, "adresse web attendue (https://…)"))
        return ""
    return value


def load_publication(path: Path = CAHIERS_PATH) -> Publication:
    """The validated publication; raises DataError listing every problem with its line."""
    data = _yaml.load(path)
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(data.get("publication"), dict) \
            or not isinstance(data.get("cahiers"), list):
        raise DataError([Problem(path, 1, "?", "fichier", "attendu « publication » et « cahiers »")])
    pub = data["publication"]
    fields = {key: _text(pub, key, problems, path, "publication")
              for key in ("title", "publisher", "date", "url", "contents", "kit")}
    url = _url(fields["url"], pub.line_of("url"), problems, path, "publication", "url") if fields["url"] else ""
    try:
        date = _dt.date.fromisoformat(fields["date"]) if fields["date"] else _dt.date.min
    except ValueError:
        problems.append(Problem(path, pub.line_of("date"), "publication", "date", "date attendue AAAA-MM-JJ"))
        date = _dt.date.min
    cahiers, seen = [], set()
    for item in data["cahiers"]:
        if not isinstance(item, dict):
            problems.append(Problem(path, data["cahiers"].line, "?", "cahiers", "attendu {id, title}"))
            continue
        cahier_id = item.get("id", "")
        name = cahier_id if isinstance(cahier_id, str) and cahier_id else "?"
        if not isinstance(cahier_id, str) or not _ID_RE.match(cahier_id) or cahier_id in seen:
            problems.append(Problem(path, item.line_of("id"), name, "id", "identifiant absent, mal formé ou en double"))
        seen.add(cahier_id)
        for key in item:
            if key not in ("id", "title", *LINK_FIELDS):
                problems.append(Problem(path, item.line_of(key), name, str(key), "champ inconnu"))
        links = {field: _url(item[field], item.line_of(field), problems, path, name, field)
                 for field in LINK_FIELDS if field in item}
        cahiers.append(Cahier(id=name, title=_text(item, "title", problems, path, name), **links))
    if problems:
        raise DataError(problems)
    return Publication(fields["title"], fields["publisher"], date, url, fields["contents"], fields["kit"],
                       tuple(cahiers))
