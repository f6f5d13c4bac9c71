"""Benchmark of the survey's import and synthesis (not a test): 35,000 answers in 20 files, then the report.

    make bench            # or: .venv/bin/python scripts/bench_survey.py [--n 35000] [--files 20]

The files are fictitious answers from the seeded generator on the official list of communes, written in the
shapes answers really arrive in (site CSV, Windows-1252 with semicolons, UTF-8 with BOM, KoboToolbox-style,
JSON), with one duplicate and one unknown code per file. Prints the seconds of each step and the peak memory
of the process, against the targets: 10 s and 1 GB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from kaart_course.survey import example, importer, report, store, synthesis, territory
from kaart_course.survey.questionnaire import load_questionnaire

TARGET_SECONDS = 10.0
TARGET_BYTES = 1024 ** 3


def _write(path: Path, header: list[str], rows: list[list[str]], shape: int, groups: dict[str, str]) -> Path:
    if shape == 4:
        answers = [{"uuid": r[0], "submitted": r[1], "started": r[2], "ended": r[3], "fictif": True,
                    "values": {h: v for h, v in zip(header[5:], r[5:]) if v}} for r in rows]
        path = path.with_suffix(".json")
        path.write_text(json.dumps({"format": "kaart-enquete", "version": 1, "answers": answers}), encoding="utf-8")
        return path
    delimiter, encoding, newline, bom = [(",", "utf-8", "\n", ""), (";", "cp1252", "\r\n", ""),
                                         (";", "utf-8", "\r\n", "\ufeff"), (",", "utf-8", "\n", "")][shape]
    names = header if shape != 3 else [f"{groups[h]}/{h}" if h in groups else h for h in header]
    lines = [delimiter.join(names)]
    for row in rows:
        lines.append(delimiter.join('"' + v.replace('"', '""') + '"' if delimiter in v or '"' in v else v
                                    for v in row))
    path.write_bytes((bom + newline.join(lines) + newline).encode(encoding, errors="replace"))
    return path


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=35_000)
    parser.add_argument("--files", type=int, default=20)
    args = parser.parse_args(argv)
    questionnaire = load_questionnaire()
    lookup = territory.default_territories()
    communes, epcis = territory.all_codes(lookup)
    per_file = args.n // args.files
    groups = {q.id: q.group for q in questionnaire.questions}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        paths = []
        for index in range(args.files):
            header, rows = example.example_rows(questionnaire, lookup, communes, epcis, per_file, seed=index)
            rows.append(list(rows[0]))  # a duplicate
            rows.append([*rows[1][:7], "99999", *rows[1][8:]])  # an unknown code (column code-insee)
            rows[-1][0] = rows[-1][0][:-4] + "ffff"
            paths.append(_write(tmp / f"reponses-{index:02d}.csv", header, rows, index % 5, groups))
        connection = store.connect(tmp / "enquete.sqlite")
        start = time.perf_counter()
        result = importer.import_files(connection, paths, questionnaire, lookup, today=dt.date(2026, 12, 2))
        imported = time.perf_counter() - start
        start = time.perf_counter()
        summary = synthesis.synthesize(connection, questionnaire)
        computed = time.perf_counter() - start
        start = time.perf_counter()
        report.write_report(summary, tmp / "rapport", questionnaire.version, pdf=False)
        drawn = time.perf_counter() - start
        connection.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    total = imported + computed + drawn
    print(f"Enquête : {len(paths)} fichiers, {result.summary()}")
    print(f"  import : {imported:.1f} s · synthèse : {computed:.1f} s · rapport HTML : {drawn:.1f} s · "
          f"total : {total:.1f} s (cible ≤ {TARGET_SECONDS:.0f} s)")
    print(f"  mémoire de pointe : {peak / 1024 ** 2:.0f} Mo (cible ≤ {TARGET_BYTES / 1024 ** 3:.0f} Go)")
    return 0 if total <= TARGET_SECONDS and peak <= TARGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(run())
