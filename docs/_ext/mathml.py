"""Render math as MathML when the site is built, so pages need no math script.

Every modern browser renders MathML Core natively. The LaTeX source of each
formula is converted by latex2mathml; display equations keep Sphinx's
numbering and permalinks.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.math import get_node_equation_number
from sphinx.writers.html5 import HTML5Translator


def _mathml(latex: str, display: str) -> str:
    return convert(latex.strip(), display=display)


def visit_math(self: HTML5Translator, node: nodes.math) -> None:
    self.body.append(_mathml(node.astext(), "inline"))
    raise nodes.SkipNode


def visit_displaymath(self: HTML5Translator, node: nodes.math_block) -> None:
    # Focusable, so that keyboard users can scroll an equation wider than the
    # page: whether it is depends on the reader's fonts and screen.
    # A labelled equation's id is on its wrapper already: one element may carry it.
    parent_ids: list[str] = node.parent.get("ids", []) if isinstance(node.parent, nodes.Element) else []
    if node["ids"] and set(node["ids"]) <= set(parent_ids):
        self.body.append('<div class="math notranslate nohighlight" tabindex="0">\n')
    else:
        self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight", tabindex="0"))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    for part in parts:
        self.body.append(_mathml(part, "block"))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
