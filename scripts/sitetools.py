"""What the tests and the benchmark share about building and measuring the site.

- ``SPHINX_STRICT``: the flags of every strict build (kept in pyproject.toml,
  where the noxfile reads them too), and :func:`sphinx_build`, which runs one;
- :func:`copy_docs` and :func:`first_difference`: a copy of the sources to
  build or edit, and a comparison of two build trees;
- :func:`toctree_pages`, :func:`add_to_toctree` and :func:`only_page`: the
  site's pages, read from the table of contents of its root document, never
  from a list of names;
- :func:`page_weight`: the bytes a browser loads for a page, fully scrolled,
  and ``PAGE_WEIGHT_BUDGET``, the article's budget.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from check_pages import front_matter

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
#: The flags of the strict build, from ``[tool.relu-explained]`` in pyproject.toml.
SPHINX_STRICT: list[str] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "relu-explained"
]["sphinx-strict"]
#: The document that holds the site's table of contents (``root_doc`` in conf.py).
ROOT_DOC = "contents"


@dataclass(frozen=True)
class Build:
    """The result of one sphinx-build run."""

    returncode: int
    output: str
    html: Path
    seconds: float


def sphinx_build(source: Path, out: Path, *extra: str, timeout: float = 600, python: str = sys.executable) -> Build:
    """Run sphinx-build strictly, as ``nox -s docs`` does, with `python`; return what it printed."""
    html = out / "html"
    # Output is read by the tests and the benchmark: no colour codes, even where CI is set.
    cmd = [python, "-m", "sphinx", "-b", "html", "--no-color", *SPHINX_STRICT, "-d", str(out / "doctrees"), *extra]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    start = time.perf_counter()
    proc = subprocess.run(
        [*cmd, str(source), str(html)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, html, time.perf_counter() - start)


def copy_docs(dest: Path) -> Path:
    """Copy the documentation sources (without build output) to `dest`, replacing what was there.

    The scripts folder, which a page includes, is copied beside it.
    """
    shutil.rmtree(dest, ignore_errors=True)
    shutil.rmtree(dest.parent / "scripts", ignore_errors=True)
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


_TOCTREE = re.compile(r"^```\{toctree\}\n(?P<body>.*?)^```", flags=re.DOTALL | re.MULTILINE)


def _toctree(docs: Path) -> tuple[str, re.Match[str]]:
    text = (docs / f"{ROOT_DOC}.md").read_text(encoding="utf-8")
    match = _TOCTREE.search(text)
    if match is None:
        msg = f"{docs / ROOT_DOC}.md has no toctree directive"
        raise ValueError(msg)
    return text, match


def toctree_pages(docs: Path) -> list[str]:
    """The pages listed in the root document's table of contents, in order."""
    _, match = _toctree(docs)
    lines = (line.strip() for line in match["body"].splitlines())
    return [line for line in lines if line and not line.startswith(":")]


def notebook_pages(docs: Path) -> list[str]:
    """The pages of `docs` (document names, sorted) that are notebooks myst-nb executes."""
    return sorted(page.stem for page in docs.glob("*.md") if (front_matter(page) or {}).get("file_format") == "mystnb")


def only_page(docs: Path, text: str, name: str = "problem") -> None:
    """Make `text` (file ``name.md``) the only page of the site's sources in `docs`."""
    for page in toctree_pages(docs):
        (docs / f"{page}.md").unlink()
    (docs / f"{ROOT_DOC}.md").write_text(f"# Contents\n\n```{{toctree}}\n{name}\n```\n", encoding="utf-8")
    (docs / f"{name}.md").write_text(text, encoding="utf-8")


def add_to_toctree(docs: Path, page: str) -> None:
    """Append `page` (a document name, no suffix) to the root document's table of contents."""
    text, match = _toctree(docs)
    body = match["body"].rstrip("\n") + f"\n{page}\n"
    (docs / f"{ROOT_DOC}.md").write_text(
        text[: match.start("body")] + body + text[match.end("body") :], encoding="utf-8"
    )


#: Bytes transferred for the article, fully scrolled, in one colour scheme (HTML,
#: CSS, scripts, figures, the math font; gzip as hosts serve them). Measured at
#: 124.9 kB: the HTML about 35 kB, 14 figures (three of them the first frames of
#: interactive figures) about 40 kB, the math font 10.7 kB, furo's and the
#: extensions' CSS and scripts the rest. (An earlier budget of 75 kB
#: rested on a measurement that missed the lazily loaded figures: 62.5 kB then,
#: 99.9 kB for the same page measured as now.) A default myst-nb + furo build
#: of the same content with PNG figures transfers about three times as much;
#: ``nox -s bench`` measures both.
PAGE_WEIGHT_BUDGET = 130_000


def page_weight(page: Any, url: str) -> list[tuple[str, int, int]]:
    """Load `url` in the Playwright `page`, scroll to the bottom; return (address, transferred, decoded) per file.

    Lazy images load as a reader scrolls; sizes are those the browser reports
    (``encodedBodySize``: bytes on the wire, after compression).
    """
    page.goto(url, wait_until="load")
    # Scroll through the page, then bring each displayed image into view and
    # wait until it has loaded: a lazy image scrolled past quickly may not be
    # requested at all, which would undercount the page.
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
                window.scrollTo(0, y);
                await new Promise(r => requestAnimationFrame(r));
            }
            for (const image of document.images) {
                if (image.offsetParent === null) continue;  // not displayed (the other scheme's variant)
                image.scrollIntoView();
                await image.decode().catch(() => null);
            }
        }"""
    )
    page.wait_for_load_state("networkidle")
    entries = page.evaluate(
        """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
            .map(e => [e.name, e.encodedBodySize, e.decodedBodySize])"""
    )
    return [(name, int(sent), int(decoded)) for name, sent, decoded in entries]
