"""Serve a built site on 127.0.0.1 the way documentation hosts do: with gzip.

GitHub Pages, Read the Docs and most web servers compress HTML, CSS, JS and
SVG on the fly; Python's ``http.server`` does not. The browser tests, the
Lighthouse audit and the page-weight benchmark use this server so that the
bytes they count are the bytes a reader downloads.

Usage: ``python scripts/serve_site.py docs/_build/html [--port 8000]``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import os
import shutil
import threading
from collections.abc import Iterator
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

#: Executable names of a system Chromium, in the order they are tried.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")

#: Content types a host compresses; images such as PNG are compressed already.
COMPRESSED = ("text/", "application/javascript", "text/javascript", "image/svg+xml", "application/json")


class Handler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it and the type gains from it."""

    quiet = True

    def send_head(self) -> Any:
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # redirects to the address with a slash
            target = target / "index.html"
        ctype = self.guess_type(str(target))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and target.is_file() and ctype.startswith(COMPRESSED)):
            return super().send_head()
        body = gzip.compress(target.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)


class _Body:
    """A file-like wrapper that ``SimpleHTTPRequestHandler.copyfile`` can read."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = (self._data, b"") if size < 0 else (self._data[:size], self._data[size:])
        return data

    def close(self) -> None:
        self._data = b""


#: What to do when no Chromium is found, for messages.
INSTALL_CHROMIUM = (
    "install Chromium (Debian/Ubuntu: apt-get install chromium; or: python -m playwright install chromium) "
    "or set RELU_CHROMIUM to a Chromium executable"
)


def find_chromium() -> str | None:
    """The Chromium to drive, or None if there is none.

    In order: the path in ``RELU_CHROMIUM`` (which must exist), the first of
    `CHROMIUM_NAMES` on PATH, then the build Playwright downloads with
    ``python -m playwright install chromium``, if it is there.
    """
    named = os.environ.get("RELU_CHROMIUM")
    if named:
        if not Path(named).is_file():
            msg = f"RELU_CHROMIUM names {named!r}, which is not a file"
            raise FileNotFoundError(msg)
        return named
    on_path = next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    if on_path is not None:
        return on_path
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        own = playwright.chromium.executable_path
    return own if Path(own).is_file() else None


@contextlib.contextmanager
def serving(directory: str | Path, port: int = 0) -> Iterator[str]:
    """Serve `directory` in a background thread; yield its origin, ``http://127.0.0.1:<port>``."""
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    Handler.quiet = False
    server = ThreadingHTTPServer(("127.0.0.1", args.port), functools.partial(Handler, directory=str(args.directory)))
    print(f"Serving {args.directory} on http://127.0.0.1:{args.port}/ (Ctrl-C to stop)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
