"""The multi-version build (docs/poly.py) on a git repository made for the test.

The repository holds this project's library, Sphinx configuration and
templates, with a site of one page (and its table of contents) whose code
prints a value from the library that differs between commits. Two tagged releases and a development commit on
``main`` must each be built from their own commit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitetools import DOCS, ROOT

# One worker builds the versions once for both tests of this module.
pytestmark = [pytest.mark.site, pytest.mark.xdist_group("versions")]

PAGE = """---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
myst:
  html_meta:
    description: A one-page site for testing the multi-version build of relu-explained.
---

# Versions test

This page as a notebook: {nb-download}`index.ipynb`.

```{code-cell} ipython3
from relu_explained.marker import VALUE

print("library says", VALUE)
```
"""


def _git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _commit(repo: Path, value: str, tag: str | None) -> None:
    (repo / "src" / "relu_explained" / "marker.py").write_text(f"VALUE = {value!r}\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", f"library says {value}")
    if tag:
        _git(repo, "tag", "-a", tag, "-m", tag)


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    if worker_id != "master":
        # The xdist_group mark keeps this module on one worker; a second build means the mark was ignored.
        try:
            (tmp_path_factory.getbasetemp().parent / "versions-built").touch(exist_ok=False)
        except FileExistsError:
            pytest.fail(
                f"the versions are built again on {worker_id}: pytest-xdist ignored the module's xdist_group mark "
                "(pytest-xdist#1386, with pytest 9.2; see the pin in pyproject.toml)",
                pytrace=False,
            )
    repo = tmp_path_factory.mktemp("repo")
    shutil.copy(ROOT / "pyproject.toml", repo)
    shutil.copytree(ROOT / "src", repo / "src", ignore=shutil.ignore_patterns("__pycache__", "_version.py"))
    docs = repo / "docs"
    docs.mkdir()
    for name in ("conf.py", "poly.py", "references.bib"):
        shutil.copy(DOCS / name, docs)
    for name in ("_ext", "_static", "_templates", "_polyversion"):
        shutil.copytree(DOCS / name, docs / name, ignore=shutil.ignore_patterns("__pycache__"))
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    (docs / "contents.md").write_text("# Contents\n\n```{toctree}\nindex\n```\n", encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, "first release", "v0.1.0")
    _commit(repo, "second release", "v0.2.0")
    _commit(repo, "in development", None)
    out = repo / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx_polyversion", "docs/poly.py", str(out)],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-5000:]
    return out


def _page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_each_version_is_built_from_its_own_commit(versions: Path) -> None:
    assert sorted(p.name for p in versions.iterdir() if p.is_dir()) == ["main", "v0.1.0", "v0.2.0"]
    for name, value in (("v0.1.0", "first release"), ("v0.2.0", "second release"), ("main", "in development")):
        page = _page(versions / name / "index.html")
        output = page.select_one(".cell_output")
        assert output is not None
        assert f"library says {value}" in output.get_text()
        assert page.title is not None
        assert name in page.title.get_text()
        # Its notebook download holds its own outputs, not another version's.
        download = page.select_one('a[href$=".ipynb"]')
        assert download is not None, name
        notebook = (versions / name / str(download["href"])).read_text(encoding="utf-8")
        assert f"library says {value}" in notebook, name
    assert not list(versions.rglob(".doctrees"))
    assert not (versions / "jupyter_execute").exists()


def test_root_page_sends_readers_to_the_newest_release(versions: Path) -> None:
    root = _page(versions / "index.html")
    refresh = root.select_one('meta[http-equiv="refresh"]')
    assert refresh is not None
    assert refresh["content"] == "0; url=./v0.2.0/index.html"
    assert {a["href"] for a in root.select("li a")} == {f"./{v}/index.html" for v in ("main", "v0.2.0", "v0.1.0")}


@pytest.mark.parametrize("name", ["main", "v0.1.0", "v0.2.0"])
def test_every_page_lists_every_version(versions: Path, name: str) -> None:
    for path in (versions / name).glob("*.html"):
        page = _page(path)
        selector = page.select_one("nav.relu-versions")
        assert selector is not None, path
        links = selector.select("a")
        assert [a.get_text(strip=True) for a in links] == ["main (development)", "v0.2.0 (newest release)", "v0.1.0"]
        for link in links:
            target = (path.parent / str(link["href"])).resolve()
            assert target.is_file(), (path, link["href"])
            assert target.name == path.name
        current = selector.select_one('a[aria-current="page"]')
        assert current is not None
        assert current.get_text(strip=True).startswith(name)


def test_old_and_development_versions_point_to_the_newest_release(versions: Path) -> None:
    for name, kind in (("v0.1.0", "an old release"), ("main", "the development version")):
        notice = _page(versions / name / "index.html").select_one(".announcement")
        assert notice is not None, name
        assert f"This is {kind}" in notice.get_text()
        link = notice.select_one("a")
        assert link is not None
        target = (versions / name / str(link["href"])).resolve()
        assert target == (versions / "v0.2.0" / "index.html").resolve()
    assert _page(versions / "v0.2.0" / "index.html").select_one(".announcement") is None
    assert re.search(r"\bv0\.2\.0\b", _page(versions / "v0.2.0" / "index.html").get_text())
