"""Finishing touches on every HTML page: accessibility fixes and a meta description.

- Citations: docutils marks bibliography entries with the deprecated ARIA role
  ``doc-biblioentry`` inside a ``role="list"`` container; they become list items.
- Code and output blocks get ``tabindex="0"`` so that keyboard users can scroll
  the ones that overflow.
- furo's two ``<aside>`` landmarks get distinct accessible names.
- docutils' viewport tag goes; furo's template already has one.
- A page without a ``description`` meta tag (API entries, contents, search) gets
  one from its first paragraph, so every page has exactly one.
"""

from __future__ import annotations

import html
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
_DESCRIPTION_LENGTH = 155
_BUILD_STARTED = [0.0]
_GENERATED = {"search": "Search the {project} documentation."}


def _first_paragraph(body: str) -> str:
    match = re.search(r"<p>(.*?)</p>", body, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", "", match.group(1)) if match else ""
    text = " ".join(html.unescape(text).split())
    if len(text) > _DESCRIPTION_LENGTH:
        text = text[: _DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "\u2026"
    return text


def _page_context(app: Sphinx, pagename: str, _template: str, context: dict[str, Any], _doctree: Any) -> None:
    body = context.get("body", "")
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    body = re.sub(r"<pre(?![^>]*tabindex)", '<pre tabindex="0"', body)
    context["body"] = body
    # docutils adds a viewport tag and furo's template has its own: keep one.
    metatags = re.sub(r'<meta name="viewport"[^>]*>', "", context.get("metatags", ""))
    tag = re.search(r'<meta [^>]*name="description"[^>]*>', metatags)
    description = re.search(r'content="([^"]*)"', tag.group(0)) if tag else None
    if description is None:
        fallback = _GENERATED.get(pagename, "A page of the {project} documentation.")
        summary = html.escape(_first_paragraph(body) or fallback.format(project=app.config.project))
        metatags += f'\n<meta name="description" content="{summary}" />'
    else:
        summary = description.group(1)
    # Social previews show the same description, not the page's first words
    # (which may be LaTeX source).
    # A function as the replacement: the description is text, not a template
    # (a backslash in it must stay a backslash).
    context["metatags"] = re.sub(
        r'<meta property="og:description" content="[^"]*"',
        lambda _match: f'<meta property="og:description" content="{summary}"',
        metatags,
    )


def _note_start(_app: Sphinx) -> None:
    _BUILD_STARTED[0] = time.time() - 1  # file times may be rounded down


def _finish_files(app: Sphinx, exception: Exception | None) -> None:
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
    app.connect("html-page-context", _page_context, priority=900)  # after sphinxext-opengraph
    app.connect("builder-inited", _note_start)
    app.connect("build-finished", _finish_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
