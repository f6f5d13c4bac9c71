"""What the survey needs to know about a collectivité, from the course's territory data.

The importer checks codes and derives the territory's type and size through a small ``TerritoryLookup``
protocol, passed as an argument: the command line hands it :func:`default_territories` (every commune and
EPCI of :mod:`kaart_course.territories`), the tests a fake. The six cahiers, their titles and the rule that
proposes them to a commune have one definition, ``data/territoires/cahiers.yml``; the survey adds only how a
collectivité that fits several cahiers is counted under ONE type in the report (:func:`primary_type`) and
its size classes (:data:`SIZES`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from kaart_course.territories import cahier_rules

SIZES = ((2_000, "moins de 2 000 habitants"), (10_000, "de 2 000 à 9 999 habitants"),
         (50_000, "de 10 000 à 49 999 habitants"), (200_000, "de 50 000 à 199 999 habitants"),
         (None, "200 000 habitants ou plus"))


class Commune(Protocol):
    insee: str
    name: str
    population: int | None
    departement: str
    zone: str  # metropole, drom or com


class Epci(Protocol):
    siren: str
    name: str
    type: str  # CC, CA, CU, METRO, MET69
    population: int
    communes: Sequence[str]  # INSEE codes of the member communes


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


def cahiers() -> tuple[tuple[str, str], ...]:
    """``(id, title)`` of the six cahiers, in the order of ``data/territoires/cahiers.yml``."""
    return tuple((c.id, c.title) for c in cahier_rules().cahiers)


def cahier_title(cahier_id: str) -> str:
    return dict(cahiers()).get(cahier_id, cahier_id)


@lru_cache(maxsize=1)
def _rules() -> tuple[dict[str, int], frozenset[str], frozenset[str], tuple]:
    """The cahiers' order, the geographic ones, those of them the élu is asked about, and the rules
    (cahiers.yml is read once; the importer asks for every row)."""
    rules = cahier_rules().cahiers
    return ({c.id: i for i, c in enumerate(rules)}, frozenset(c.id for c in rules if not c.is_size),
            frozenset(c.id for c in rules if c.question), rules)


def primary_type(matches: Iterable[str], population: int = 0) -> str:
    """The one type a collectivité is counted under in the report: its geographic cahier (the constraints of
    the coast, the mountains or overseas dominate its size) — the one the official data give (outre-mer)
    before those the élu answers (littoral, then montagne, in the order of cahiers.yml) —, else its largest
    size cahier (the size cahiers are listed from the largest down), else the size cahier of its population."""
    order, geographic, asked, rules = _rules()
    found = sorted((m for m in set(matches) if m in order), key=order.__getitem__)
    first = sorted((m for m in found if m in geographic), key=lambda m: (m in asked, order[m]))
    if first or found:
        return (first or found)[0]
    return next(c.id for c in rules if c.is_size and c.fits_population(population))


def size_class(population: int | None) -> str:
    population = population or 0
    for bound, label in SIZES:
        if bound is None or population < bound:
            return label
    raise AssertionError("unreachable")


def _epci_type(epci: Epci, zone: str) -> str:
    """An EPCI's type by the rule of cahiers.yml: the zone of its communes (outre-mer), else its category."""
    rules = _rules()[3]
    by_zone = next((c.id for c in rules if zone in c.zones), None)
    by_category = next((c.id for c in rules if epci.type in c.epci_types), None)
    return by_zone or by_category or primary_type((), epci.population)


def _majority(values: list[str]) -> str:
    return max(sorted(set(values)), key=values.count, default="")


def _geographic(answer: Iterable[str]) -> list[str]:
    """The cahiers an answer to the geography question names (littoral, montagne); « ne sait pas » names none."""
    asked = _rules()[2]
    return [choice for choice in answer if choice in asked]


_EPCI_FACTS: dict[str, tuple[object, str, str]] = {}


def _epci_facts(lookup: TerritoryLookup, epci: Epci) -> tuple[str, str]:
    """An EPCI's département and zone: those of most of its communes (a few straddle a border). Kept per
    lookup, since an import asks again for every answer of the same EPCI."""
    cached = _EPCI_FACTS.get(epci.siren)
    if cached is not None and cached[0] is lookup:
        return cached[1], cached[2]
    members = [m for m in (lookup.commune(insee) for insee in epci.communes) if m is not None]
    facts = (_majority([m.departement for m in members]), _majority([m.zone for m in members]))
    _EPCI_FACTS[epci.siren] = (lookup, *facts)
    return facts


def place(lookup: TerritoryLookup, kind: str, code: str, geography: Iterable[str] = ()) -> Place | None:
    """The collectivité with this code, or None when the territory data does not know it. ``geography`` is the
    answer to the questionnaire's geography question: the official lists available offline do not say which
    communes are littoral or in the mountains, the élu does."""
    said = _geographic(geography)
    if kind == "commune":
        commune = lookup.commune(code)
        if commune is None:
            return None
        matches = [m.cahier_id for m in lookup.cahiers(code)] + said
        territory_type = primary_type(matches, commune.population or 0)
        return Place(kind, code, commune.name, territory_type, size_class(commune.population), commune.departement,
                     commune.population or 0)
    epci = lookup.epci(code)
    if epci is None:
        return None
    departement, zone = _epci_facts(lookup, epci)
    territory_type = primary_type([_epci_type(epci, zone), *said])
    return Place(kind, code, epci.name, territory_type, size_class(epci.population), departement, epci.population)


def default_territories() -> TerritoryLookup:
    """Every commune and EPCI of the course's territory data (derived once, then read from its cache)."""
    from kaart_course.territories import load_territories

    return load_territories()


def all_codes(lookup) -> tuple[list[str], list[str]]:
    """Every INSEE code of a commune (arrondissements of Paris, Lyon and Marseille left out) and every SIREN
    of an EPCI the lookup holds in its ``communes`` and ``epcis`` mappings, sorted (for the example
    generator)."""
    communes = [code for code, commune in lookup.communes.items() if not getattr(commune, "arrondissement_of", None)]
    return sorted(communes), sorted(lookup.epcis)
