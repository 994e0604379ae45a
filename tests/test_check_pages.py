"""The pre-commit check that every page is an executable MyST-NB notebook with a description."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_pages import main, problems
from sitetools import DOCS, notebook_pages

GOOD = """---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
myst:
  html_meta:
    description: A page.
---

# Title
"""


def _page(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    return page


def test_the_site_pages_pass() -> None:
    # The pages the pre-commit hook checks: every page but the API reference and the table of contents.
    pages = [page for page in DOCS.glob("*.md") if page.stem not in {"api", "contents"}]
    assert len(pages) >= 3
    assert main([str(page) for page in pages]) == 0
    assert sorted(page.stem for page in pages) == notebook_pages(DOCS)


def test_a_complete_page_passes(tmp_path: Path) -> None:
    assert problems(_page(tmp_path, GOOD)) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("file_format: mystnb", "file_format: md"), "no file_format: mystnb"),
        (("  name: python3\n", ""), "no kernelspec with a name"),
        # A description anywhere but under myst.html_meta does not count.
        (("myst:\n  html_meta:\n    description: A page.\n", "kernelspec2:\n  description: A page.\n"), "no myst"),
        (("description: A page.", "description: ''"), "no myst.html_meta description"),
        (("kernelspec:\n", "kernelspec: [\n"), "front matter is not valid YAML"),
    ],
)
def test_a_missing_or_misplaced_field_is_named(tmp_path: Path, change: tuple[str, str], problem: str) -> None:
    found = problems(_page(tmp_path, GOOD.replace(*change)))
    assert any(p.startswith(problem) for p in found), found


def test_a_page_without_front_matter_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _page(tmp_path, "# Title\n")
    assert main([str(page)]) == 1
    assert capsys.readouterr().out == f"{page}: no front matter\n"
