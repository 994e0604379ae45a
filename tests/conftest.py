"""Shared test settings and the built site."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import matplotlib as mpl
import pytest
from busy import cores_busy
from filelock import FileLock
from serve_site import serving
from sitetools import Build, copy_docs, sphinx_build

mpl.use("agg")

#: Two clean builds run at once: each keeps a core busy, and the rest are kept busy too.
_BUILDS = ("site", "again")


def _build_twice(work: Path) -> list[Build]:
    sources = {name: copy_docs(work / name / "docs") for name in _BUILDS}
    with cores_busy(max(0, (os.cpu_count() or 1) - len(_BUILDS))), ThreadPoolExecutor(len(_BUILDS)) as pool:
        builds = list(pool.map(lambda name: sphinx_build(sources[name], work / name / "out"), _BUILDS))
    for build in builds:
        assert build.returncode == 0, build.output[-5000:]
    return builds


def _encode(build: Build) -> dict[str, object]:
    return {**build.__dict__, "html": str(build.html)}


def _decode(data: dict[str, object]) -> Build:
    return Build(**{**data, "html": Path(str(data["html"]))})  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def site_builds(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> list[Build]:
    """The site, built twice from clean at the same time, as ``nox -s docs`` builds it, with every core busy.

    The builds use copies of the sources, so no cache of the working tree is
    used and nothing in it changes. The first is the session's site, which
    every test that only reads the site shares, across pytest-xdist's workers
    too: the first worker that needs it builds it, the others wait for it and
    read it. The second is there to be compared with the first.
    """
    if worker_id == "master":  # not distributed
        return _build_twice(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent
    record = shared / "site.json"
    with FileLock(str(shared / "site.lock")):
        if not record.is_file():
            builds = _build_twice(shared / "site")
            record.write_text(json.dumps([_encode(b) for b in builds]), encoding="utf-8")
    return [_decode(data) for data in json.loads(record.read_text(encoding="utf-8"))]


@pytest.fixture(scope="session")
def site(site_builds: list[Build]) -> Build:
    """The session's build of the site."""
    return site_builds[0]


@pytest.fixture(scope="module")
def origin(site: Build) -> Iterator[str]:
    """The built site, served on 127.0.0.1 with gzip as hosts serve it."""
    with serving(site.html) as url:
        yield url
