"""The page-description extension (docs/_ext/pagemeta.py) on text that looks like a regular expression."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace
from typing import Any

from sitebuild import DOCS


def _pagemeta() -> Any:
    spec = importlib.util.spec_from_file_location("pagemeta", DOCS / "_ext" / "pagemeta.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_backslashes_in_the_first_paragraph_stay_backslashes() -> None:
    pagemeta = _pagemeta()
    app = SimpleNamespace(config=SimpleNamespace(project="relu-explained"))
    context = {
        "body": r"<p>Match \d+ and refer to group \1 or \g&lt;0&gt;.</p>",
        "metatags": '<meta property="og:description" content="old" />',
    }
    pagemeta._page_context(app, "page", "page.html", context, None)
    assert r'content="Match \d+ and refer to group \1 or \g&lt;0&gt;."' in context["metatags"]
    assert context["metatags"].count(r"\d+") == 2  # the description and the social preview
