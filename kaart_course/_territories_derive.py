"""From the package's JSON to :class:`kaart_course.territories.Territories`, with count checks: every entry of
``communes.json`` is kept (commune, arrondissement municipal, former name of a commune) or set aside with its
reason, and any mismatch, duplicate or unknown reference raises a DataError naming the file and the entry."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kaart_course import territories as api
from kaart_course._data import DataError, Problem
from kaart_course._territories_data import EPCI_TYPES, CahierRules, CouncilRules, PackageInfo

ZONES = {"metro": "metropole", "drom": "drom", "com": "com"}
KNOWN_TYPES = ("commune-actuelle", "arrondissement-municipal", "commune-deleguee", "commune-associee")
FORMER_SAME_NAME = "commune déléguée du même nom que sa commune (trouvée par ce nom)"


def derive(raw: dict, data_dir: Path, version: str, package: PackageInfo, rules: CahierRules,
           council: CouncilRules, normalise) -> api.Territories:
    communes_path, epci_path = data_dir / "communes.json", data_dir / "epci.json"
    problems: list[Problem] = []

    def problem(path: Path, item: str, field: str, message: str) -> None:
        problems.append(Problem(path, 1, item, field, message))

    regions = {r["code"]: r["nom"] for r in raw["regions"]}
    departements = {d["code"]: d for d in raw["departements"]}
    read = Counter(entry.get("type", "?") for entry in raw["communes"])
    kept: Counter = Counter()
    set_aside: Counter = Counter()
    communes: dict[str, api.Commune] = {}
    former: list[dict] = []

    for entry in raw["communes"]:
        kind, code = entry.get("type"), entry.get("code", "?")
        if kind not in KNOWN_TYPES:
            problem(communes_path, code, "type", f"type d'entrée inconnu {kind!r} : à décrire avant usage")
            continue
        if kind in ("commune-deleguee", "commune-associee"):
            former.append(entry)
            continue
        if entry["departement"] in package.set_aside:
            set_aside[package.set_aside[entry["departement"]]] += 1
            kept[kind + ":set-aside"] += 1
            continue
        departement = departements.get(entry["departement"])
        if departement is None or entry.get("zone") not in ZONES or entry["region"] not in regions:
            problem(communes_path, code, "departement", "département, région ou zone inconnus")
            continue
        if code in communes:
            problem(communes_path, code, "code", "code INSEE en double")
            continue
        communes[code] = api.Commune(
            insee=code, name=entry["nom"], population=entry.get("population"),
            population_year=package.population_year(entry["departement"]) if "population" in entry else None,
            departement=entry["departement"], departement_name=departement["nom"], region=entry["region"],
            region_name=regions[entry["region"]], zone=ZONES[entry["zone"]], epci=None,
            postal_codes=tuple(entry.get("codesPostaux", ())), arrondissement_of=entry.get("commune"))
        kept[kind] += 1

    names: dict[str, list[str]] = {}
    for entry in former:
        owner = communes.get(entry.get("chefLieu", ""))
        if owner is None:
            problem(communes_path, entry["code"], "chefLieu", f"commune {entry.get('chefLieu')!r} introuvable")
        elif entry["nom"] == owner.name or entry["nom"] in names.get(owner.insee, ()):
            set_aside[FORMER_SAME_NAME] += 1
            kept[entry["type"] + ":set-aside"] += 1
        else:
            names.setdefault(owner.insee, []).append(entry["nom"])
            kept[entry["type"]] += 1
    for insee, former_names in names.items():
        communes[insee] = _replace(communes[insee], former_names=tuple(former_names))
    for insee, commune in communes.items():
        if commune.arrondissement_of and commune.arrondissement_of not in communes:
            problem(communes_path, insee, "commune", f"commune {commune.arrondissement_of!r} introuvable")

    epcis: dict[str, api.Epci] = {}
    for entry in raw["epci"]:
        siren = entry.get("code", "?")
        if entry.get("type") not in EPCI_TYPES:
            problem(epci_path, siren, "type", f"catégorie inconnue {entry.get('type')!r}")
            continue
        members = tuple(sorted(m["code"] for m in entry["membres"]))
        for code in members:
            if code not in communes:
                problem(epci_path, siren, "membres", f"commune {code} absente de communes.json")
            elif communes[code].epci:
                problem(epci_path, siren, "membres", f"commune {code} déjà membre de {communes[code].epci}")
            else:
                communes[code] = _replace(communes[code], epci=siren)
        if siren in epcis:
            problem(epci_path, siren, "code", "SIREN en double")
        epcis[siren] = api.Epci(siren, entry["nom"], entry["type"], rules.epci_types[entry["type"]], members,
                                sum(communes[c].population or 0 for c in members if c in communes))

    for insee, commune in communes.items():
        if commune.arrondissement_of in communes:
            communes[insee] = _replace(commune, epci=communes[commune.arrondissement_of].epci)

    for kind, total in read.items():
        accounted = kept[kind] + kept[kind + ":set-aside"]
        if kind in KNOWN_TYPES and accounted != total:
            problem(communes_path, kind, "comptes", f"{total} entrées lues, {accounted} gardées ou écartées")
    if problems:
        raise DataError(problems)

    actual = [c for c in communes.values() if not c.arrondissement_of]
    counts = {
        "package_entries": sum(read.values()), "communes": len(actual),
        "arrondissements": kept["arrondissement-municipal"],
        "former_names": kept["commune-deleguee"] + kept["commune-associee"],
        "epci": len(epcis), "without_epci": sum(1 for c in actual if not c.epci),
        **{f"read:{kind}": n for kind, n in read.items()},
        **{f"epci:{kind}": sum(1 for e in epcis.values() if e.type == kind) for kind in EPCI_TYPES},
        **{f"zone:{zone}": sum(1 for c in actual if c.zone == zone) for zone in ZONES.values()},
    }
    territories = api.Territories(communes, epcis, counts, dict(set_aside), version, rules, council, package)
    for insee, commune in sorted(communes.items(), key=lambda item: bool(item[1].arrondissement_of)):
        territories._matches[insee] = _matches(commune, territories, rules)
        territories._keys[insee] = tuple(dict.fromkeys(normalise(n) for n in (commune.name, *commune.former_names)))
    return territories


def _replace(commune: api.Commune, **changes) -> api.Commune:
    from dataclasses import replace

    return replace(commune, **changes)


def _matches(commune: api.Commune, territories: api.Territories, rules: CahierRules) -> tuple[api.CahierMatch, ...]:
    """The rule of data/territoires/cahiers.yml (see its header), without the questions."""
    if commune.arrondissement_of:
        parent = territories._matches[commune.arrondissement_of]
        return tuple(api.CahierMatch(m.cahier_id, (rules.reasons["arrondissement"], *m.reasons),
                                     ("arrondissement", *m.codes)) for m in parent)
    codes: dict[str, list[str]] = {}
    sizes = [c for c in rules.cahiers if c.is_size]
    epci = territories.epci(commune.epci) if commune.epci else None
    by_epci = next(c for c in sizes if epci.type in c.epci_types) if epci else None
    if by_epci:
        codes.setdefault(by_epci.id, []).append(f"epci-{epci.type}")
    by_size = None
    if commune.population is not None:
        by_size = next(c for c in sizes if c.fits_population(commune.population))
    if by_size and (by_epci is None or sizes.index(by_size) <= sizes.index(by_epci)):
        if by_epci is None:
            codes.setdefault(by_size.id, []).append("no-epci")
        codes.setdefault(by_size.id, []).append(f"population-{by_size.id}")
    for cahier in rules.cahiers:
        if commune.zone in cahier.zones:
            codes.setdefault(cahier.id, []).append(f"zone-{commune.zone}")
    order = [c.id for c in rules.cahiers]
    return tuple(api.CahierMatch(cid, tuple(rules.reasons[c] for c in codes[cid]), tuple(codes[cid]))
                 for cid in sorted(codes, key=order.index))
