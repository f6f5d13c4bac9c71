"""The survey's view of a collectivité (kaart_course.survey.territory): the cahiers of data/territoires/cahiers.yml,
one type per collectivité, size classes, and the course's real territory data behind the importer."""

from __future__ import annotations

import pytest

from kaart_course.survey import territory
from kaart_course.territories import cahier_rules, load_territories

CAHIER_IDS = ["grandes-villes", "villes-moyennes", "petites-villes", "littoral", "montagne", "outre-mer"]


def test_the_cahiers_are_those_of_the_territory_rules():
    assert [cahier_id for cahier_id, _ in territory.cahiers()] == CAHIER_IDS  # the ids of contract 1
    assert territory.cahiers() == tuple((c.id, c.title) for c in cahier_rules().cahiers)
    assert territory.cahier_title("villes-moyennes") == "Villes moyennes et communautés d'agglomération"


@pytest.mark.parametrize(("matches", "population", "expected"), [
    (["grandes-villes", "outre-mer"], 150_000, "outre-mer"),        # geography before size
    (["montagne", "littoral", "petites-villes"], 3_000, "littoral"),  # geography in the order of cahiers.yml
    (["littoral", "outre-mer", "villes-moyennes"], 30_000, "outre-mer"),  # the official data before the answers
    (["petites-villes", "villes-moyennes"], 25_000, "villes-moyennes"),  # the largest size cahier
    ([], 25_000, "villes-moyennes"),                                  # no match: the population decides
    ([], 400, "petites-villes"),
    (["inconnu"], 150_000, "grandes-villes"),
])
def test_one_type_per_collectivite(matches, population, expected):
    assert territory.primary_type(matches, population) == expected


@pytest.mark.parametrize(("population", "label"), [(0, "moins de 2 000 habitants"), (1_999, "moins de 2 000 habitants"),
                                                   (2_000, "de 2 000 à 9 999 habitants"), (None, "moins de 2 000 habitants"),
                                                   (250_000, "200 000 habitants ou plus")])
def test_size_classes(population, label):
    assert territory.size_class(population) == label


@pytest.fixture(scope="module")
def territories():
    return load_territories()


@pytest.mark.parametrize(("kind", "code", "name", "expected_type", "departement"), [
    ("commune", "35238", "Rennes", "grandes-villes", "35"),
    ("commune", "97411", "Saint-Denis", "outre-mer", "974"),
    ("commune", "05023", "Briançon", "petites-villes", "05"),
    ("epci", "249740119", "CA Intercommunale du Nord de la Réunion (CINOR)", "outre-mer", "974"),
    ("epci", "242010056", "CA du Pays Ajaccien", "villes-moyennes", "2A"),
    ("epci", "200000172", "CC Faucigny - Glières", "petites-villes", "74"),
])
def test_real_collectivites_get_their_type_and_departement(territories, kind, code, name, expected_type, departement):
    found = territory.place(territories, kind, code)
    assert (found.name, found.territory_type, found.departement) == (name, expected_type, departement)
    assert found.size == territory.size_class(found.population) and found.population > 0


@pytest.mark.parametrize(("kind", "code", "said", "expected_type"), [
    ("commune", "05023", ["montagne"], "montagne"),
    ("commune", "29019", ["littoral"], "littoral"),
    ("commune", "35238", ["nsp"], "grandes-villes"),
    ("commune", "97411", ["littoral", "montagne"], "outre-mer"),
    ("epci", "200000172", ["montagne"], "montagne"),
    ("epci", "249740119", ["littoral"], "outre-mer"),
])
def test_the_elus_answer_gives_littoral_and_montagne(territories, kind, code, said, expected_type):
    """No offline list says which communes are littoral or in the mountains: the geography answer does."""
    assert territory.place(territories, kind, code, said).territory_type == expected_type


def test_unknown_codes_are_none(territories):
    assert territory.place(territories, "commune", "99999") is None
    assert territory.place(territories, "epci", "000000000") is None


def test_example_codes_leave_out_municipal_arrondissements(territories):
    communes, epcis = territory.all_codes(territories)
    assert "75056" in communes and "75101" not in communes and "13201" not in communes
    assert len(epcis) == len(territories.epcis) and communes == sorted(communes)
