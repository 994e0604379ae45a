#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.2.9"]
# ///
"""Every task of the project: ``nox -l`` lists them, ``nox -s NAME`` runs one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
# Environments are reused (their installs still run, and are quick when nothing
# changed); `-R` also skips the installs, `--reuse-venv=no` starts afresh.
nox.options.reuse_venv = "yes"

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
# Sphinx's strict flags, shared with the tests and the benchmark (scripts/sitetools.py).
SPHINX_STRICT: list[str] = PYPROJECT["tool"]["relu-explained"]["sphinx-strict"]

DOCS = ROOT / "docs"
HTML = DOCS / "_build" / "html"
# Sphinx's pickled doctrees stay out of the published HTML tree.
DOCTREES = DOCS / "_build" / "doctrees"


# uv (nox's backend when uv is installed) does not compile bytecode as pip does,
# and where PYTHONDONTWRITEBYTECODE is set no process writes it either: every
# import would be compiled again in every process. Ask uv to compile.
UV_ENV = {"UV_COMPILE_BYTECODE": "1"}


def _install(session: nox.Session, *groups: str) -> None:
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, *groups), env=UV_ENV)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite: library, doctests, the built site, and the site in headless Chromium.

    pytest-xdist runs it on two workers (``-- -n 0`` runs it in one process).
    The browser tests use RELU_CHROMIUM, else ``chromium`` on PATH, else the
    build of ``python -m playwright install chromium``. Without any, they are
    skipped with a message saying what to install; with CI set, that is a
    failure.
    """
    _install(session, "test", "docs")
    session.run("pytest", *session.posargs)


@nox.session(default=False)
def lint(session: nox.Session) -> None:
    """Pre-commit hooks on every file (ruff, formatting, spelling, hygiene, schemas), mypy (strict), sp-repo-review."""
    _install(session, "test", "docs")  # mypy checks the tests and the docs extensions too
    session.install("pre-commit", "mypy", "nox", "sp-repo-review[cli]", "types-docutils", "types-PyYAML")
    session.run("pre-commit", "run", "--all-files", "--show-diff-on-failure")
    session.run("mypy")
    session.run("repo-review", ".")


@nox.session(default=False)
def docs(session: nox.Session) -> None:
    """Build the site strictly into docs/_build/html, as CI does. ``-- -E`` rebuilds from scratch.

    Reuse the environment with ``nox -R -s docs`` (no reinstall).
    """
    _install(session, "docs")
    session.run(
        "sphinx-build", "-b", "html", *SPHINX_STRICT, "-d", str(DOCTREES), *session.posargs, str(DOCS), str(HTML)
    )
    session.log(f"The site is in {HTML}; preview it live with: python3 -m nox -s serve")


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000: rebuilds (strictly, as ``docs``) and reloads on every save.

    It shares ``docs``'s settings, output and caches, so switching between the two rebuilds nothing.
    """
    _install(session, "docs", "serve")
    session.run(
        "sphinx-autobuild",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        "--watch",
        "src",
        "--ignore",
        "*/_build/*",
        *SPHINX_STRICT,
        "-d",
        str(DOCTREES),
        *session.posargs,
        str(DOCS),
        str(HTML),
    )


# The frameworks measured by scripts/probe_frameworks.py, pinned so that the
# committed data file can be reproduced.
FRAMEWORKS = ["torch==2.13.0", "jax==0.10.2", "jaxlib==0.10.2", "tensorflow-cpu==2.21.0", "autograd==1.9.1"]
FRAMEWORK_DATA = DOCS / "data" / "framework_gradients.json"


@nox.session(default=False, python="3.11")
def frameworks(session: nox.Session) -> None:
    """Rerun the framework probe; fail if the committed data no longer match.

    Python (3.11), numpy and the frameworks are pinned to what the data file
    was measured with. Pass --write to replace the committed data file instead.
    """
    # The project itself too: the probe writes relu_explained.frameworks.Measurement records.
    session.install(f"numpy=={json.loads(FRAMEWORK_DATA.read_text(encoding='utf-8'))['numpy']}", *FRAMEWORKS, ".")
    if "--write" in session.posargs:
        session.run("python", "scripts/probe_frameworks.py", str(FRAMEWORK_DATA))
    else:
        session.run("python", "scripts/probe_frameworks.py", "--check", str(FRAMEWORK_DATA))


@nox.session(default=False)
def build(session: nox.Session) -> None:
    """Build the sdist and wheel into dist/."""
    shutil.rmtree(ROOT / "dist", ignore_errors=True)
    session.install("build")
    session.run("python", "-m", "build")


@nox.session(default=False)
def versions(session: nox.Session) -> None:
    """Build every release tag (v*) and main, each from its own commit, into one site.

    The output (default docs/_build/versions; pass another folder as the first
    argument) holds one folder per version and an index.html that sends
    readers to the newest release. The engine is sphinx-polyversion; the
    configuration is docs/poly.py.
    """
    _install(session, "docs")
    session.run("python", "-m", "sphinx_polyversion", "docs/poly.py", *session.posargs)
    out = Path(session.posargs[0]) if session.posargs else DOCS / "_build" / "versions"
    session.log(f"The multi-version site is in {out}; serve it with: python scripts/serve_site.py {out}")


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Build times, the article's page weight and library throughput, each against its reference.

    Prints a table of medians (``-- --runs N``, default 3) with the targets;
    ``-- --check`` also exits with status 1 if a target is missed. Needs
    Chromium for the page weight.
    """
    _install(session, "test", "docs")
    session.run("python", "scripts/bench.py", *session.posargs)


@nox.session(default=False)
def mathcompare(session: nox.Session) -> None:
    """Compare latex2mathml with the site's converter (pandoc): formulas converted, time, bytes; save a screenshot.

    Pass the screenshot's path (default math-comparison.png). Needs Chromium.
    """
    _install(session, "test", "docs")
    session.install("latex2mathml")
    output = session.posargs[0] if session.posargs else "math-comparison.png"
    session.run("python", "scripts/compare_math.py", output, env={"PYTHONPATH": str(DOCS / "_ext")})


LIGHTHOUSE = "lighthouse@12.2.3"


@nox.session(default=False)
def audit(session: nox.Session) -> None:
    """Build the site and run Lighthouse (mobile) on each top-level page; print scores and failing audits.

    Needs Node.js with npm and Chromium (``chromium`` on PATH or RELU_CHROMIUM).
    Pass page names to audit only those, for example ``nox -s audit -- index.html``.
    """
    _install(session, "docs")
    session.run("sphinx-build", "-b", "html", *SPHINX_STRICT, "-d", str(DOCTREES), str(DOCS), str(HTML))
    tools = Path(session.virtualenv.location) / "node"
    session.run("npm", "install", "--no-audit", "--no-fund", "--prefix", str(tools), LIGHTHOUSE, external=True)
    session.run(
        "python", "scripts/audit.py", str(HTML), str(tools / "node_modules" / ".bin" / "lighthouse"), *session.posargs
    )


if __name__ == "__main__":
    nox.main()
