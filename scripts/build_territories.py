"""Build the site's commune data (kaart-communes-data.js, kaart-communes-fiches.js) from the npm package
@etalab/decoupage-administratif installed by `npm ci`, into _build/territoires/site/ by default (`make territoires`;
the book serves that folder beside the finder's script).
Prints what the derivation kept and set aside, and each file's size raw and gzip-compressed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kaart_course._data import DataError
from kaart_course.territories import SITE_DIR, _cache_key, PACKAGE_DIR, load_territories, write_compact


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, nargs="?", default=SITE_DIR)
    args = parser.parse_args(argv)
    try:
        territories = load_territories()
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    print("\n".join(territories.report()))
    for written in write_compact(territories, args.out_dir):
        print(f"{written.path} : {written.raw_bytes / 1000:.0f} ko, {written.gzip_bytes / 1000:.0f} ko compressé (gzip)")
    if args.out_dir == SITE_DIR:
        (SITE_DIR / ".cle").write_text(_cache_key(PACKAGE_DIR / "data"))
    return 0


if __name__ == "__main__":
    sys.exit(run())
