"""The site's search data: every commune in a few columns, as small as gzip allows (see the contract at the
top of kaart_course/territories.py). Per-commune facts that follow from the rules (cahiers and why, council)
are shared « profiles », so the browser reads results and never re-applies a rule."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from kaart_course import territories as api

FORMAT = 1
# Two plain scripts, each assigning one global: the search data, loaded on the reader's first use of the
# finder (budget: 300 KB gzip-compressed), and the facts for the card, loaded once a commune is picked.
SEARCH = ("kaart-communes-data.js", "kaartCommunesData")
FICHES = ("kaart-communes-fiches.js", "kaartCommunesFiches")


@dataclass(frozen=True)
class CompactFile:
    path: Path
    raw_bytes: int
    gzip_bytes: int


def _postal(commune: api.Commune) -> str:
    prefix = commune.insee[:2]
    return " ".join(code[2:] if code[:2] == prefix else code for code in commune.postal_codes)


def ordered(territories: api.Territories) -> list[api.Commune]:
    return sorted(territories.communes.values(), key=lambda c: (c.departement, c.insee))


def encode(territories: api.Territories) -> tuple[dict, dict]:
    """The search data and the card data (see the contract at the top of kaart_course/territories.py)."""
    rules, package = territories.rules, territories.package
    cahier_index = {c.id: i for i, c in enumerate(rules.cahiers)}
    communes = ordered(territories)
    index = {c.insee: i for i, c in enumerate(communes)}
    epcis = sorted(territories.epcis.values(), key=lambda e: min(index[c] for c in e.communes))
    epci_index = {e.siren: i for i, e in enumerate(epcis)}

    departements: list[list] = []
    profiles: dict[str, int] = {}
    profile_column, epci_column = [], []
    for commune in communes:
        if not departements or departements[-1][0] != commune.departement:
            departements.append([commune.departement, commune.departement_name, commune.zone,
                                 commune.region_name, 0])
        departements[-1][4] += 1
        council = territories.council(commune.insee)
        profile = {
            "cahiers": [[cahier_index[m.cahier_id], list(m.codes)] for m in territories.cahiers(commune.insee)],
            "council": council and {"members": council.members, "label": council.label, "note": council.note,
                                    "completeFrom": council.complete_from},
        }
        key = json.dumps(profile, ensure_ascii=False, sort_keys=True)
        profile_column.append(str(profiles.setdefault(key, len(profiles))))
        epci_column.append(str(epci_index[commune.epci]) if commune.epci else "")

    former = [(name, index[c.insee]) for c in communes for name in c.former_names]
    default_year = package.population_years["default"]
    years = {"default": default_year, **{c.departement: c.population_year for c in communes
                                          if c.population_year not in (None, default_year)}}
    source = {"package": package.package, "version": territories.package_version, "vintage": package.vintage,
              "licenceData": package.licence_data, "licenceUrl": package.licence_url}
    search = {
        "format": FORMAT,
        "source": source,
        "search": api._search_rules().as_json(),
        "departements": departements,
        "insee": "|".join(c.insee[len(c.departement):] for c in communes),
        "names": "|".join(c.name for c in communes),
        "postalCodes": "|".join(_postal(c) for c in communes),
        "sizeRanks": "".join(chr(97 + api.size_rank(c.population)) for c in communes),
        "parents": {str(index[c.insee]): index[c.arrondissement_of] for c in communes if c.arrondissement_of},
        "formerNames": "|".join(name for name, _ in former),
        "formerOf": ",".join(str(i) for _, i in former),
    }
    fiches = {
        "format": FORMAT,
        "source": {**source, "population": {"title": package.population_source.title,
                                            "url": package.population_source.url,
                                            "date": package.population_source.date}},
        "populations": ",".join("" if c.population is None else str(c.population) for c in communes),
        "populationYears": years,
        "epci": ",".join(epci_column),
        "epcis": [[e.siren, e.name, e.type, len(e.communes), e.population] for e in epcis],
        "profiles": ",".join(profile_column),
        "profileTable": [json.loads(key) for key in profiles],
        "cahiers": [{"id": c.id, "title": c.title, "page": c.page, "shiftCahier": c.shift_cahier}
                    for c in rules.cahiers],
        "reasons": rules.reasons,
        "epciTypes": rules.epci_types,
        "questions": [{"id": q.id, "cahier": next(c.id for c in rules.cahiers if c.question == q.id),
                       "question": q.question, "explanation": q.explanation, "yesReason": q.yes_reason}
                      for q in rules.questions],
        "councilSource": {"title": territories.council_rules.source.title,
                          "url": territories.council_rules.source.url},
    }
    return search, fiches


def write(territories: api.Territories, out_dir: Path) -> tuple[CompactFile, CompactFile]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for (filename, name), data in zip((SEARCH, FICHES), encode(territories)):
        text = (f"/* Communes de France pour le cours KAART, dérivées de {territories.package.package} "
                f"{territories.package_version} ({territories.package.licence_data}) par "
                f"kaart_course/territories.py. */\n"
                f"globalThis.{name} = {json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n")
        raw = text.encode("utf-8")
        path = out_dir / filename
        path.write_bytes(raw)
        written.append(CompactFile(path, len(raw), len(gzip.compress(raw, compresslevel=9, mtime=0))))
    return tuple(written)
