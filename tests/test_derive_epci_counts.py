"""The derivation of data/figures/epci-par-type.csv from Etalab's package (scripts/derive_epci_counts.py)."""

from __future__ import annotations

import importlib.util

from kaart_course.paths import REPO_ROOT

_spec = importlib.util.spec_from_file_location("derive_epci_counts", REPO_ROOT / "scripts" / "derive_epci_counts.py")
derive_epci_counts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(derive_epci_counts)


def _epci(kind: str, populations: list[int]) -> dict:
    return {"type": kind, "populationMunicipale": sum(populations),
            "membres": [{"populationMunicipale": p} for p in populations]}


def test_lyon_counts_with_the_metropoles_and_totals_add_up() -> None:
    rows = derive_epci_counts.derive([_epci("METRO", [100, 50]), _epci("MET69", [70]), _epci("CC", [5, 5, 5]),
                                      _epci("CA", [30]), _epci("CU", [20, 20])])
    by_type = {row["type"]: row for row in rows}
    assert [row["type"] for row in rows] == ["METRO", "CU", "CA", "CC"]
    assert by_type["METRO"] == {"type": "METRO", "libelle": "Métropoles", "epci": 2, "communes": 3,
                                "population_municipale": 220}
    assert by_type["CC"]["communes"] == 3 and by_type["CC"]["population_municipale"] == 15
