"""Exactly one description per page, the same for search engines and social previews.

A page's front matter may set ``html_meta.description``; every other page gets
one from its first paragraph (for an API entry, the docstring's summary line:
sphinxext-opengraph's own descriptions would take the first text of a class
page, the heading of its "Used on these pages" table), and pages without text
(search) a fixed sentence. A formula in a first paragraph is written as its
LaTeX source: the text of its MathML would run the symbols together. The
social-preview description (``og:description``) is then set to the same text.
"""

from __future__ import annotations

import html
import re
from typing import Any

from sphinx.application import Sphinx

#: A page's description in its head tags, in either attribute order (also read by llms.py).
DESCRIPTION = re.compile(
    r'<meta [^>]*name="description"[^>]*content="([^"]*)"|<meta [^>]*content="([^"]*)"[^>]*name="description"'
)
_OG_DESCRIPTION = re.compile(r'<meta property="og:description" content="[^"]*"')
_LENGTH = 155
#: A formula (MathML, mathml.py) and its LaTeX source: the description has the source, as written.
_MATH = re.compile(r'<math\b.*?<annotation encoding="application/x-tex">(.*?)</annotation>.*?</math>', re.DOTALL)


def _first_paragraph(body: str) -> str:
    match = re.search(r"<p>(.*?)</p>", body, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", "", _MATH.sub(r"\1", match.group(1))) if match else ""
    text = " ".join(html.unescape(text).split())
    if len(text) > _LENGTH:
        text = text[: _LENGTH - 1].rsplit(" ", 1)[0] + "\u2026"
    return text


def _describe(app: Sphinx, pagename: str, _template: str, context: dict[str, Any], _doctree: Any) -> None:
    metatags = context.get("metatags", "")
    found = DESCRIPTION.search(metatags)
    if found is None:
        fallback = f"{pagename.capitalize()} in the {app.config.project} documentation."
        summary = html.escape(_first_paragraph(context.get("body", "")) or fallback)
        metatags += f'\n<meta name="description" content="{summary}" />'
    else:
        summary = next(g for g in found.groups() if g is not None)
    # A function as the replacement: the description is text, not a template
    # (a backslash in it must stay a backslash).
    metatags, replaced = _OG_DESCRIPTION.subn(
        lambda _m: f'<meta property="og:description" content="{summary}"', metatags
    )
    # sphinxext-opengraph finds no description on some pages (an API entry of a constant): one is added.
    if not replaced and 'property="og:title"' in metatags:
        metatags += f'\n<meta property="og:description" content="{summary}" />'
    context["metatags"] = metatags


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _describe, priority=900)  # after sphinxext-opengraph
    return {"parallel_read_safe": True, "parallel_write_safe": True}
