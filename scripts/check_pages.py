"""Check that documentation pages are executable MyST-NB notebooks with a description.

Usage: ``python scripts/check_pages.py docs/page.md ...``; exits non-zero and
names each page that lacks ``file_format: mystnb``, a kernel, or an
``html_meta.description`` in its front matter.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REQUIRED = {
    "file_format: mystnb": re.compile(r"^file_format:\s*mystnb\s*$", re.MULTILINE),
    "kernelspec": re.compile(r"^kernelspec:\s*$", re.MULTILINE),
    "html_meta description": re.compile(r"^\s+description:\s*\S", re.MULTILINE),
}


def problems(path: Path) -> list[str]:
    """What the page's front matter lacks."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, flags=re.DOTALL)
    if match is None:
        return ["no front matter"]
    return [f"no {name}" for name, pattern in REQUIRED.items() if not pattern.search(match.group(1))]


def main(paths: list[str]) -> int:
    failed = 0
    for name in paths:
        for problem in problems(Path(name)):
            print(f"{name}: {problem}")
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
