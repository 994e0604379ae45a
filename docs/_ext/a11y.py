"""Accessibility fixes on every HTML page, for zero axe-core violations.

- Citations: docutils marks bibliography entries with the deprecated ARIA role
  ``doc-biblioentry`` inside a ``role="list"`` container; they become list items.
- Code and output blocks get ``tabindex="0"`` so that keyboard users can scroll
  the ones that overflow.
- furo's ``<aside>`` landmarks get distinct accessible names. They are outside
  every block a template can override, so the written files are edited.
- docutils' viewport tag goes; furo's template already has one.
- myst-nb names the control of a folded cell "Toggle hidden content", which
  is not the text it shows ("Show code cell source"): the name goes, and the
  visible text names it (WCAG 2.5.3, label in name).
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

_ASIDES = {
    '<aside class="announcement-content">': '<aside class="announcement-content" aria-label="Version notice">',
    '<aside class="sidebar-drawer">': '<aside class="sidebar-drawer" aria-label="Site navigation">',
    '<aside class="toc-drawer': '<aside aria-label="Contents of this page" class="toc-drawer',
}
_BUILD_STARTED = [0.0]


def _page_context(_app: Sphinx, _pagename: str, _template: str, context: dict[str, Any], _doctree: Any) -> None:
    body = context.get("body", "")
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    body = body.replace('<summary aria-label="Toggle hidden content">', "<summary>")
    context["body"] = re.sub(r"<pre(?![^>]*tabindex)", '<pre tabindex="0"', body)
    context["metatags"] = re.sub(r'<meta name="viewport"[^>]*>', "", context.get("metatags", ""))


def _note_start(_app: Sphinx) -> None:
    _BUILD_STARTED[0] = time.time() - 1  # file times may be rounded down


def _name_asides(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for path in Path(app.outdir).rglob("*.html"):
        if path.stat().st_mtime < _BUILD_STARTED[0]:
            continue  # not written by this build, fixed by an earlier one
        text = path.read_text(encoding="utf-8")
        fixed = text
        for old, new in _ASIDES.items():
            fixed = fixed.replace(old, new)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _page_context)
    app.connect("builder-inited", _note_start)
    app.connect("build-finished", _name_asides)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
