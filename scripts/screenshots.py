"""Screenshots of built pages at phone and desktop widths, to look at the layout as a reader would.

    .venv/bin/python scripts/screenshots.py [PAGE ...] [--widths 390 1280] [--full-page]

PAGE is a path inside _build/html (default: index.html, which redirects to the first page). The PNGs go
to _build/screenshots/<page>-<width>.png. The site is served on 127.0.0.1 and nothing else is loaded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from kaart_course import _site
from kaart_course.paths import REPO_ROOT

HTML_DIR = REPO_ROOT / "_build" / "html"
OUT_DIR = REPO_ROOT / "_build" / "screenshots"
PHONE_MAX_WIDTH = 600


def _offline(route) -> None:
    if _site.is_local(route.request.url):
        route.continue_()
    else:
        route.abort("blockedbyclient")


def take(pages: list[str], widths: list[int], full_page: bool, out_dir: Path = OUT_DIR) -> list[Path]:
    """Save one PNG per page and width; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    saved = []
    with _site.serve(HTML_DIR) as url, sync_playwright() as playwright:
        browser = _site.launch_chromium(playwright)
        for width in widths:
            phone = width <= PHONE_MAX_WIDTH
            context = browser.new_context(
                viewport={"width": width, "height": 844 if phone else 900},
                is_mobile=phone,
                has_touch=phone,
                locale="fr-FR",
            )
            page = context.new_page()
            page.route("**/*", _offline)
            for path in pages:
                page.goto(url + path, wait_until="networkidle")
                target = out_dir / f"{path.removesuffix('.html').replace('/', '__')}-{width}.png"
                page.screenshot(path=str(target), full_page=full_page)
                saved.append(target)
            context.close()
        browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["index.html"], help="paths inside _build/html")
    parser.add_argument("--widths", nargs="+", type=int, default=[390, 1280], help="viewport widths in px")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not only the first screen")
    args = parser.parse_args(argv)
    if not (HTML_DIR / "index.html").exists():
        print(f"{HTML_DIR} is empty: build the book first (make book)", file=sys.stderr)
        return 1
    for path in take(args.pages, args.widths, args.full_page):
        print(path.relative_to(REPO_ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
