"""The three YAML files of ``data/territoires/`` and the search normalisation (``recherche.json``), read and
validated with the course's toolkit (:mod:`kaart_course._data`): every problem is reported as
``file:line: item: field: message``.

- ``cahiers.yml``: the six cahiers and the rule that proposes them (see the comments at the top of the file);
- ``conseillers-municipaux.yml``: the number of municipal councillors per population bracket (article
  L2121-2 of the CGCT), with Paris, Lyon and Marseille apart;
- ``paquet.yml``: what the course knows about the npm package that the package does not say (licence,
  population years, entries set aside);
- ``recherche.json``: the name normalisation shared with the browser, with its test cases.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from kaart_course._data import Collector, DataError, LineDict, Problem, read_mapping
from kaart_course.paths import DATA_DIR, REPO_ROOT

TERRITORIES_DIR = DATA_DIR / "territoires"
CAHIERS_PATH = TERRITORIES_DIR / "cahiers.yml"
COUNCIL_PATH = TERRITORIES_DIR / "conseillers-municipaux.yml"
PACKAGE_PATH = TERRITORIES_DIR / "paquet.yml"
SEARCH_PATH = TERRITORIES_DIR / "recherche.json"

ZONES = ("metropole", "drom", "com")
EPCI_TYPES = ("METRO", "MET69", "CU", "CA", "CC")
_INSEE_RE = re.compile(r"^(\d[\dAB]\d{3})$")
_MAX_POPULATION = 10_000_000


# --- cahiers.yml -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CahierRule:
    id: str
    title: str
    page: str
    shift_cahier: str
    epci_types: tuple[str, ...] = ()
    population_min: int | None = None
    population_max: int | None = None
    zones: tuple[str, ...] = ()
    question: str = ""

    @property
    def is_size(self) -> bool:
        """A « taille » cahier: chosen by the intercommunality's category or by the population."""
        return bool(self.epci_types) or self.population_min is not None or self.population_max is not None

    def fits_population(self, population: int) -> bool:
        return (self.population_min or 0) <= population <= (self.population_max or _MAX_POPULATION * 100)


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    explanation: str
    yes_reason: str


@dataclass(frozen=True)
class CahierRules:
    cahiers: tuple[CahierRule, ...]
    epci_types: dict[str, str]
    reasons: dict[str, str]
    questions: tuple[Question, ...]

    def cahier(self, cahier_id: str) -> CahierRule:
        return next(c for c in self.cahiers if c.id == cahier_id)


def _cahier(check: Collector, item: LineDict, seen: set, questions: set) -> CahierRule:
    cid = check.identifier(item, f"cahier {len(seen) + 1}", seen) or "?"
    check.unknown_keys(item, ("id", "title", "page", "shift_cahier", "epci_types", "population_min",
                              "population_max", "zones", "question"), cid)
    title = check.text(item, "title", cid)
    page = check.text(item, "page", cid)
    if page and not (REPO_ROOT / f"{page}.md").is_file():
        check.add(item.line_of("page"), cid, "page", f"page {page}.md introuvable dans le livre")
    epci_types = check.strings(item, "epci_types", cid, required=False)
    for kind in epci_types:
        if kind not in EPCI_TYPES:
            check.add(item.line_of("epci_types"), cid, "epci_types",
                      f"catégorie inconnue {kind!r} (attendu : {', '.join(EPCI_TYPES)})")
    low = check.number(item, "population_min", cid, 0, _MAX_POPULATION, required=False)
    high = check.number(item, "population_max", cid, 0, _MAX_POPULATION, required=False)
    if low is not None and high is not None and low > high:
        check.add(item.line_of("population_max"), cid, "population_max", "plus petit que population_min")
    zones = check.strings(item, "zones", cid, required=False)
    for zone in zones:
        if zone not in ZONES:
            check.add(item.line_of("zones"), cid, "zones", f"zone inconnue {zone!r} (attendu : {', '.join(ZONES)})")
    question = check.text(item, "question", cid, required=False)
    if question and question not in questions:
        check.add(item.line_of("question"), cid, "question", f"question {question!r} absente de « questions »")
    rule = CahierRule(cid, title, page, check.text(item, "shift_cahier", cid), tuple(epci_types), low, high,
                      tuple(zones), question)
    if not (rule.is_size or zones or question):
        check.add(item.line, cid, "critères",
                  "aucun critère (epci_types, population_min/max, zones ou question)")
    return rule


def _check_sizes(check: Collector, cahiers: list[CahierRule], items: list[LineDict], line: int) -> None:
    """The size cahiers cover every population once, largest first, and every EPCI category once."""
    sizes = [(c, item) for c, item in zip(cahiers, items) if c.is_size]
    previous_min = None
    for rule, item in sizes:
        if previous_min is not None and (rule.population_max is None or rule.population_max != previous_min - 1):
            check.add(item.line_of("population_max"), rule.id, "population_max",
                      f"les tranches de population doivent se suivre, de la plus grande à la plus petite "
                      f"(attendu {previous_min - 1})")
        previous_min = rule.population_min or 0
    sizes = [rule for rule, _ in sizes]
    if sizes and (sizes[0].population_max is not None or (sizes[-1].population_min or 0) != 0):
        check.add(line, "cahiers", "population_min",
                  "les tranches doivent couvrir toutes les populations, de 0 à sans limite")
    for kind in EPCI_TYPES:
        owners = [c.id for c in cahiers if kind in c.epci_types]
        if len(owners) != 1:
            check.add(line, "cahiers", "epci_types",
                      f"la catégorie {kind} doit appartenir à un seul cahier (trouvée dans : {owners or 'aucun'})")


def required_reasons(rules: CahierRules) -> set[str]:
    codes = {"no-epci", "arrondissement"} | {f"epci-{kind}" for kind in EPCI_TYPES}
    codes |= {f"population-{c.id}" for c in rules.cahiers if c.is_size}
    codes |= {f"zone-{zone}" for c in rules.cahiers for zone in c.zones}
    return codes | {q.yes_reason for q in rules.questions}


def read_cahiers(path: Path = CAHIERS_PATH) -> tuple[CahierRules | None, list[Problem]]:
    data, check = read_mapping(path, "", "fichier", "un dictionnaire {cahiers, epci_types, reasons, questions}")
    if data is None:
        return None, check.problems
    check.unknown_keys(data, ("cahiers", "epci_types", "reasons", "questions"), "fichier")

    questions: list[Question] = []
    seen: set[str] = set()
    for line, item in check.items(data.get("questions"), "questions"):
        if not check.mapping(item, line, "questions", "question", "un dictionnaire {id, question, …}"):
            continue
        mark = check.mark()
        qid = check.identifier(item, f"question {len(seen) + 1}", seen) or "?"
        check.unknown_keys(item, ("id", "question", "explanation", "yes_reason"), qid)
        question = Question(qid, check.text(item, "question", qid, collapse=True),
                            check.text(item, "explanation", qid, collapse=True), check.text(item, "yes_reason", qid))
        if not check.failed_since(mark):
            questions.append(question)

    reasons: dict[str, str] = {}
    if check.mapping(data.get("reasons"), data.line_of("reasons"), "reasons", "reasons", "un dictionnaire code: texte"):
        for code in data["reasons"]:
            text = check.text(data["reasons"], code, "reasons", collapse=True)
            if text:
                reasons[str(code)] = text
    epci_types: dict[str, str] = {}
    if check.mapping(data.get("epci_types"), data.line_of("epci_types"), "epci_types", "epci_types",
                     "un dictionnaire catégorie: libellé"):
        check.unknown_keys(data["epci_types"], EPCI_TYPES, "epci_types")
        for kind in EPCI_TYPES:
            epci_types[kind] = check.text(data["epci_types"], kind, "epci_types", collapse=True)

    cahiers: list[CahierRule] = []
    items: list[LineDict] = []
    seen = set()
    question_ids = {q.id for q in questions}
    for line, item in check.items(data.get("cahiers"), "cahiers"):
        if check.mapping(item, line, "cahiers", "cahier", "un dictionnaire {id, title, page, …}"):
            cahiers.append(_cahier(check, item, seen, question_ids))
            items.append(item)
    _check_sizes(check, cahiers, items, data.line_of("cahiers"))
    for question in questions:
        if sum(c.question == question.id for c in cahiers) != 1:
            check.add(data.line_of("questions"), question.id, "id", "doit être posée par un seul cahier")

    rules = CahierRules(tuple(cahiers), epci_types, reasons, tuple(questions))
    for code in sorted(required_reasons(rules) - set(reasons)):
        check.add(data.line_of("reasons"), "reasons", code, "texte absent (nécessaire à la règle)")
    for code in sorted(set(reasons) - required_reasons(rules)):
        check.add(data["reasons"].line_of(code), "reasons", code, "code inutilisé par la règle")
    return (None if check.problems else rules), check.problems


# --- conseillers-municipaux.yml -------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    date: str


@dataclass(frozen=True)
class CouncilRules:
    brackets: tuple[tuple[int, int], ...]          # (first population, members), ascending
    complete_from: tuple[tuple[int, int], ...]     # (last population, members), ascending
    exceptions: dict[str, tuple[str, int]]         # INSEE -> (council name, members)
    source: Source
    complete_source: Source
    exceptions_source: Source
    arrondissement_note: str
    com_note: str


def _source(check: Collector, mapping, key: str) -> Source:
    value = mapping.get(key)
    if not check.mapping(value, mapping.line_of(key), key, key, "un dictionnaire {title, url, date}"):
        return Source("", "", "")
    check.unknown_keys(value, ("title", "url", "date", "checked"), key)
    if "checked" in value:
        check.date(value, "checked", key)
    return Source(check.text(value, "title", key, collapse=True), check.url(value, "url", key),
                  check.date(value, "date", key))


def _rows(check: Collector, mapping, key: str, bound: str, item: str) -> tuple[tuple[int, int], ...]:
    rows: list[tuple[int, int]] = []
    for line, row in check.items(mapping.get(key), item, key):
        where = f"{item} ligne {len(rows) + 1}"
        if not check.mapping(row, line, where, key, f"un dictionnaire {{{bound}, members}}"):
            continue
        check.unknown_keys(row, (bound, "members"), where)
        start = check.number(row, bound, where, 0, _MAX_POPULATION)
        members = check.number(row, "members", where, 1, 500)
        if start is None or members is None:
            continue
        if rows and (start <= rows[-1][0] or members < rows[-1][1]):
            check.add(row.line_of(bound), where, bound, "les tranches doivent croître (population et membres)")
        rows.append((int(start), int(members)))
    return tuple(rows)


def read_council(path: Path = COUNCIL_PATH) -> tuple[CouncilRules | None, list[Problem]]:
    data, check = read_mapping(path, "", "fichier", "un dictionnaire {source, brackets, …}")
    if data is None:
        return None, check.problems
    check.unknown_keys(data, ("source", "brackets", "complete_from", "exceptions", "exceptions_source",
                              "arrondissement_note", "com_note"), "fichier")
    brackets = _rows(check, data, "brackets", "from", "brackets")
    if brackets and brackets[0][0] != 0:
        check.add(data.line_of("brackets"), "brackets", "from", "la première tranche doit partir de 0")
    complete_source = Source("", "", "")
    complete: tuple[tuple[int, int], ...] = ()
    if check.mapping(data.get("complete_from"), data.line_of("complete_from"), "complete_from", "complete_from",
                     "un dictionnaire {source, brackets}"):
        check.unknown_keys(data["complete_from"], ("source", "brackets"), "complete_from")
        complete_source = _source(check, data["complete_from"], "source")
        complete = _rows(check, data["complete_from"], "brackets", "up_to", "complete_from")
    exceptions: dict[str, tuple[str, int]] = {}
    for line, row in check.items(data.get("exceptions"), "exceptions"):
        if not check.mapping(row, line, "exceptions", "exceptions", "un dictionnaire {insee, council, members}"):
            continue
        insee = check.text(row, "insee", "exceptions")
        check.unknown_keys(row, ("insee", "council", "members"), insee or "exceptions")
        if insee and not _INSEE_RE.match(insee):
            check.add(row.line_of("insee"), insee, "insee", "code INSEE de cinq caractères attendu")
        council = check.text(row, "council", insee or "exceptions")
        members = check.number(row, "members", insee or "exceptions", 1, 500)
        if insee and council and members:
            exceptions[insee] = (council, int(members))
    rules = CouncilRules(
        brackets, complete, exceptions, _source(check, data, "source"), complete_source,
        _source(check, data, "exceptions_source"),
        check.text(data, "arrondissement_note", "fichier", collapse=True),
        check.text(data, "com_note", "fichier", collapse=True))
    return (None if check.problems else rules), check.problems


# --- paquet.yml -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackageInfo:
    package: str
    version: str
    url: str
    licence_code: str
    licence_data: str
    licence_url: str
    vintage: str
    population_years: dict[str, int]
    population_source: Source
    set_aside: dict[str, str]                       # département code -> reason

    def population_year(self, departement: str) -> int:
        return self.population_years.get(departement, self.population_years["default"])


def read_package_info(path: Path = PACKAGE_PATH) -> tuple[PackageInfo | None, list[Problem]]:
    data, check = read_mapping(path, "", "fichier", "un dictionnaire {package, version, …}")
    if data is None:
        return None, check.problems
    fields = ("package", "version", "url", "licence_code", "licence_data", "licence_url", "vintage",
              "population_years", "population_source", "set_aside")
    check.unknown_keys(data, fields, "fichier")
    texts = {key: check.text(data, key, "paquet") for key in fields[:7] if key not in ("url", "licence_url")}
    years: dict[str, int] = {}
    if check.mapping(data.get("population_years"), data.line_of("population_years"), "population_years",
                     "population_years", "un dictionnaire département: année"):
        for key in data["population_years"]:
            year = check.number(data["population_years"], key, "population_years", 1999, 2100)
            if year is not None:
                years[str(key)] = int(year)
        if "default" not in years:
            check.add(data.line_of("population_years"), "population_years", "default", "année par défaut absente")
    set_aside: dict[str, str] = {}
    for line, row in check.items(data.get("set_aside"), "set_aside", allow_empty=True):
        if check.mapping(row, line, "set_aside", "set_aside", "un dictionnaire {departement, reason}"):
            code = check.text(row, "departement", "set_aside")
            check.unknown_keys(row, ("departement", "reason"), code or "set_aside")
            reason = check.text(row, "reason", code or "set_aside", collapse=True)
            if code and reason:
                set_aside[code] = reason
    info = PackageInfo(texts["package"], texts["version"], check.url(data, "url", "paquet"),
                       texts["licence_code"], texts["licence_data"], check.url(data, "licence_url", "paquet"),
                       texts["vintage"], years, _source(check, data, "population_source"), set_aside)
    return (None if check.problems else info), check.problems


# --- recherche.json ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchRules:
    replace: dict[str, str]
    token: str
    synonyms: dict[str, str]
    ignored: tuple[str, ...]
    cases: tuple[tuple[str, str], ...]

    def as_json(self) -> dict:
        """The parameters the browser needs (the cases stay for the tests)."""
        return {"replace": self.replace, "token": self.token, "synonyms": self.synonyms,
                "ignored": list(self.ignored)}


def read_search_rules(path: Path = SEARCH_PATH) -> tuple[SearchRules | None, list[Problem]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return None, [Problem(Path(path), getattr(error, "lineno", 1), "", "json", f"JSON illisible : {error}")]
    problems = []
    expected = {"comment": str, "replace": dict, "token": str, "synonyms": dict, "ignored": list, "cases": list}
    for key, kind in expected.items():
        if not isinstance(data.get(key), kind):
            problems.append(Problem(Path(path), 1, "", key, f"absent ou du mauvais type (attendu {kind.__name__})"))
    if problems:
        return None, problems
    try:
        re.compile(data["token"])
    except re.error as error:
        return None, [Problem(Path(path), 1, "", "token", f"expression invalide : {error}")]
    cases = tuple((str(a), str(b)) for a, b in data["cases"])
    return SearchRules(data["replace"], data["token"], data["synonyms"], tuple(data["ignored"]), cases), []


def load(reader, path: Path):
    """The validated content of ``path`` read by ``reader``, or DataError with every problem."""
    value, problems = reader(path)
    if problems:
        raise DataError(problems)
    return value
