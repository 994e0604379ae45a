"""Shared test settings and the built site."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import matplotlib as mpl
import pytest
from busy import cores_busy
from serve_site import serving
from sitetools import Build, copy_docs, only_page, sphinx_build

mpl.use("agg")


def build_site(work: Path) -> Build:
    """A clean build of the site from a copy of its sources, as ``nox -s docs`` builds it."""
    return sphinx_build(copy_docs(work / "docs"), work / "out")


def succeeded(build: Build) -> Build:
    assert build.returncode == 0, build.output[-5000:]
    return build


def _shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder that every worker of this session sees."""
    return tmp_path_factory.getbasetemp().parent


def _record(build: Build) -> str:
    return json.dumps({**build.__dict__, "html": str(build.html)})


def _read(path: Path) -> Build:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Build(**{**data, "html": Path(data["html"])})


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Build:
    """The site, built from clean once per test process; every test that only reads the site shares it.

    It is built from a copy of the sources, so that no cache of the working
    tree is used and nothing in it changes. Where pytest-xdist runs the suite
    on its two workers, each builds its own, at the same time as the other
    (two builds keep two cores busy: every core of a two-core machine), and
    ``second_site`` compares the two.
    """
    if worker_id == "master":
        return succeeded(build_site(tmp_path_factory.mktemp("site")))
    shared = _shared(tmp_path_factory)
    (shared / f"site-{worker_id}.started").touch()
    build = Build(1, "the build raised an exception", shared, 0.0)
    try:
        build = build_site(shared / f"site-{worker_id}")
    finally:
        # Written whole, then moved into place: a worker waiting for it never reads half a record.
        partial = shared / f"site-{worker_id}.json.partial"
        partial.write_text(_record(build), encoding="utf-8")
        partial.replace(shared / f"site-{worker_id}.json")
    return succeeded(build)


@pytest.fixture(scope="session")
def second_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Build:
    """Another clean build of the site, made while every core was busy.

    Another worker's build, which was made at the same time as this one's,
    when another worker has started one; else a build made now with every
    core kept busy.
    """
    shared = _shared(tmp_path_factory)
    others = [p for p in shared.glob("site-*.started") if p.stem != f"site-{worker_id}"]
    if worker_id != "master" and others:
        record = others[0].with_suffix(".json")
        deadline = time.monotonic() + 900
        while not record.is_file():
            assert time.monotonic() < deadline, f"{record} did not appear"
            time.sleep(1)
        return succeeded(_read(record))
    with cores_busy():
        return succeeded(build_site(tmp_path_factory.mktemp("second-site")))


#: The page of every LaTeX construct a page may use (CONTRIBUTING.md, "Math"); not part of the site.
MATH_SUPPORT = Path(__file__).with_name("math-support.md")


@pytest.fixture(scope="session")
def math_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The math support page, built strictly as the only page of a project with the site's configuration."""
    work = tmp_path_factory.mktemp("math-site")
    src = copy_docs(work / "docs")
    only_page(src, MATH_SUPPORT.read_text(encoding="utf-8"), name="math-support")
    return succeeded(sphinx_build(src, work / "out"))


@pytest.fixture(scope="module")
def origin(site: Build) -> Iterator[str]:
    """The built site, served on 127.0.0.1 with gzip as hosts serve it."""
    with serving(site.html) as url:
        yield url
