"""Shared test settings and the built site."""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib as mpl
import pytest
from serve_site import serving
from sitetools import Build, copy_docs, sphinx_build

mpl.use("agg")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site, built once per test session from clean, as ``nox -s docs`` builds it.

    It is built from a copy of the sources, so that no cache of the working
    tree is used and nothing in it changes; every test that only reads the
    site shares this one build.
    """
    work = tmp_path_factory.mktemp("site")
    build = sphinx_build(copy_docs(work / "docs"), work / "out")
    assert build.returncode == 0, build.output[-5000:]
    return build


@pytest.fixture(scope="module")
def origin(site: Build) -> Iterator[str]:
    """The built site, served on 127.0.0.1 with gzip as hosts serve it."""
    with serving(site.html) as url:
        yield url
