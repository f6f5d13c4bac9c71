"""Lighthouse scores of every page type, on a phone, with the site served as a static host serves it.

    make bench-lighthouse       # or: .venv/bin/python scripts/bench_lighthouse.py [--runs 2] [PAGE ...]

Lighthouse 12 (npm, pinned in package.json) drives Debian's Chromium with its mobile profile (a mid-range
phone, a slow 4G network, simulated) against ``_build/html`` served compressed (brotli or gzip) with a cache
header, by scripts/serve_compressed.py. For each page type it prints the four category scores, the layout
shift (CLS), the first contentful paint (FCP), and the bytes transferred (compressed) and their raw size,
with the targets beside them. Scores move from run to run with the machine's load: each page is measured
``--runs`` times (3 by default) and judged, as Lighthouse's own guide on variability advises (docs/variability.md
in the Lighthouse repository: the median of several runs is far steadier than one), on its median score for
each category and its worst layout shift; every run's score is printed. Before measuring a page, it is loaded once in Chromium so that
the server has compressed what it needs: a static host compresses at deploy time (or once, in its cache), and
brotli at its highest level takes a second for a large page, which no reader waits for. Build the site first
(``make html``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from serve_compressed import serve_compressed  # noqa: E402

from kaart_course import _site  # noqa: E402
from kaart_course.paths import REPO_ROOT  # noqa: E402

HTML_DIR = REPO_ROOT / "_build" / "html"
LIGHTHOUSE = REPO_ROOT / "node_modules" / ".bin" / "lighthouse"
# One page of each type: the home page (a redirect to the welcome page), a territory page with figures, a quiz,
# the pitch studio, the search page, the territory finder, the survey form and the survey's sample report (a
# standalone page, as coordinators send it).
PAGE_TYPES = {
    "accueil": "index.html",
    "territoire": "modules/02-territoires/04-littoral.html",
    "quiz": "modules/01-comprendre/05-quiz.html",
    "studio": "exercises/04-pitch.html",
    "recherche": "search.html",
    "commune": "exercises/02-mon-territoire.html",
    "enquete": "exercises/06-enquete.html",
    "rapport": "enquete/rapport-exemple/rapport-enquete.html",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 0.95}
TARGET_CLS = 0.1
# The flags of the machine's own Chromium checks: headless, no sandbox (root), nothing that calls home.
CHROME_FLAGS = ["--headless=new", *_site.CHROMIUM_ARGS, "--disable-quic"]


@dataclass(frozen=True)
class Measure:
    scores: dict[str, float]
    cls: float
    fcp_ms: float
    transferred: int
    raw: int
    requests: int


def lighthouse(url: str, output: Path) -> Measure:
    """One Lighthouse run (mobile profile, simulated slow 4G) of ``url``."""
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={output}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "CHROME_PATH": _site.CHROMIUM})
    if result.returncode != 0 or not output.exists():
        sys.exit(f"Lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    report = json.loads(output.read_text(encoding="utf-8"))
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return Measure(
        {category: report["categories"][category]["score"] for category in CATEGORIES},
        audits["cumulative-layout-shift"]["numericValue"],
        audits["first-contentful-paint"]["numericValue"],
        sum(item.get("transferSize") or 0 for item in requests),
        sum(item.get("resourceSize") or 0 for item in requests),
        len(requests),
    )


def warm(urls: list[str]) -> None:
    """Load each page once in Chromium, so that the server compresses the files it asks for before Lighthouse
    measures (Lighthouse starts its own browser, with an empty cache)."""
    with sync_playwright() as playwright:
        browser = _site.launch_chromium(playwright)
        page = browser.new_page()
        for url in urls:
            page.goto(url, wait_until="networkidle")
        browser.close()


def _verdict(ok: bool) -> str:
    return "ok" if ok else "UNDER TARGET"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (judged on the median score)")
    parser.add_argument("pages", nargs="*", help="pages inside _build/html (default: one of each type)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `npm ci` (make does it).")
    if not (HTML_DIR / "index.html").exists():
        sys.exit("No built site in _build/html: run `make html` first.")
    pages = {page: page for page in args.pages} if args.pages else PAGE_TYPES
    targets = "  ".join(f"{name} ≥ {value:g}" for name, value in TARGETS.items())
    print(f"Lighthouse, mobile profile, site served compressed — targets: {targets}, CLS ≤ {TARGET_CLS}")
    print(f"Each score: the median of {args.runs} runs (every run in brackets).")
    failures = 0
    with serve_compressed(HTML_DIR) as url, tempfile.TemporaryDirectory(prefix="kaart-lighthouse-") as tmp:
        warm([url + page for page in pages.values()])
        for name, page in pages.items():
            runs = [lighthouse(url + page, Path(tmp) / f"{name.replace('/', '__')}-{run}.json") for run in range(args.runs)]
            median = {category: statistics.median(run.scores[category] for run in runs) for category in CATEGORIES}
            cls = max(run.cls for run in runs)
            ok = all(median[c] >= TARGETS[c] for c in CATEGORIES) and cls <= TARGET_CLS
            failures += not ok
            scores = "  ".join(
                f"{category} {median[category]:.2f} ({'/'.join(f'{run.scores[category]:.2f}' for run in runs)})"
                for category in CATEGORIES
            )
            last = runs[-1]
            print(f"{name:10} {page}")
            print(f"    {scores}   CLS {cls:.3f}  FCP {'/'.join(f'{run.fcp_ms / 1000:.1f}' for run in runs)} s"
                  f"   {_verdict(ok)}")
            print(f"    {last.requests} requests: {last.transferred / 1024:.0f} KB transferred (compressed), "
                  f"{last.raw / 1024:.0f} KB raw")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
