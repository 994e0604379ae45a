"""Build the documentation site from the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sitetools import SPHINX_STRICT

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


@dataclass(frozen=True)
class Build:
    """The result of one sphinx-build run."""

    returncode: int
    output: str
    html: Path


def sphinx_build(source: Path, out: Path, *extra: str, timeout: float = 600) -> Build:
    """Run sphinx-build strictly, as ``nox -s docs`` does, and return what it printed."""
    html = out / "html"
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", *SPHINX_STRICT, "-d", str(out / "doctrees"), *extra]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(
        [*cmd, str(source), str(html)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, html)


def copy_docs(dest: Path) -> Path:
    """Copy the documentation sources (without build output) to `dest`.

    The scripts folder, which a page includes, is copied beside it.
    """
    shutil.copytree(DOCS, dest, ignore=shutil.ignore_patterns("_build", "generated"))
    shutil.copytree(ROOT / "scripts", dest.parent / "scripts")
    return dest


def first_difference(a: Path, b: Path) -> str | None:
    """The first file, in sorted order, that differs between two trees (or exists in one only), else None."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    for name in sorted(files_a | files_b):
        if name not in files_a or name not in files_b:
            return f"{name} (only in {'the second' if name in files_b else 'the first'} tree)"
        if (a / name).read_bytes() != (b / name).read_bytes():
            return name
    return None
