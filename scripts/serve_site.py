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
import os
import shutil
import threading
import zlib
from collections.abc import Iterator
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO

#: Executable names of a system Chromium, in the order they are tried.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")

#: Content types a host compresses; images such as PNG are compressed already.
COMPRESSED = ("text/", "application/javascript", "text/javascript", "image/svg+xml", "application/json")


class Handler(SimpleHTTPRequestHandler):
    """Static files below the served folder, gzip-compressed when the client accepts it and the type gains from it.

    A path that leads out of the folder, through a symbolic link or otherwise,
    is answered with 404. Files are compressed as they are sent, a piece at a
    time, never read whole into memory.
    """

    quiet = True

    def send_head(self) -> Any:
        target = Path(self.translate_path(self.path))
        root = Path(self.directory).resolve()
        if not target.resolve().is_relative_to(root):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        if target.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # redirects to the address with a slash
            target = target / "index.html"
            if not target.resolve().is_relative_to(root):
                self.send_error(HTTPStatus.NOT_FOUND, "File not found")
                return None
        ctype = self.guess_type(str(target))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and target.is_file() and ctype.startswith(COMPRESSED)):
            return super().send_head()
        source = target.open("rb")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        # No Content-Length: the compressed size is known only at the end, and
        # the connection closes after the body (HTTP/1.0).
        self.close_connection = True
        self.end_headers()
        return GzipReader(source)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)


class GzipReader:
    """Read a binary file as a gzip stream (mtime 0), compressing one piece per read."""

    PIECE = 64 * 1024

    def __init__(self, source: BinaryIO) -> None:
        self._source = source
        self._compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip header, mtime 0
        self._pending = b""
        self._done = False

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._pending) < size):
            piece = self._source.read(self.PIECE)
            if piece:
                self._pending += self._compressor.compress(piece)
            else:
                self._pending += self._compressor.flush()
                self._done = True
        if size < 0:
            data, self._pending = self._pending, b""
        else:
            data, self._pending = self._pending[:size], self._pending[size:]
        return data

    def close(self) -> None:
        self._source.close()


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
