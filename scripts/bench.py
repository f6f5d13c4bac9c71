"""Benchmark of the book (not a test): build times and the weight of the heaviest page.

    make bench            # or: .venv/bin/python scripts/bench.py [--no-cold]

Builds go to temporary folders (``jupyter-book build --path-output``) with the strict flags of CI, so the
book's own _build/ is left alone:
- clean build, cold: an empty jupyter-cache, so every notebook is executed;
- clean build, warm: a fresh output folder but a jupyter-cache that already has the notebooks (what CI and a
  contributor see most of the time);
- incremental: the warm build again after touching one page (its modification time is restored after);
- weight: every built page loaded in headless Chromium from a local server, offline; the bytes of the page
  and all its sub-resources. The local server does not compress, so the raw bytes are printed with a gzip
  estimate (each response compressed at level 6), which is what a web server would send.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from kaart_course import _site, pdf
from kaart_course.course_plan import course_plan
from kaart_course.paths import REPO_ROOT

STRICT_FLAGS = ["-W", "-n", "--keep-going"]
TARGET_SECONDS_PER_PAGE = 1.5
TARGET_INCREMENTAL_SECONDS = 10.0
TARGET_PAGE_BYTES = 400 * 1024
TARGET_PDF_SECONDS = 90.0


@dataclass(frozen=True)
class PageWeight:
    page: str
    requests: int
    raw_bytes: int
    gzip_bytes: int
    largest: list[tuple[str, int]]


def _jupyter_book() -> str:
    beside = Path(sys.executable).parent / "jupyter-book"
    return str(beside) if beside.exists() else "jupyter-book"


def build(output: Path, *extra: str) -> float:
    """Seconds taken by a strict build of the book into ``output/_build``; exits if the build fails."""
    command = [_jupyter_book(), "build", str(REPO_ROOT), *STRICT_FLAGS, "--path-output", str(output), *extra]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed (exit {result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds


def incremental(output: Path, page: Path) -> float:
    """Seconds of a rebuild after ``page`` was touched; the page's modification time is put back after."""
    stat = page.stat()
    try:
        os.utime(page)
        return build(output)
    finally:
        os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _offline(route) -> None:
    if _site.is_local(route.request.url):
        route.continue_()
    else:
        route.abort("blockedbyclient")


def weigh(html_dir: Path) -> list[PageWeight]:
    """What loading each page costs, every page in a fresh browser context (nothing cached)."""
    from playwright.sync_api import sync_playwright

    weights = []
    with _site.serve(html_dir) as url, sync_playwright() as playwright:
        browser = _site.launch_chromium(playwright)
        for page_path in _site.site_pages(html_dir):
            context = browser.new_context()
            page = context.new_page()
            page.route("**/*", _offline)
            bodies: dict[str, bytes] = {}

            def keep(response, bodies=bodies) -> None:
                try:
                    bodies[response.url] = response.body()
                except Exception:  # a redirect or an aborted response has no body
                    bodies.setdefault(response.url, b"")

            page.on("response", keep)
            page.goto(url + page_path, wait_until="networkidle")
            context.close()
            sizes = {address.removeprefix(url): len(body) for address, body in bodies.items()}
            weights.append(PageWeight(
                page_path,
                len(bodies),
                sum(sizes.values()),
                sum(len(gzip.compress(body, compresslevel=6)) for body in bodies.values()),
                sorted(sizes.items(), key=lambda item: -item[1])[:5],
            ))
        browser.close()
    return weights


def _verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build times and page weight of the KAART book.")
    parser.add_argument("--no-cold", action="store_true", help="skip the build that executes every notebook")
    args = parser.parse_args(argv)

    plan = course_plan()
    pages = len(plan)
    print(f"KAART benchmark — {pages} pages in _toc.yml, {os.cpu_count()} cores, strict flags {' '.join(STRICT_FLAGS)}")
    with tempfile.TemporaryDirectory(prefix="kaart-bench-") as tmp:
        cold_dir, warm_dir = Path(tmp) / "cold", Path(tmp) / "warm"
        cache = REPO_ROOT / "_build" / ".jupyter_cache"
        if not args.no_cold:
            seconds = build(cold_dir)
            print(f"{'clean build, cold (notebooks executed)':44} {seconds:6.1f} s  {seconds / pages:5.2f} s/page")
            cache = cold_dir / "_build" / ".jupyter_cache"
        if cache.exists():
            shutil.copytree(cache, warm_dir / "_build" / ".jupyter_cache")
        seconds = build(warm_dir)
        per_page = seconds / pages
        print(
            f"{'clean build, warm jupyter-cache':44} {seconds:6.1f} s  {per_page:5.2f} s/page"
            f"   target ≤ {TARGET_SECONDS_PER_PAGE} s/page: {_verdict(per_page, TARGET_SECONDS_PER_PAGE)}"
        )
        touched = next((p for p in plan[1:] if not p.docname.startswith("exercises/")), plan[0])
        seconds = incremental(warm_dir, REPO_ROOT / f"{touched.docname}.md")
        print(
            f"{'incremental rebuild, one page touched':44} {seconds:6.1f} s  ({touched.docname}.md)"
            f"   target ≤ {TARGET_INCREMENTAL_SECONDS:.0f} s: {_verdict(seconds, TARGET_INCREMENTAL_SECONDS)}"
        )

        start = time.perf_counter()
        build(warm_dir, "--builder", "custom", "--custom-builder", "singlehtml")
        guides = pdf.build(warm_dir / "_build" / "singlehtml", warm_dir / "_build" / "html")
        seconds = time.perf_counter() - start
        pages_printed = sum(len(PdfReader(guide).pages) for guide in guides)
        print(
            f"{'PDF guides (single page build + WeasyPrint)':44} {seconds:6.1f} s  ({pages_printed} A4 pages)"
            f"   target ≤ {TARGET_PDF_SECONDS:.0f} s: {_verdict(seconds, TARGET_PDF_SECONDS)}"
        )

        weights = weigh(warm_dir / "_build" / "html")
    heaviest = max(weights, key=lambda w: w.raw_bytes)
    kib = 1024
    print(
        f"heaviest page: {heaviest.page}, {heaviest.requests} requests, {heaviest.raw_bytes / kib:.0f} KB raw "
        f"({_verdict(heaviest.raw_bytes, TARGET_PAGE_BYTES)}), ≈ {heaviest.gzip_bytes / kib:.0f} KB gzipped "
        f"({_verdict(heaviest.gzip_bytes, TARGET_PAGE_BYTES)})   target ≤ {TARGET_PAGE_BYTES // kib} KB/page"
    )
    for name, size in heaviest.largest:
        print(f"    {size / kib:7.1f} KB  {name}")
    median = sorted(w.raw_bytes for w in weights)[len(weights) // 2]
    print(f"all {len(weights)} pages: median {median / kib:.0f} KB raw")
    return 0


if __name__ == "__main__":
    sys.exit(main())
