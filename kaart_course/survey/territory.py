"""What the survey needs to know about a territory, and where it gets it.

The importer checks codes and derives the territory's type and size through a small ``TerritoryLookup``
protocol, passed as an argument: the tests hand it a fake, the command line hands it
:func:`default_territories`. The course's territory data (``kaart_course.territories``) is being built on its
own branch; until it lands, :func:`default_territories` reads the same official list of communes and EPCI
(the npm package ``@etalab/decoupage-administratif``, installed by ``make``) with a minimal reader that knows
no littoral or montagne classification. When ``kaart_course.territories`` exists, it is used instead and
the interim reader can go.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from kaart_course.paths import REPO_ROOT

# The six cahiers « Villes et territoires résilients » (The Shift Project, 2022), in the report's order.
CAHIERS = {
    "grandes-villes": "Grandes villes et métropoles",
    "villes-moyennes": "Villes moyennes et agglomérations",
    "petites-villes": "Petites villes et communautés de communes",
    "littoral": "Littoral",
    "montagne": "Montagne",
    "outre-mer": "Outre-mer",
}
# A collectivité that matches several cahiers is counted once, under the first of this order: the
# geographic cahiers describe constraints that dominate the size-based ones.
PRIMARY_ORDER = ("outre-mer", "montagne", "littoral", "grandes-villes", "villes-moyennes", "petites-villes")
EPCI_CAHIER = {"METRO": "grandes-villes", "MET69": "grandes-villes", "CU": "grandes-villes",
               "CA": "villes-moyennes", "CC": "petites-villes"}
SIZES = ((2_000, "moins de 2 000 habitants"), (10_000, "de 2 000 à 9 999 habitants"),
         (50_000, "de 10 000 à 49 999 habitants"), (200_000, "de 50 000 à 199 999 habitants"),
         (None, "200 000 habitants ou plus"))


class Commune(Protocol):
    insee: str
    name: str
    population: int
    departement: str


class Epci(Protocol):
    siren: str
    name: str
    type: str  # CC, CA, CU, METRO, MET69
    population: int
    communes: Sequence  # INSEE codes of the member communes


class CahierMatch(Protocol):
    cahier_id: str


class TerritoryLookup(Protocol):
    def commune(self, insee: str) -> Commune | None: ...
    def epci(self, siren: str) -> Epci | None: ...
    def cahiers(self, insee: str) -> tuple[CahierMatch, ...]: ...


@dataclass(frozen=True)
class Place:
    """What the survey keeps about a collectivité: its kind, code, name, type (a cahier), size class and
    département — public facts about an institution, nothing about a person."""

    kind: str  # "commune" or "epci"
    code: str
    name: str
    territory_type: str
    size: str
    departement: str
    population: int


def size_class(population: int) -> str:
    for bound, label in SIZES:
        if bound is None or population < bound:
            return label
    raise AssertionError("unreachable")


def _code_of(member) -> str:
    return member if isinstance(member, str) else getattr(member, "insee", "")


def place(lookup: TerritoryLookup, kind: str, code: str) -> Place | None:
    """The collectivité with this code, or None when the territory data does not know it."""
    if kind == "commune":
        commune = lookup.commune(code)
        if commune is None:
            return None
        matches = [m.cahier_id for m in lookup.cahiers(code)]
        primary = next((c for c in PRIMARY_ORDER if c in matches), "petites-villes")
        return Place(kind, code, commune.name, primary, size_class(commune.population), commune.departement,
                     commune.population)
    epci = lookup.epci(code)
    if epci is None:
        return None
    members = [lookup.commune(_code_of(m)) for m in epci.communes]
    departements = sorted({m.departement for m in members if m is not None})
    # An EPCI's département is the one of most of its communes (a few straddle a border).
    departement = max(departements, key=lambda d: sum(m is not None and m.departement == d for m in members),
                      default="")
    territory_type = "outre-mer" if departement.startswith("97") else EPCI_CAHIER.get(epci.type, "petites-villes")
    return Place(kind, code, epci.name, territory_type, size_class(epci.population), departement, epci.population)


# ---------------------------------------------------------------------------------------------------
# The default lookup


def default_territories() -> TerritoryLookup:
    """The course's territory data; the interim reader of the official list until it has landed."""
    try:
        from kaart_course.territories import load_territories
    except ImportError:
        return _interim_territories()
    return load_territories()


DECOUPAGE_DIR = REPO_ROOT / "node_modules" / "@etalab" / "decoupage-administratif" / "data"


@dataclass(frozen=True)
class _Commune:
    insee: str
    name: str
    population: int
    departement: str
    zone: str
    epci: str


@dataclass(frozen=True)
class _Epci:
    siren: str
    name: str
    type: str
    population: int
    communes: tuple[str, ...]


@dataclass(frozen=True)
class _Match:
    cahier_id: str
    reasons: tuple[str, ...] = ()


class _Interim:
    def __init__(self, communes: dict[str, _Commune], epcis: dict[str, _Epci]):
        self.communes, self.epcis = communes, epcis

    def commune(self, insee: str) -> _Commune | None:
        return self.communes.get(insee)

    def epci(self, siren: str) -> _Epci | None:
        return self.epcis.get(siren)

    def cahiers(self, insee: str) -> tuple[_Match, ...]:
        commune = self.communes.get(insee)
        if commune is None:
            return ()
        if commune.zone != "metro":
            return (_Match("outre-mer", ("commune d'outre-mer",)),)
        epci = self.epcis.get(commune.epci)
        return (_Match(EPCI_CAHIER.get(epci.type if epci else "CC", "petites-villes"), ("type d'intercommunalité",)),)


@lru_cache(maxsize=1)
def _interim_territories() -> _Interim:
    try:
        raw_communes = json.loads((DECOUPAGE_DIR / "communes.json").read_text(encoding="utf-8"))
        raw_epcis = json.loads((DECOUPAGE_DIR / "epci.json").read_text(encoding="utf-8"))
    except OSError as error:
        raise RuntimeError("liste officielle des communes introuvable : lancez « make » (npm ci) pour installer "
                           f"@etalab/decoupage-administratif ({error})") from error
    epcis, member_of = {}, {}
    for item in raw_epcis:
        codes = tuple(m["code"] for m in item["membres"])
        epcis[item["code"]] = _Epci(item["code"], item["nom"], item["type"], int(item["populationMunicipale"]), codes)
        member_of.update(dict.fromkeys(codes, item["code"]))
    communes = {c["code"]: _Commune(c["code"], c["nom"], int(c.get("population") or 0), c["departement"],
                                    c.get("zone", "metro"), member_of.get(c["code"], ""))
                for c in raw_communes if c["type"] == "commune-actuelle"}
    return _Interim(communes, epcis)


def all_codes(lookup) -> tuple[list[str], list[str]]:
    """Every INSEE code of a commune and every SIREN of an EPCI the lookup knows, sorted (for the example
    generator). The interim reader keeps them in ``communes`` and ``epcis`` mappings."""
    communes = getattr(lookup, "communes", {})
    epcis = getattr(lookup, "epcis", {})
    return sorted(communes() if callable(communes) else communes), sorted(epcis() if callable(epcis) else epcis)
