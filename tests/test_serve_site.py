"""The local server of the built site (scripts/serve_site.py) and the Chromium lookup."""

from __future__ import annotations

import gzip
import io
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from serve_site import GzipReader, find_chromium, serving


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>home</p>" * 50_000, encoding="utf-8")
    (site / "image.png").write_bytes(b"\x89PNG fake")
    (tmp_path / "secret.txt").write_text("outside the site", encoding="utf-8")
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (site / "outside").symlink_to(tmp_path)
    return site


def test_files_are_served_gzip_compressed(tree: Path) -> None:
    with serving(tree) as origin:
        status, headers, body = _get(f"{origin}/index.html")
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == (tree / "index.html").read_bytes()
        status, headers, body = _get(f"{origin}/image.png")
        assert "Content-Encoding" not in headers
        assert body == b"\x89PNG fake"


@pytest.mark.parametrize("path", ["leak.txt", "outside/secret.txt"])
def test_links_out_of_the_served_folder_are_not_followed(tree: Path, path: str) -> None:
    with serving(tree) as origin:
        status, _, body = _get(f"{origin}/{path}")
    assert status == 404
    assert b"outside the site" not in body


class _Recording(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.sizes: list[int] = []

    def read(self, size: int | None = -1) -> bytes:
        self.sizes.append(-1 if size is None else size)
        return super().read(size)


def test_compression_reads_the_file_a_piece_at_a_time() -> None:
    data = os.urandom(1000) * 1000  # 1 MB
    source = _Recording(data)
    reader = GzipReader(source)
    pieces = []
    while piece := reader.read(16 * 1024):
        pieces.append(piece)
    assert gzip.decompress(b"".join(pieces)) == data
    assert max(source.sizes) == GzipReader.PIECE
    assert -1 not in source.sizes


def test_named_chromium_must_exist(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RELU_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(FileNotFoundError, match="RELU_CHROMIUM names"):
        find_chromium()
    executable = tmp_path / "chromium"
    executable.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setenv("RELU_CHROMIUM", str(executable))
    assert find_chromium() == str(executable)
