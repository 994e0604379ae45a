"""The multi-version site, built with sphinx-polyversion.

Every release tag (``v*``) and the ``main`` branch are checked out into a
temporary git worktree and built from their own commit into
``<out>/<version>/``; ``<out>/index.html`` sends readers to the newest release.
Each build runs with the current Python environment, with the checkout's
``src/`` first on PYTHONPATH, so that a version's pages execute that version's
library; nothing is downloaded.

Run it with ``nox -s versions`` (output: ``docs/_build/versions``), or
``python -m sphinx_polyversion docs/poly.py OUT`` in an environment with the
``docs`` dependency group.
"""

from __future__ import annotations

import os
import shutil
import sys
import tomllib
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version
from sphinx_polyversion.api import apply_overrides
from sphinx_polyversion.driver import DefaultDriver
from sphinx_polyversion.git import Git, GitRef, GitRefType, file_predicate, refs_by_type
from sphinx_polyversion.pyvenv import VirtualPythonEnvironment
from sphinx_polyversion.sphinx import CommandBuilder, Placeholder

#: Branches and tags to build (regular expressions, full match).
BRANCH_REGEX = r"main"
TAG_REGEX = r"v\d+(\.\d+)*"
#: Output folder; the first command-line argument overrides it.
OUTPUT_DIR = "docs/_build/versions"
#: Options of every sphinx-build run: the strict build of ``nox -s docs``
#: (its flags are kept in pyproject.toml), quiet.
SPHINX_ARGS = [
    *tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["relu-explained"]["sphinx-strict"],
    "-q",
]
#: Versions shown by ``--local`` (a build of the working tree into <out>/local).
MOCK_DATA = {
    "revisions": [GitRef("main", "", "", GitRefType.BRANCH, datetime.fromtimestamp(0))],
    "current": GitRef("local", "", "", GitRefType.BRANCH, datetime.fromtimestamp(0)),
}
MOCK = False


def _release(ref: GitRef) -> Version | None:
    try:
        return Version(ref.name)  # accepts the leading "v"
    except InvalidVersion:
        return None


def _ordered(refs: Iterable[GitRef]) -> dict[str, Any]:
    """Branches first, then releases newest first; the newest final release is ``latest``."""
    branches, tags = refs_by_type(list(refs))
    tags = sorted(tags, key=lambda t: _release(t) or Version("0"), reverse=True)
    finals = [t for t in tags if (v := _release(t)) is not None and not v.is_prerelease]
    branches = sorted(branches, key=lambda b: b.name)
    latest = (finals or tags or branches)[0] if (finals or tags or branches) else None
    return {"revisions": [*branches, *tags], "latest": latest}


def data(driver: DefaultDriver, rev: GitRef, _env: Any) -> dict[str, Any]:
    """What every version's conf.py receives (``load(globals())``)."""
    return {"current": rev, **_ordered(driver.targets)}


def root_data(driver: DefaultDriver) -> dict[str, Any]:
    """What the root page (docs/_polyversion/templates/index.html) receives."""
    return _ordered(driver.builds)


def environment(path: Path, name: str) -> VirtualPythonEnvironment:
    """The current environment, importing relu_explained from the version's checkout."""
    pythonpath = os.pathsep.join(p for p in (str(path / "src"), os.environ.get("PYTHONPATH", "")) if p)
    return VirtualPythonEnvironment(path, name, sys.prefix, env={"PYTHONPATH": pythonpath})


apply_overrides(globals())
# One build at a time, whatever the command line says: myst-nb writes every
# version's executed notebooks to the same folder beside the output folders
# (<out>/jupyter_execute), so builds that overlap read each other's half-written files.
SEQUENTIAL = True
root = Git.root(Path(__file__).parent)
output = Path(OUTPUT_DIR)
driver = DefaultDriver(
    root,
    output,
    vcs=Git(branch_regex=BRANCH_REGEX, tag_regex=TAG_REGEX, predicate=file_predicate([Path("docs/conf.py")])),
    builder=CommandBuilder(
        Path("docs"),
        ["python", "-m", "sphinx", "-b", "html", *SPHINX_ARGS, Placeholder.SOURCE_DIR, Placeholder.OUTPUT_DIR],
    ),
    env=environment,
    data_factory=data,
    root_data_factory=root_data,
    template_dir=root / "docs" / "_polyversion" / "templates",
    static_dir=root / "docs" / "_polyversion" / "static",
    mock=MOCK_DATA,
)
driver.run(MOCK, SEQUENTIAL)

# Sphinx's pickled doctrees and myst-nb's executed notebooks (written beside
# the output folder) are build internals, not part of the published site.
for internal in [*output.glob("*/.doctrees"), output / "jupyter_execute"]:
    shutil.rmtree(internal, ignore_errors=True)

# sphinx-polyversion logs a failed build and carries on; a failed version must fail the run.
failed = {driver.name_for_rev(r) for r in driver.targets} - {driver.name_for_rev(r) for r in driver.builds}
if failed:
    sys.exit(f"building {sorted(failed)} failed")
