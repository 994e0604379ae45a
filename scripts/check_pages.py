"""Check that documentation pages are executable MyST-NB notebooks with a description.

Usage: ``python scripts/check_pages.py docs/page.md ...``; exits non-zero and
names each page whose YAML front matter lacks ``file_format: mystnb``, a
``kernelspec`` with a name, or a ``myst.html_meta.description``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

_FRONT_MATTER = re.compile(r"---\n(.*?\n)?---\n", flags=re.DOTALL)


def front_matter(path: Path) -> dict[str, Any] | None:
    """The page's YAML front matter as a mapping, or None if it has none (or it is not a mapping)."""
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if match is None:
        return None
    data = yaml.safe_load(match.group(1) or "")
    return data if isinstance(data, dict) else None


def problems(path: Path) -> list[str]:
    """What the page's front matter lacks."""
    try:
        meta = front_matter(path)
    except yaml.YAMLError as error:
        return [f"front matter is not valid YAML ({str(error).splitlines()[0]})"]
    if meta is None:
        return ["no front matter"]
    found = []
    if meta.get("file_format") != "mystnb":
        found.append("no file_format: mystnb")
    kernelspec = meta.get("kernelspec")
    if not (isinstance(kernelspec, dict) and isinstance(kernelspec.get("name"), str)):
        found.append("no kernelspec with a name")
    html_meta = (meta.get("myst") or {}).get("html_meta") if isinstance(meta.get("myst"), dict) else None
    description = html_meta.get("description") if isinstance(html_meta, dict) else None
    if not (isinstance(description, str) and description.strip()):
        found.append("no myst.html_meta description")
    return found


def main(paths: list[str]) -> int:
    failed = 0
    for name in paths:
        for problem in problems(Path(name)):
            print(f"{name}: {problem}")
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
