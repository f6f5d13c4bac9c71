"""Serve a built site on the loopback and open it in Debian's Chromium, offline.

Shared by the test suite (tests/conftest.py) and the measuring scripts (scripts/): one way to serve the
book, one way to start the browser, one definition of "a request that leaves the machine".
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium, not a browser build of Playwright's own: nothing is downloaded. The flags keep it
# from calling home, so that the only requests are the page's.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about", "file"}


class SiteHandler(SimpleHTTPRequestHandler):
    """A static folder with the media types a static host sends, and no log line per request."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".wasm": "application/wasm",
        ".ipynb": "application/x-ipynb+json",
    }

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the signature of the base class
        pass


@contextlib.contextmanager
def serve(directory: Path, handler_class: type[SiteHandler] = SiteHandler, port: int = 0) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port unless given); yields the base URL, ending with a slash."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="kaart-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def is_local(url: str) -> bool:
    """True when loading ``url`` stays on this machine."""
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.hostname or "") in LOOPBACK_HOSTS


def launch_chromium(playwright):
    """Headless Debian Chromium driven by Playwright (``playwright`` from ``sync_playwright().start()``)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def site_pages(html_dir: Path) -> list[str]:
    """Every HTML page of a built book, as paths relative to its root (theme fragments in _static/ excluded)."""
    return sorted(
        path.relative_to(html_dir).as_posix()
        for path in html_dir.rglob("*.html")
        if path.relative_to(html_dir).parts[0] != "_static"
    )
