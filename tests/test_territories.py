"""Communes, intercommunalities, cahiers and council sizes (kaart_course.territories), on the real package
installed by `npm ci` and on small broken inputs."""

from __future__ import annotations

import gzip
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from kaart_course import _territories_compact, _territories_data
from kaart_course._data import DataError
from kaart_course.cli import run
from kaart_course.territories import (
    PACKAGE_DIR, council_size, derive, load_territories, normalise_name, size_rank, write_compact,
)

FIXTURES = Path(__file__).parent / "fixtures" / "territoires"
DATA_DIR = PACKAGE_DIR / "data"

pytestmark = pytest.mark.skipif(not (DATA_DIR / "communes.json").is_file(),
                                reason="paquet @etalab/decoupage-administratif absent : lancez « npm ci »")


@pytest.fixture(scope="module")
def territories():
    return load_territories()


@pytest.fixture(scope="module")
def package_entries():
    return {name: json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
            for name in ("communes", "epci")}


# --- counts against the package -------------------------------------------------------------------------


def test_every_entry_of_the_package_is_kept_or_set_aside(territories, package_entries):
    read = Counter(entry["type"] for entry in package_entries["communes"])
    assert read == {"commune-actuelle": 34969, "commune-deleguee": 2105, "commune-associee": 471,
                    "arrondissement-municipal": 45}
    counts, set_aside = territories.counts, territories.set_aside
    assert counts["package_entries"] == len(package_entries["communes"]) == 37590
    assert counts["communes"] + sum(n for reason, n in set_aside.items() if "Terres australes" in reason
                                    or "Clipperton" in reason) == read["commune-actuelle"]
    assert counts["arrondissements"] == read["arrondissement-municipal"]
    former_set_aside = sum(n for reason, n in set_aside.items() if "même nom" in reason)
    assert counts["former_names"] + former_set_aside == read["commune-deleguee"] + read["commune-associee"]
    assert len(territories.communes) == counts["communes"] + counts["arrondissements"]


def test_zones_and_set_aside_territories(territories):
    assert territories.counts["zone:metropole"] == 34746
    assert territories.counts["zone:drom"] == 129
    assert territories.counts["zone:com"] == 88        # 94 in the package, less the TAAF (5) and Clipperton
    assert territories.commune("98412") is None        # Archipel des Kerguelen
    assert territories.commune("98901") is None        # Île de Clipperton
    for code in ("97502", "97701", "97801", "98735", "98818", "98613"):
        assert territories.commune(code).zone == "com"


def test_epci_counts_per_type_and_members(territories, package_entries):
    assert len(territories.epcis) == len(package_entries["epci"]) == 1255
    types = Counter(e.type for e in territories.epcis.values())
    assert types == {"CC": 989, "CA": 230, "METRO": 21, "CU": 14, "MET69": 1}
    members = sum(len(e.communes) for e in territories.epcis.values())
    assert members == sum(len(e["membres"]) for e in package_entries["epci"]) == 34871
    outside = sorted(c.name for c in territories.communes.values()
                     if not c.epci and c.zone != "com" and not c.arrondissement_of)
    assert sorted(outside) == sorted(["Île-de-Bréhat", "Île-de-Sein", "L'Île-d'Yeu", "Ouessant"])


def _fake_package(tmp_path: Path, communes: list, epci: list, version: str = "6.0.0") -> Path:
    data = tmp_path / "paquet" / "data"
    data.mkdir(parents=True)
    (data.parent / "package.json").write_text(json.dumps({"version": version}))
    shutil.copy(DATA_DIR / "departements.json", data)
    shutil.copy(DATA_DIR / "regions.json", data)
    (data / "communes.json").write_text(json.dumps(communes))
    (data / "epci.json").write_text(json.dumps(epci))
    return data


def _commune(code: str, name: str, kind: str = "commune-actuelle", **extra) -> dict:
    return {"code": code, "nom": name, "type": kind, "departement": code[:2], "region": "93", "zone": "metro",
            "population": 1000, "codesPostaux": ["05100"], **extra}


def test_a_small_package_derives(tmp_path):
    data = _fake_package(tmp_path, [_commune("05023", "Briançon"), _commune("05001", "Abriès")],
                         [{"code": "240500439", "nom": "CC du Briançonnais", "type": "CC",
                           "membres": [{"code": "05023"}, {"code": "05001"}]}])
    small = derive(data)
    assert small.counts["communes"] == 2 and small.epci_of("05023").name == "CC du Briançonnais"


@pytest.mark.parametrize(("communes", "epci", "message"), [
    ([_commune("05023", "Briançon", kind="commune-fantome")], [], "communes.json:1: 05023: type: type d'entrée inconnu"),
    ([_commune("05023", "Briançon"), _commune("05023", "Briançon")], [], "05023: code: code INSEE en double"),
    ([_commune("05023", "Briançon")], [{"code": "1", "nom": "CC", "type": "CC", "membres": [{"code": "05999"}]}],
     "epci.json:1: 1: membres: commune 05999 absente de communes.json"),
    ([_commune("05023", "Briançon")], [{"code": "1", "nom": "A", "type": "CC", "membres": [{"code": "05023"}]},
                                       {"code": "2", "nom": "B", "type": "CA", "membres": [{"code": "05023"}]}],
     "2: membres: commune 05023 déjà membre de 1"),
    ([_commune("05023", "Briançon"), _commune("05999", "Ailleurs", kind="commune-deleguee", chefLieu="05998")], [],
     "05999: chefLieu: commune '05998' introuvable"),
])
def test_broken_package_data_is_refused_with_file_and_entry(tmp_path, communes, epci, message):
    with pytest.raises(DataError) as error:
        derive(_fake_package(tmp_path, communes, epci))
    assert message in str(error.value)


def test_another_package_version_is_refused(tmp_path):
    with pytest.raises(DataError, match="7.0.0 installée, 6.0.0 décrite"):
        derive(_fake_package(tmp_path, [_commune("05023", "Briançon")], [], version="7.0.0"))


# --- facts the finder relies on ------------------------------------------------------------------------


@pytest.mark.parametrize(("insee", "name", "departement", "year"), [
    ("97105", "Basse-Terre", "Guadeloupe", 2023),
    ("97209", "Fort-de-France", "Martinique", 2023),
    ("97302", "Cayenne", "Guyane", 2023),
    ("97411", "Saint-Denis", "La Réunion", 2023),
    ("97611", "Mamoudzou", "Mayotte", 2017),
])
def test_a_commune_in_each_drom(territories, insee, name, departement, year):
    commune = territories.commune(insee)
    assert (commune.name, commune.departement_name, commune.zone) == (name, departement, "drom")
    assert commune.population_year == year and commune.population > 0
    assert "outre-mer" in [m.cahier_id for m in territories.cahiers(insee)]
    assert territories.council(insee).members == council_size(commune.population)


@pytest.mark.parametrize(("insee", "name", "arrondissements", "members", "label"), [
    ("75056", "Paris", 20, 163, "conseil de Paris"),
    ("69123", "Lyon", 9, 73, "conseil municipal de Lyon"),
    ("13055", "Marseille", 16, 101, "conseil municipal de Marseille"),
])
def test_paris_lyon_marseille_and_their_arrondissements(territories, insee, name, arrondissements, members, label):
    city = territories.commune(insee)
    parts = [c for c in territories.communes.values() if c.arrondissement_of == insee]
    assert city.name == name and len(parts) == arrondissements
    assert sum(p.population for p in parts) == city.population
    assert (territories.council(insee).members, territories.council(insee).label) == (members, label)
    first = sorted(parts, key=lambda c: c.insee)[0]
    assert territories.council(first.insee).members == members and territories.council(first.insee).note
    assert territories.epci_of(first.insee) == territories.epci_of(insee)
    assert [m.cahier_id for m in territories.cahiers(first.insee)] == ["grandes-villes"]
    assert territories.cahiers(first.insee)[0].codes[0] == "arrondissement"


def test_homonyms_saint_martin(territories):
    homonyms = [c for c in territories.communes.values() if c.name == "Saint-Martin"]
    assert sorted(c.departement for c in homonyms) == ["32", "54", "65", "67", "978"]
    found = territories.search("saint martin", limit=5)
    assert {c.insee for c in found} == {c.insee for c in homonyms}
    assert found[0].insee == "97801"                   # the largest first


@pytest.mark.parametrize(("query", "first"), [
    ("saint etienne", "42218"), ("St-Étienne", "42218"), ("ST ETIENNE", "42218"), ("Saint-Étienne", "42218"),
    ("le havre", "76351"), ("havre", "76351"), ("briancon", "05023"), ("05023", "05023"),
    ("maen roch", "35257"), ("saint etienne en cogles", "35257"),   # a commune déléguée finds its commune
    ("paris 1er", "75101"), ("marseille 13", "13213"), ("97411", "97411"),
])
def test_search_reference(territories, query, first):
    assert territories.search(query)[0].insee == first


def test_search_by_postal_code_lists_every_commune_sharing_it(territories):
    found = {c.insee for c in territories.search("05100", limit=50)}
    sharing = {c.insee for c in territories.communes.values() if "05100" in c.postal_codes}
    assert len(sharing) > 5 and sharing <= found
    assert territories.search("05100")[0].insee == "05100"      # the INSEE code 05100 (Pelleautier) first


def test_search_finds_nothing_for_a_name_that_does_not_exist(territories):
    assert territories.search("Xyzzyville") == [] and territories.search("la") == []


@pytest.mark.parametrize(("text", "expected"), _territories_data.read_search_rules()[0].cases)
def test_normalisation_cases_shared_with_the_browser(text, expected):
    assert normalise_name(text) == expected


# --- the cahier rule --------------------------------------------------------------------------------------


def test_briancon_mountain_small_town(territories):
    commune = territories.commune("05023")
    assert (commune.name, commune.population_year, territories.epci_of("05023").type) == ("Briançon", 2023, "CC")
    matches = territories.cahiers("05023")
    assert [(m.cahier_id, m.codes) for m in matches] == [("petites-villes", ("epci-CC", "population-petites-villes"))]
    assert [q.id for q in territories.questions] == ["littoral", "montagne"]
    with_answer = territories.cahiers("05023", answers={"montagne": True, "littoral": False})
    assert [m.cahier_id for m in with_answer] == ["petites-villes", "montagne"]
    assert with_answer[1].reasons == ("commune en zone de montagne, d'après votre réponse",)


@pytest.mark.parametrize(("insee", "expected"), [
    ("05023", {"petites-villes": ("epci-CC", "population-petites-villes")}),              # Briançon
    ("12145", {"petites-villes": ("epci-CC",), "villes-moyennes": ("population-villes-moyennes",)}),  # Millau
    ("06009", {"grandes-villes": ("epci-METRO",)}),                                         # Bairols, 105 hab.
    ("14327", {"grandes-villes": ("epci-CU",)}),                                            # Hérouville-Saint-Clair
    ("30189", {"villes-moyennes": ("epci-CA",), "grandes-villes": ("population-grandes-villes",)}),  # Nîmes
    ("69123", {"grandes-villes": ("epci-MET69", "population-grandes-villes")}),             # Lyon
    ("22016", {"petites-villes": ("no-epci", "population-petites-villes")}),                # Île-de-Bréhat
    ("97105", {"villes-moyennes": ("epci-CA",), "outre-mer": ("zone-drom",)}),              # Basse-Terre
    ("97411", {"grandes-villes": ("population-grandes-villes",), "villes-moyennes": ("epci-CA",),
               "outre-mer": ("zone-drom",)}),                                                # Saint-Denis (974)
    ("98735", {"villes-moyennes": ("no-epci", "population-villes-moyennes"), "outre-mer": ("zone-com",)}),  # Papeete
    ("97502", {"petites-villes": ("no-epci", "population-petites-villes"), "outre-mer": ("zone-com",)}),
])
def test_cahier_rule_table(territories, insee, expected):
    matches = territories.cahiers(insee)
    assert {m.cahier_id: m.codes for m in matches} == expected
    order = [c.id for c in territories.rules.cahiers]
    assert [m.cahier_id for m in matches] == sorted(expected, key=order.index)
    for match in matches:
        assert match.reasons == tuple(territories.rules.reasons[code] for code in match.codes)


def test_every_commune_gets_one_size_cahier_at_least(territories):
    sizes = {"grandes-villes", "villes-moyennes", "petites-villes"}
    for insee in territories.communes:
        assert sizes & {m.cahier_id for m in territories.cahiers(insee)}, insee


# --- council sizes ----------------------------------------------------------------------------------------

# Article L2121-2 of the CGCT, typed from the law (not read from data/): (first population, members).
LAW = [(0, 7), (100, 11), (500, 15), (1500, 19), (2500, 23), (3500, 27), (5000, 29), (10000, 33), (20000, 35),
       (30000, 39), (40000, 43), (50000, 45), (60000, 49), (80000, 53), (100000, 55), (150000, 59), (200000, 61),
       (250000, 65), (300000, 69)]


@pytest.mark.parametrize(("threshold", "below", "members"),
                         [(start, LAW[i - 1][1] if i else None, members) for i, (start, members) in enumerate(LAW)])
def test_council_size_at_every_threshold(threshold, below, members):
    assert council_size(threshold) == members
    assert council_size(threshold + 1) == members
    if below is not None:
        assert council_size(threshold - 1) == below


def test_council_size_far_above_and_refused_below_zero():
    assert council_size(2_103_778) == 69
    with pytest.raises(ValueError):
        council_size(-1)


@pytest.mark.parametrize(("population", "complete"), [(0, 5), (99, 5), (100, 9), (499, 9), (500, 13), (999, 13),
                                                      (1000, None)])
def test_small_councils_reputed_complete(territories, population, complete):
    from kaart_course.territories import _complete_from

    assert _complete_from(population, territories.council_rules) == complete


def test_overseas_collectivities_show_no_number(territories):
    council = territories.council("98735")
    assert council.members is None and "règles propres" in council.note


# --- data files, CLI --------------------------------------------------------------------------------------


def test_data_files_are_valid(capsys):
    assert run(["territoires", "check"]) == 0
    assert "Territoires : tout est valide." in capsys.readouterr().out


@pytest.mark.parametrize(("fixture", "expected"), [
    ("seuils/cahiers.yml", [
        "8: grandes-villes: epci_types: catégorie inconnue 'XX'",
        "16: villes-moyennes: population_max: les tranches de population doivent se suivre",
        "23: petites-villes: couleur: champ inconnu",
        "28: montagne: question: question 'altitude' absente de « questions »",
        "35: reasons: epci-CC: texte absent (nécessaire à la règle)",
    ]),
    ("conseil/conseillers-municipaux.yml", [
        "9: brackets ligne 3: from: les tranches doivent croître",
        "10: brackets ligne 4: members: attendu un nombre entier",
        "19: 7505: insee: code INSEE de cinq caractères attendu",
    ]),
    ("paquet/paquet.yml", [
        "7: paquet: licence_url: adresse http(s) attendue",
        "9: population_years: default: année par défaut absente",
    ]),
    ("syntaxe/cahiers.yml", ["5: yaml: YAML invalide"]),
])
def test_broken_files_are_reported_file_line_item_field(capsys, fixture, expected):
    path = FIXTURES / fixture
    assert run(["territoires", "check", str(path)]) == 1
    err = capsys.readouterr().err
    for line in expected:
        assert f"{path}:{line}" in err


def test_an_unknown_file_name_is_a_problem(capsys, tmp_path):
    stray = tmp_path / "autre.yml"
    stray.write_text("a: 1\n")
    assert run(["territoires", "check", str(stray)]) == 1
    assert f"{stray}:1: fichier: fichier inconnu" in capsys.readouterr().err


# --- the site files ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_files(territories, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    written = write_compact(territories, out)
    decoded = []
    for item in written:
        text = item.path.read_text(encoding="utf-8")
        decoded.append(json.loads(text[text.index("= ") + 2:text.rindex(";")]))
    return written, decoded


def test_search_file_within_budget(site_files):
    (search, fiches), _ = site_files
    assert search.path.name == "kaart-communes-data.js" and fiches.path.name == "kaart-communes-fiches.js"
    assert search.gzip_bytes <= 300_000
    assert search.gzip_bytes == len(gzip.compress(search.path.read_bytes(), compresslevel=9, mtime=0))
    assert search.path.read_text(encoding="utf-8").splitlines()[1].startswith("globalThis.kaartCommunesData = {")


def test_site_files_decode_to_the_same_communes(territories, site_files):
    _, (search, fiches) = site_files
    codes = []
    suffixes = iter(search["insee"].split("|"))
    for code, _name, _zone, _region, count in search["departements"]:
        codes += [code + next(suffixes) for _ in range(count)]
    communes = _territories_compact.ordered(territories)
    assert codes == [c.insee for c in communes]
    names = search["names"].split("|")
    postal = search["postalCodes"].split("|")
    populations = fiches["populations"].split(",")
    profiles = fiches["profiles"].split(",")
    epci = fiches["epci"].split(",")
    for i in (codes.index("05023"), codes.index("75101"), codes.index("97611")):
        commune = communes[i]
        assert names[i] == commune.name and int(populations[i]) == commune.population
        assert [p if len(p) == 5 else commune.insee[:2] + p for p in postal[i].split()] == list(commune.postal_codes)
        assert ord(search["sizeRanks"][i]) - 97 == size_rank(commune.population)
        profile = fiches["profileTable"][int(profiles[i])]
        assert [(fiches["cahiers"][c]["id"], tuple(codes_)) for c, codes_ in profile["cahiers"]] == [
            (m.cahier_id, m.codes) for m in territories.cahiers(commune.insee)]
        assert profile["council"]["members"] == territories.council(commune.insee).members
        assert fiches["epcis"][int(epci[i])][0] == territories.epci_of(commune.insee).siren
    assert search["parents"][str(codes.index("75101"))] == codes.index("75056")
    former = search["formerNames"].split("|")
    assert codes[int(search["formerOf"].split(",")[former.index("Saint-Étienne-en-Coglès")])] == "35257"
    assert fiches["populationYears"] == {"default": 2023, "976": 2017, "987": 2022, "988": 2025}


def test_load_territories_uses_its_cache(tmp_path):
    first = load_territories(cache_dir=tmp_path)
    cached = list(tmp_path.glob("territoires-*.pickle"))
    assert len(cached) == 1
    again = load_territories(cache_dir=tmp_path)
    assert again.commune("05023") == first.commune("05023") and again.counts == first.counts
