"""Serve each figure as two lazily loaded SVG files, one per colour scheme.

A page's code cells display figures as :class:`relu_explained.plotting.ThemedFigure`,
inline SVG whose colours are CSS properties. Inline, every figure adds
thousands of elements to the page and its full weight to the HTML. This
extension replaces each one, after the page is read, by two ``<img>`` elements
with furo's ``only-light`` and ``only-dark`` classes, whose files (written to
``_images/``, named by their content) have the colours of one scheme. With
``loading="lazy"``, the browser fetches only the variant that is displayed,
and only when the reader scrolls near it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from relu_explained.plotting import standalone_svg

_INLINE = re.compile(r"<svg\b[^>]*\bclass=\"relu-figure\".*?</svg>", re.DOTALL)
_LABEL = re.compile(r'aria-label="([^"]*)"')
_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')


def _images(app: Sphinx, docname: str, svg: str) -> str:
    label, box = _LABEL.search(svg), _VIEWBOX.search(svg)
    if label is None or box is None:
        msg = f"{docname}: a figure has no alt text or no viewBox"
        raise ValueError(msg)
    width, height = (round(float(v)) for v in box.groups())
    folder = Path(app.outdir) / "_images"
    folder.mkdir(parents=True, exist_ok=True)
    prefix = "../" * docname.count("/")
    tags = []
    for scheme in ("light", "dark"):
        data = standalone_svg(svg, scheme).encode("utf-8")
        name = f"figure-{hashlib.sha256(data).hexdigest()[:20]}.svg"
        path = folder / name
        if not path.exists():
            path.write_bytes(data)
        tags.append(
            f'<img class="relu-figure only-{scheme}" src="{prefix}_images/{name}" alt="{label.group(1)}" '
            f'width="{width}" height="{height}" loading="lazy" decoding="async">'
        )
    return "".join(tags)


def _replace_inline_figures(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if node.get("format") != "html" or 'class="relu-figure"' not in text:
            continue
        replacement = nodes.raw("", _INLINE.sub(lambda m: _images(app, docname, m.group(0)), text), format="html")
        replacement["classes"] = node.get("classes", [])
        node.replace_self(replacement)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", _replace_inline_figures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
