"""Measure the territory data (not a test): the derivation time from the npm package, without and with the
cache, and the size of the site files, raw and gzip-compressed. Run: .venv/bin/python scripts/bench_territories.py"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from kaart_course.territories import derive, load_territories, write_compact

SEARCH_BUDGET = 300_000


def _timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    derived, territories = _timed(derive, 3)
    with tempfile.TemporaryDirectory() as cache:
        load_territories(cache_dir=Path(cache))
        cached, _ = _timed(lambda: load_territories(cache_dir=Path(cache)), 5)
    print(f"Dérivation depuis le paquet : {derived:.2f} s (médiane de 3) ; depuis le cache : {cached:.2f} s.")
    with tempfile.TemporaryDirectory() as out:
        written = write_compact(territories, Path(out))
    for item in written:
        print(f"{item.path.name} : {item.raw_bytes / 1000:.0f} ko, {item.gzip_bytes / 1000:.0f} ko en gzip")
    search = written[0]
    verdict = "dans le" if search.gzip_bytes <= SEARCH_BUDGET else "HORS du"
    print(f"Données de recherche : {search.gzip_bytes / 1000:.0f} ko en gzip, {verdict} budget de "
          f"{SEARCH_BUDGET // 1000} ko.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
