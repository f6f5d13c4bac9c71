"""Measure the territory finder (not a test; `make bench` runs it):
- the derivation from the npm package, without and with the cache;
- the site's data files, raw and gzip-compressed (budget: the search data ≤ 300 KB compressed);
- in headless Chromium, offline, on the built book (_build/html, `make html` first): the finder page's weight
  before the first keystroke (budget ≤ 400 KB transferred, gzip as a web server would send it), what the first
  use loads, and the time from a keystroke to updated results over every commune, median and worst of 1,000
  queries (budget ≤ 50 ms): the input event, the search, the list redrawn and laid out.

Run: .venv/bin/python scripts/bench_territories.py [--no-derive]"""

from __future__ import annotations

import argparse
import gzip
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kaart_course import _site
from kaart_course.paths import REPO_ROOT
from kaart_course.territories import derive, load_territories, write_compact

SEARCH_BUDGET = 300_000
PAGE_BUDGET = 400 * 1024
KEYSTROKE_BUDGET_MS = 50.0
QUERIES = 1000
FINDER_PAGE = "exercises/02-mon-territoire.html"
HTML_DIR = REPO_ROOT / "_build" / "html"


def _timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _verdict(value: float, budget: float) -> str:
    return "dans le budget" if value <= budget else "HORS BUDGET"


def queries(territories, count: int = QUERIES, seed: int = 13) -> list[str]:
    """What readers type, drawn once with a fixed seed: the start of a name (3 letters to the whole name, in
    lower case, sometimes without accents or hyphens), a postal code or an INSEE code, or its start."""
    rng = random.Random(seed)
    communes = sorted(territories.communes.values(), key=lambda c: c.insee)
    typed = []
    for _ in range(count):
        commune = rng.choice(communes)
        kind = rng.random()
        if kind < 0.7:
            name = commune.name.lower()
            if rng.random() < 0.5:
                name = name.replace("-", " ").replace("é", "e").replace("è", "e")
            typed.append(name[:rng.randint(min(3, len(name)), len(name))])
        elif kind < 0.85 and commune.postal_codes:
            code = rng.choice(commune.postal_codes)
            typed.append(code[:rng.randint(2, 5)])
        else:
            typed.append(commune.insee[:rng.randint(2, 5)])
    return typed


_MEASURE = """async (queries) => {
  const input = document.querySelector('[data-kaart-finder-input]');
  const list = document.querySelector('[role=listbox]');
  const status = document.querySelector('[data-kaart-finder-status]');
  const times = [];
  const tick = () => new Promise((resolve) => queueMicrotask(resolve));
  for (const query of queries) {
    const start = performance.now();
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    for (let i = 0; i < 4; i += 1) await tick();
    void list.getBoundingClientRect().height;  // style and layout of the updated list
    times.push(performance.now() - start);
    if (!status.textContent) throw new Error('no result state for ' + query);
  }
  return times;
}"""


def browser_measures(typed: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    with _site.serve(HTML_DIR) as url, sync_playwright() as playwright:
        browser = _site.launch_chromium(playwright)
        context = browser.new_context(viewport={"width": 390, "height": 800})
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if _site.is_local(route.request.url)
                   else route.abort("blockedbyclient"))
        bodies: dict[str, bytes] = {}

        def keep(response) -> None:
            try:
                bodies[response.url] = response.body()
            except Exception:  # a redirect has no body
                bodies.setdefault(response.url, b"")

        page.on("response", keep)
        page.goto(url + FINDER_PAGE, wait_until="networkidle")
        before = dict(bodies)
        page.locator("[data-kaart-finder-input]").focus()
        page.wait_for_function("() => globalThis.kaartCommunesData !== undefined")
        page.wait_for_load_state("networkidle")
        first_use = {u: b for u, b in bodies.items() if u not in before}
        # The first search decodes the data once (what the reader's first keystroke costs), then the 1,000.
        first = page.evaluate(_MEASURE, ["b"])[0]
        times = page.evaluate(_MEASURE, typed)
        browser.close()

    def size(items):
        return sum(len(b) for b in items.values()), sum(len(gzip.compress(b, compresslevel=6)) for b in items.values())

    return {"before": size(before), "requests": len(before), "first_use": size(first_use),
            "first_use_files": sorted(u.rsplit("/", 1)[-1] for u in first_use), "first_ms": first, "times": times}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-derive", action="store_true", help="skip timing the derivation (slow)")
    args = parser.parse_args(argv)
    if args.no_derive:
        territories = load_territories()
    else:
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
    print(f"Données de recherche : {search.gzip_bytes / 1000:.0f} ko en gzip, {_verdict(search.gzip_bytes, SEARCH_BUDGET)} "
          f"({SEARCH_BUDGET // 1000} ko).")

    if not (HTML_DIR / FINDER_PAGE).is_file():
        print(f"{FINDER_PAGE} absent : lancez « make html » pour mesurer la page et la recherche dans Chromium.")
        return 0
    measures = browser_measures(queries(territories))
    raw, packed = measures["before"]
    print(f"Page du chercheur avant la première frappe : {measures['requests']} requêtes, {raw / 1024:.0f} Kio, "
          f"{packed / 1024:.0f} Kio en gzip, {_verdict(packed, PAGE_BUDGET)} ({PAGE_BUDGET // 1024} Kio).")
    raw, packed = measures["first_use"]
    print(f"Au premier usage : {', '.join(measures['first_use_files'])} — {raw / 1024:.0f} Kio, {packed / 1024:.0f} Kio en gzip.")
    times = measures["times"]
    median, worst = statistics.median(times), max(times)
    print(f"Frappe → résultats affichés, sur {len(times)} requêtes et {len(territories.communes)} communes : médiane "
          f"{median:.1f} ms, pire {worst:.1f} ms, {_verdict(worst, KEYSTROKE_BUDGET_MS)} ({KEYSTROKE_BUDGET_MS:.0f} ms) ; "
          f"première recherche : {measures['first_ms']:.0f} ms.")
    slowest = sorted(zip(times, queries(territories)), reverse=True)[:5]
    print("Les plus lentes : " + ", ".join(f"« {q} » {t:.0f} ms" for t, q in slowest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
