"""Derive data/figures/epci-par-type.csv from the npm package @etalab/decoupage-administratif.

The package (data from INSEE and the DGCL, Licence Ouverte) is too large to commit; this script keeps only
the counts the course shows. Run it after installing the package in a temporary directory:

    npm install --prefix /tmp/etalab @etalab/decoupage-administratif@6.0.0
    python scripts/derive_epci_counts.py /tmp/etalab/node_modules/@etalab/decoupage-administratif/data
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TARGET = REPO_ROOT / "data" / "figures" / "epci-par-type.csv"

# Package type -> (course row, French label). The Métropole de Lyon (MET69) is a collectivité à statut
# particulier, not an EPCI: it is counted with the métropoles, as the DGCL does in its tables.
CATEGORIES = {
    "METRO": ("METRO", "Métropoles"),
    "MET69": ("METRO", "Métropoles"),
    "CU": ("CU", "Communautés urbaines"),
    "CA": ("CA", "Communautés d'agglomération"),
    "CC": ("CC", "Communautés de communes"),
}
ORDER = ["METRO", "CU", "CA", "CC"]


def derive(epci: list[dict]) -> list[dict]:
    totals = {key: {"epci": 0, "communes": 0, "population_municipale": 0} for key in ORDER}
    for item in epci:
        key, _ = CATEGORIES[item["type"]]
        totals[key]["epci"] += 1
        totals[key]["communes"] += len(item["membres"])
        totals[key]["population_municipale"] += int(item["populationMunicipale"])
    labels = {key: label for key, label in CATEGORIES.values()}
    return [{"type": key, "libelle": labels[key], **totals[key]} for key in ORDER]


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="the package's data/ folder (with epci.json)")
    args = parser.parse_args(argv)
    rows = derive(json.loads((args.data_dir / "epci.json").read_text(encoding="utf-8")))
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# Derived by scripts/derive_epci_counts.py from @etalab/decoupage-administratif 6.0.0.\n")
        handle.write("# epci: number of intercommunalités (Métropole de Lyon counted with the métropoles);\n")
        handle.write("# communes: member communes; population_municipale: sum of the members' populations.\n")
        writer = csv.DictWriter(handle, fieldnames=["type", "libelle", "epci", "communes",
                                                    "population_municipale"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{TARGET.relative_to(REPO_ROOT)} : {sum(r['epci'] for r in rows)} intercommunalités.")
    return 0


if __name__ == "__main__":
    sys.exit(run())
