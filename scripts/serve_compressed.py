"""Serve a built site as a static host does: compressed (brotli or gzip, as the browser asks) and cacheable.

    .venv/bin/python scripts/serve_compressed.py [_build/html] [--port 8000]

GitHub Pages, Netlify or an nginx with ``gzip_static``/``brotli_static`` send text files compressed and let the
browser cache them. Python's ``http.server`` does neither, so measuring a page's speed through it (as
scripts/bench_lighthouse.py does) would charge the page for bytes no reader downloads. Each text file is
compressed once, at the highest level, the first time it is asked for (a host precompresses at deploy time)
and kept in memory; binary formats that are compressed already (PNG, PDF, ZIP, WOFF2…) are sent as they are.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import os
import threading
from http import HTTPStatus
from pathlib import Path

import brotli

from kaart_course import _site

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml", ".ipynb", ".map", ".md", ".csv"}
# What GitHub Pages sends: ten minutes of cache for every file.
CACHE_CONTROL = "max-age=600"


class CompressedHandler(_site.SiteHandler):
    """GET and HEAD of a static folder, with ``Content-Encoding: br`` or ``gzip`` when the client accepts it."""

    _cache: dict[tuple[str, int, str], bytes] = {}
    _lock = threading.Lock()

    def _encoding(self, path: str) -> str:
        if Path(path).suffix.lower() not in COMPRESSIBLE:
            return ""
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        return "br" if "br" in accepted else "gzip" if "gzip" in accepted else ""

    def _compressed(self, path: str, encoding: str) -> bytes:
        key = (path, os.stat(path).st_mtime_ns, encoding)
        with self._lock:
            body = self._cache.get(key)
        if body is None:
            raw = Path(path).read_bytes()
            body = brotli.compress(raw, quality=11) if encoding == "br" else gzip.compress(raw, compresslevel=9, mtime=0)
            with self._lock:
                self._cache[key] = body
        return body

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) or not os.path.isfile(path):
            return super().send_head()  # directory redirects, index.html, 404: the base class knows
        encoding = self._encoding(path)
        if not encoding:
            response = super().send_head()
            return response
        body = self._compressed(path, encoding)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(os.stat(path).st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()


def serve_compressed(directory: Path, port: int = 0) -> contextlib.AbstractContextManager[str]:
    """Serve ``directory`` compressed on 127.0.0.1 (a free port unless given); yields the base URL."""
    return _site.serve(directory, CompressedHandler, port)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default="_build/html", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with serve_compressed(args.directory, args.port) as url:
        print(f"{args.directory} served compressed at {url} (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
