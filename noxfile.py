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
# committed data file can be reproduced: the newest releases, measured together.
FRAMEWORKS = ["torch==2.15.0", "jax==0.10.2", "jaxlib==0.10.2", "tensorflow-cpu==2.21.0", "autograd==1.9.1"]
FRAMEWORK_DATA = DOCS / "data" / "framework_gradients.json"
RELEASE_DATA = DOCS / "data" / "releases"
# The release matrix: each release measured alone, in its own environment
# (Python 3.11), into RELEASE_DATA / "<release>.json". Each entry: the
# framework's name in the data, what else the release needs (numpy 1 for
# those built against it), and whether its compiler is measured (every JAX and
# TensorFlow release; PyTorch's compiler takes minutes per release, so only 2.1.2
# and the newest). JAX stops at 0.10: 0.11 and later need Python 3.12.
RELEASES: dict[str, tuple[str, list[str], bool]] = {
    "torch==1.13.1": ("PyTorch", ["numpy<2"], False),
    "torch==2.0.1": ("PyTorch", ["numpy<2"], False),
    "torch==2.1.2": ("PyTorch", ["numpy<2", "setuptools<70"], True),  # its compiler imports pkg_resources
    "torch==2.2.2": ("PyTorch", ["numpy<2"], False),
    "torch==2.3.1": ("PyTorch", [], False),
    "torch==2.4.1": ("PyTorch", [], False),
    "torch==2.5.1": ("PyTorch", [], False),
    "torch==2.6.0": ("PyTorch", [], False),
    "torch==2.7.1": ("PyTorch", [], False),
    "torch==2.8.0": ("PyTorch", [], False),
    "torch==2.9.1": ("PyTorch", [], False),
    "torch==2.10.0": ("PyTorch", [], False),
    "torch==2.11.0": ("PyTorch", [], False),
    "torch==2.12.1": ("PyTorch", [], False),
    "torch==2.13.0": ("PyTorch", [], False),
    "torch==2.14.1": ("PyTorch", [], False),
    "torch==2.15.0": ("PyTorch", [], True),
    "jax==0.4.13": ("JAX", ["jaxlib==0.4.13", "numpy<2"], True),  # the oldest jaxlib on PyPI for Python 3.11
    "jax==0.4.38": ("JAX", ["jaxlib==0.4.38"], True),
    "jax==0.5.3": ("JAX", ["jaxlib==0.5.3"], True),
    "jax==0.6.2": ("JAX", ["jaxlib==0.6.2"], True),
    "jax==0.7.2": ("JAX", ["jaxlib==0.7.2"], True),
    "jax==0.8.3": ("JAX", ["jaxlib==0.8.3"], True),
    "jax==0.9.2": ("JAX", ["jaxlib==0.9.2"], True),
    "jax==0.10.2": ("JAX", ["jaxlib==0.10.2"], True),
    "tensorflow-cpu==2.12.1": ("TensorFlow", ["numpy<2"], True),
    "tensorflow-cpu==2.13.1": ("TensorFlow", ["numpy<2", "ml_dtypes"], True),  # the probe's bfloat16 arrays
    "tensorflow-cpu==2.14.1": ("TensorFlow", ["numpy<2"], True),
    "tensorflow-cpu==2.15.1": ("TensorFlow", ["numpy<2"], True),
    "tensorflow-cpu==2.16.2": ("TensorFlow", ["numpy<2"], True),
    "tensorflow-cpu==2.17.1": ("TensorFlow", ["numpy<2"], True),
    "tensorflow-cpu==2.18.1": ("TensorFlow", [], True),
    "tensorflow-cpu==2.19.1": ("TensorFlow", [], True),
    "tensorflow-cpu==2.20.0": ("TensorFlow", [], True),
    "tensorflow-cpu==2.21.0": ("TensorFlow", [], True),
    "autograd==1.5": ("autograd", ["numpy<2"], False),  # 1.4 does not import on Python 3.11
    "autograd==1.6.2": ("autograd", ["numpy<2"], False),
    "autograd==1.7.0": ("autograd", [], False),
    "autograd==1.8.0": ("autograd", [], False),
    "autograd==1.9.1": ("autograd", [], False),
}
# pip on some machines is capped below the newest PyTorch by a constraints
# file; the measurements must not inherit such a cap.
NO_CAP = {"PIP_CONSTRAINT": "", "PIP_FIND_LINKS": ""}


def release_file(release: str) -> Path:
    """The committed data of one release: ``torch==2.1.2`` -> ``docs/data/releases/torch-2.1.2.json``."""
    return RELEASE_DATA / f"{release.replace('==', '-')}.json"


def _numpy_pin(data: Path) -> list[str]:
    """numpy as the committed file was measured with, if there is one."""
    return [f"numpy=={json.loads(data.read_text(encoding='utf-8'))['numpy']}"] if data.exists() else []


@nox.session(default=False, python="3.11")
def frameworks(session: nox.Session) -> None:
    """Rerun the framework probe; fail if the committed data no longer match.

    Checks the newest releases (docs/data/framework_gradients.json) and each
    release of the matrix (docs/data/releases/), each in its own environment
    with Python 3.11 and the numpy its file was measured with. ``-- --release
    torch==2.1.2`` (repeatable) checks only those releases, ``-- --newest`` only
    the newest; ``--write`` replaces the committed files instead.
    """
    args = list(session.posargs)
    write = "--write" in args
    releases = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--release"]
    understood = {"--write", "--newest", "--release", *releases}
    if args.count("--release") != len(releases) or set(args) - understood:
        session.error(f"usage: nox -s frameworks -- [--newest] [--release NAME==VERSION ...] [--write]; got {args}")
    unknown = sorted(set(releases) - set(RELEASES))
    if unknown:
        session.error(f"not in the release matrix (noxfile.py, RELEASES): {', '.join(unknown)}")
    if "--newest" in args or not releases:
        # The project itself too: the probe writes relu_explained.frameworks.Measurement records.
        session.install(*_numpy_pin(FRAMEWORK_DATA), *FRAMEWORKS, ".", env=NO_CAP)
        probe = ["python", "scripts/probe_frameworks.py"]
        session.run(*probe, *([str(FRAMEWORK_DATA)] if write else ["--check", str(FRAMEWORK_DATA)]))
    if "--newest" in args and not releases:
        return
    for release in releases or list(RELEASES):
        name, needs, compiled = RELEASES[release]
        data = release_file(release)
        env = ROOT / ".nox" / "frameworks-releases" / release.replace("==", "-")
        shutil.rmtree(env, ignore_errors=True)
        python = env / "bin" / "python"
        if shutil.which("uv"):
            session.run("uv", "venv", "-q", "--python", "3.11", str(env), external=True)
            install = ["uv", "pip", "install", "-q", "--python", str(python)]
        else:
            session.run("python", "-m", "venv", str(env))
            install = [str(python), "-m", "pip", "install", "-q"]
        numpy = _numpy_pin(data) if not write else ["numpy"]  # the probe's own need, where a release has no pin
        session.run(*install, release, *needs, *numpy, external=True, env=NO_CAP)
        # The probe needs only the project's record type: not its own pins, which old releases' numpy fails.
        session.run(*install, "--no-deps", ".", external=True, env=NO_CAP)
        probe = [str(python), "scripts/probe_frameworks.py", "--framework", name]
        probe += [] if compiled else ["--mode", "eager"]
        session.run(*probe, *([str(data)] if write else ["--check", str(data)]), external=True)
        shutil.rmtree(env)  # PyTorch's environments take gigabytes


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
