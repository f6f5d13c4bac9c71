"""Every commune and intercommunality of France, the cahier(s) that fit each commune and why, and the size of
its municipal council, from the npm package ``@etalab/decoupage-administratif`` (pinned in package.json).

    territories = load_territories()          # derived once, then cached under _build/territoires/
    territories.commune("05023")              # Briançon
    territories.cahiers("05023")              # (CahierMatch("petites-villes", …),)
    territories.questions                     # littoral, montagne: asked to the reader, never guessed

Data contract of the site files (``write_compact``, format 1). Each is a plain script that assigns one
global (it loads from file://, where modules and fetch() do not): ``kaart-communes-data.js`` sets
``globalThis.kaartCommunesData`` (the search data, loaded on first use, ≤ 300 KB gzip-compressed) and
``kaart-communes-fiches.js`` sets ``globalThis.kaartCommunesFiches`` (the card facts, loaded when a commune
is picked). Communes are in one order (département, then INSEE code); index ``i`` is the same in every
per-commune column of both files; a column is one string, entries separated by ``|`` (texts) or ``,``
(numbers; empty = none).

``kaartCommunesData``:
- ``departements``: ``[[code, name, zone, region name, count], …]`` in order: the first ``count`` communes
  are in the first département, the next ``count`` in the second, and so on; ``zone`` ∈ metropole, drom, com;
- ``insee``: the code without its département prefix (département code + entry = INSEE code);
- ``names``: official names; ``postalCodes``: space-separated; an entry of 3 characters stands for the first
  two characters of the INSEE code followed by it (``05023`` + ``100`` → ``05100``);
- ``sizeRanks``: one letter per commune, ``a`` + :func:`size_rank` (ranking only);
- ``parents``: ``{index: index of its commune}`` for the arrondissements of Paris, Lyon and Marseille;
- ``formerNames`` / ``formerOf``: names of communes déléguées and associées, and the index of their commune;
- ``search``: the normalisation (``data/territoires/recherche.json``): NFD without marks, lower case,
  ``replace``, words by ``token``, ``synonyms``, drop ``ignored``, join with one space. The browser builds the
  keys at load (kaart_course/static/territoire/search.js); :func:`normalise_name` is the Python twin and
  both pass the file's ``cases``. Ranking: see :meth:`Territories.search`, the reference.

``kaartCommunesFiches``:
- ``populations`` (population municipale) and ``populationYears`` (by département code, ``default`` else);
- ``epci``: index into ``epcis`` = ``[siren, name, type, number of communes, population]``, empty if none;
- ``profiles``: index into ``profileTable``; a profile is ``{cahiers: [[cahier index, [reason code, …]], …],
  council: {members, label, note, completeFrom} | null}``: Python applied the rules, the browser only reads
  them; ``cahiers`` (``{id, title, page, shiftCahier}``), ``reasons`` (code → one French line),
  ``epciTypes`` (type → « une communauté de communes »…), ``questions`` (``{id, cahier, question,
  explanation, yesReason}``: ask, and on « oui » add that cahier with that reason), ``councilSource``.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kaart_course import _territories_data as rules_data
from kaart_course._data import DataError, Problem
from kaart_course.paths import REPO_ROOT

PACKAGE_DIR = REPO_ROOT / "node_modules" / "@etalab" / "decoupage-administratif"
CACHE_DIR = REPO_ROOT / "_build" / "territoires"
# The two site files alone (the site copies this folder into _static/), rewritten when the cache key changes.
SITE_DIR = CACHE_DIR / "site"

__all__ = ["CahierMatch", "Commune", "Council", "Epci", "Territories", "cahier_rules", "council_size", "derive",
           "load_territories", "normalise_name", "site_files", "size_rank", "write_compact"]


@dataclass(frozen=True)
class Commune:
    insee: str
    name: str
    population: int | None
    population_year: int | None
    departement: str
    departement_name: str
    region: str
    region_name: str
    zone: str                                   # metropole, drom or com
    epci: str | None                            # SIREN of its intercommunality
    postal_codes: tuple[str, ...]
    arrondissement_of: str | None = None        # INSEE code of Paris, Lyon or Marseille
    former_names: tuple[str, ...] = ()          # its communes déléguées and associées


@dataclass(frozen=True)
class Epci:
    siren: str
    name: str
    type: str                                   # METRO, MET69, CU, CA, CC
    type_label: str
    communes: tuple[str, ...]                   # INSEE codes
    population: int                             # sum of its communes' populations (same year as theirs)


@dataclass(frozen=True)
class CahierMatch:
    cahier_id: str
    reasons: tuple[str, ...]                    # French, one line each
    codes: tuple[str, ...] = ()                 # the reason codes of data/territoires/cahiers.yml


@dataclass(frozen=True)
class Council:
    members: int | None                         # None where the law of the CGCT does not apply (COM)
    label: str                                  # « conseil municipal », « conseil de Paris »…
    note: str = ""
    complete_from: int | None = None            # article L2121-2-1: « réputé complet » from this many


@dataclass
class Territories:
    communes: dict[str, Commune]
    epcis: dict[str, Epci]
    counts: dict[str, int]                      # what was read and kept, per kind
    set_aside: dict[str, int]                   # reason -> number of package entries set aside
    package_version: str
    rules: rules_data.CahierRules = field(repr=False)
    council_rules: rules_data.CouncilRules = field(repr=False)
    package: rules_data.PackageInfo = field(repr=False)
    _matches: dict[str, tuple[CahierMatch, ...]] = field(default_factory=dict, repr=False)
    _keys: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def commune(self, insee: str) -> Commune | None:
        return self.communes.get(insee)

    def epci(self, siren: str) -> Epci | None:
        return self.epcis.get(siren)

    def epci_of(self, insee: str) -> Epci | None:
        commune = self.communes.get(insee)
        return self.epcis.get(commune.epci) if commune and commune.epci else None

    @property
    def questions(self) -> tuple[rules_data.Question, ...]:
        return self.rules.questions

    def cahiers(self, insee: str, answers: dict[str, bool] | None = None) -> tuple[CahierMatch, ...]:
        """The cahiers for this commune, with why; ``answers`` (question id → bool) adds littoral/montagne."""
        matches = list(self._matches.get(insee, ()))
        if not matches:
            return ()
        for question in self.rules.questions:
            if (answers or {}).get(question.id):
                cahier = next(c.id for c in self.rules.cahiers if c.question == question.id)
                matches.append(CahierMatch(cahier, (self.rules.reasons[question.yes_reason],),
                                           (question.yes_reason,)))
        order = [c.id for c in self.rules.cahiers]
        return tuple(sorted(matches, key=lambda m: order.index(m.cahier_id)))

    def council(self, insee: str) -> Council | None:
        commune = self.communes.get(insee)
        if commune is None:
            return None
        rules = self.council_rules
        note = ""
        if commune.arrondissement_of:
            note, commune = rules.arrondissement_note, self.communes[commune.arrondissement_of]
        if commune.zone == "com":
            return Council(None, "", rules.com_note)
        if commune.insee in rules.exceptions:
            label, members = rules.exceptions[commune.insee]
            return Council(members, label, note)
        if commune.population is None:
            return None
        return Council(council_size(commune.population, rules), "conseil municipal", note,
                       _complete_from(commune.population, rules))

    def search(self, query: str, limit: int = 10) -> list[Commune]:
        """Communes for what a reader types: a name (normalised), an INSEE code or a postal code (or their
        start). The reference ranking the browser follows: exact name, then a name starting with the query,
        then a word of the name starting with it (former names count); then the larger size rank; then the
        order of the site file (département, INSEE code). Codes: the INSEE code itself, then a postal code
        equal to the query, then the larger size rank."""
        text = query.strip()
        if re.fullmatch(r"\d{2,5}|2[ABab]\d{0,3}", text):
            code = text.upper()
            found = [c for c in self.communes.values()
                     if c.insee.startswith(code) or any(p.startswith(code) for p in c.postal_codes)]
            return sorted(found, key=lambda c: (c.insee != code, code not in c.postal_codes,
                                                -size_rank(c.population), c.departement, c.insee))[:limit]
        key = normalise_name(text)
        if not key:
            return []
        ranked = []
        for insee, keys in self._keys.items():
            rank = min((0 if k == key else 1 if k.startswith(key) else 2 if f" {key}" in f" {k}" else 3)
                       for k in keys)
            if rank < 3:
                commune = self.communes[insee]
                ranked.append((rank, -size_rank(commune.population), commune.departement, insee))
        return [self.communes[r[3]] for r in sorted(ranked)[:limit]]

    def report(self) -> list[str]:
        """What the derivation kept and set aside, in French, one line each."""
        lines = [f"{self.package.package} {self.package_version} : {self.counts['package_entries']} entrées lues."]
        lines += [f"  {what} : {self.counts[key]}" for key, what in _COUNT_LABELS.items() if key in self.counts]
        lines += [f"  écartées — {reason} : {n}" for reason, n in sorted(self.set_aside.items())]
        return lines


_COUNT_LABELS = {
    "communes": "communes (métropole et outre-mer)", "arrondissements": "arrondissements municipaux",
    "former_names": "communes déléguées ou associées (noms recherchables)", "epci": "intercommunalités",
    "without_epci": "communes sans intercommunalité",
}


# --- rules ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def cahier_rules() -> rules_data.CahierRules:
    """The six cahiers, their titles and the rule that proposes them (``data/territoires/cahiers.yml``), for
    the modules that need them without every commune (the survey's report)."""
    return rules_data.load(rules_data.read_cahiers, rules_data.CAHIERS_PATH)


@lru_cache(maxsize=1)
def _council_rules() -> rules_data.CouncilRules:
    return rules_data.load(rules_data.read_council, rules_data.COUNCIL_PATH)


def size_rank(population: int | None) -> int:
    """A coarse size for ranking search results, bigger first: the number of binary digits of the population
    (the site file carries it as one letter, ``a`` + rank)."""
    return (population or 0).bit_length()


def council_size(population: int, rules: rules_data.CouncilRules | None = None) -> int:
    """The number of municipal councillors the law sets for this population (article L2121-2 of the CGCT)."""
    if population < 0:
        raise ValueError("population négative")
    brackets = (rules or _council_rules()).brackets
    return next(members for start, members in reversed(brackets) if population >= start)


def _complete_from(population: int, rules: rules_data.CouncilRules) -> int | None:
    return next((members for last, members in rules.complete_from if population <= last), None)


@lru_cache(maxsize=1)
def _search_rules() -> rules_data.SearchRules:
    return rules_data.load(rules_data.read_search_rules, rules_data.SEARCH_PATH)


def normalise_name(text: str, rules: rules_data.SearchRules | None = None) -> str:
    """A name as the search compares it: ``Saint-Étienne``, ``st etienne`` → ``saint etienne``."""
    rules = rules or _search_rules()
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)).lower()
    for old, new in rules.replace.items():
        text = text.replace(old, new)
    words = (rules.synonyms.get(word, word) for word in re.findall(rules.token, text))
    return " ".join(word for word in words if word not in rules.ignored)


# --- derivation ----------------------------------------------------------------------------------------


def derive(package_data_dir: Path | None = None) -> Territories:
    """Every commune and EPCI of the package, checked: each entry is kept or set aside with its reason."""
    from kaart_course import _territories_derive

    data_dir = Path(package_data_dir or PACKAGE_DIR / "data")
    package = rules_data.load(rules_data.read_package_info, rules_data.PACKAGE_PATH)
    manifest = data_dir.parent / "package.json"
    try:
        version = json.loads(manifest.read_text(encoding="utf-8"))["version"]
        raw = {name: json.loads((data_dir / f"{name}.json").read_text(encoding="utf-8"))
               for name in ("communes", "epci", "departements", "regions")}
    except (OSError, ValueError, KeyError) as error:
        raise DataError([Problem(data_dir, 1, package.package, "paquet",
                                 f"illisible ou absent ({error}) : lancez « npm ci » à la racine du dépôt")]) from error
    if version != package.version:
        raise DataError([Problem(manifest, 1, package.package, "version",
                                 f"{version} installée, {package.version} décrite dans {rules_data.PACKAGE_PATH.name} : "
                                 "relisez les millésimes de population avant de changer de version")])
    return _territories_derive.derive(
        raw, data_dir, version, package,
        cahier_rules(), _council_rules(), normalise_name)


def _cache_key(data_dir: Path) -> str:
    digest = hashlib.sha256()
    sources = [data_dir.parent / "package.json", *sorted(rules_data.TERRITORIES_DIR.glob("*")),
               *sorted(Path(__file__).parent.glob("*territor*.py"))]
    for path in sources:
        digest.update(path.name.encode() + (path.read_bytes() if path.is_file() else b""))
    return digest.hexdigest()[:16]


def load_territories(package_data_dir: Path | None = None, cache_dir: Path | None = CACHE_DIR) -> Territories:
    """The derived territories, from the cache under ``_build/territoires/`` when the package and the rules
    have not changed (keyed by their content), otherwise derived and cached."""
    data_dir = Path(package_data_dir or PACKAGE_DIR / "data")
    if cache_dir is None:
        return derive(data_dir)
    cache = Path(cache_dir) / f"territoires-{_cache_key(data_dir)}.pickle"
    if cache.is_file():
        return pickle.loads(cache.read_bytes())  # noqa: S301 - our own file, written below
    territories = derive(data_dir)
    cache.parent.mkdir(parents=True, exist_ok=True)
    for old in cache.parent.glob("territoires-*.pickle"):
        old.unlink()
    cache.write_bytes(pickle.dumps(territories, protocol=pickle.HIGHEST_PROTOCOL))
    return territories


def write_compact(territories: Territories, out_dir: Path):
    """Write ``kaart-communes-data.js`` (the site's search data, see the contract above) into ``out_dir``;
    returns its path and its size, raw and gzip-compressed."""
    from kaart_course import _territories_compact

    return _territories_compact.write(territories, Path(out_dir))


def site_files(out_dir: Path = SITE_DIR) -> Path:
    """The folder of the site's two data files, written first if the package or the rules changed since."""
    from kaart_course import _territories_compact

    out_dir = Path(out_dir)
    stamp = out_dir / ".cle"
    key = _cache_key(PACKAGE_DIR / "data")
    names = [_territories_compact.SEARCH[0], _territories_compact.FICHES[0]]
    if stamp.is_file() and stamp.read_text() == key and all((out_dir / name).is_file() for name in names):
        return out_dir
    write_compact(load_territories(), out_dir)
    stamp.write_text(key)
    return out_dir


def check(paths: list[Path] | None = None) -> list[Problem]:
    """Every problem of the territory data files (all of ``data/territoires/`` by default)."""
    readers = {"cahiers.yml": rules_data.read_cahiers, "conseillers-municipaux.yml": rules_data.read_council,
               "paquet.yml": rules_data.read_package_info, "recherche.json": rules_data.read_search_rules}
    problems: list[Problem] = []
    for path in paths or [rules_data.TERRITORIES_DIR / name for name in readers]:
        reader = readers.get(Path(path).name)
        if reader is None:
            problems.append(Problem(Path(path), 1, "", "fichier",
                                    f"fichier inconnu (attendu : {', '.join(readers)})"))
            continue
        problems.extend(sorted(reader(Path(path))[1], key=lambda problem: problem.line))
    return problems
