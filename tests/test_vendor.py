"""Third-party files kept in tests/vendor: each is the release its README names, unmodified."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

#: axe-core's script, which tests/test_browser.py runs on every page.
VENDORED_AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def test_the_vendored_axe_is_the_release_its_readme_names() -> None:
    readme = (VENDORED_AXE.parent / "README.md").read_text(encoding="utf-8")
    version = re.match(r"# axe-core (\S+)\n", readme)
    assert version is not None
    script = VENDORED_AXE.read_bytes()
    assert script.startswith(f"/*! axe v{version.group(1)}\n".encode())
    assert f"`{hashlib.sha256(script).hexdigest()}`" in readme
    assert {"LICENSE", "LICENSE-3RD-PARTY.txt"} <= {p.name for p in VENDORED_AXE.parent.iterdir()}
