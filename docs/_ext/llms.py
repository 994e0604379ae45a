"""A plain-text edition of the site for tools: ``llms.txt`` and ``llms-full.txt`` at its root.

``llms.txt`` (https://llmstxt.org) lists the pages in the order of the table of
contents, each with its description (the one ``descriptions.py`` gives search
engines); ``llms-full.txt`` holds every page's text as Sphinx's text builder
writes it: formulas in LaTeX between dollar signs, code and the outputs it
printed (a table as Markdown), a figure as its alt text. Each page's entry is made when the page is
written and kept beside the doctrees, so that an incremental build, which
writes only the pages that changed, writes both files whole.
"""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from descriptions import DESCRIPTION
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.writers.text import TextTranslator

if TYPE_CHECKING:
    from sphinx.builders.text import TextBuilder


class _Tables(HTMLParser):
    """The tables of an HTML output (``relu_explained.tables``) as Markdown: caption, rows, then notes."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self._row: list[str] = []
        self._text: list[str] | None = None
        self._rows = 0
        self._notes: list[str] = []
        self._foot = False

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"caption", "th", "td", "p"}:
            self._text = []
        elif tag == "code" and self._text is not None:
            self._text.append("`")
        elif tag == "table":
            self._rows, self._notes = 0, []
        elif tag in {"tr", "tfoot"}:
            self._row, self._foot = [], self._foot or tag == "tfoot"

    def handle_endtag(self, tag: str) -> None:
        if tag == "code" and self._text is not None:
            self._text.append("`")
        elif tag in {"caption", "th", "td", "p"} and self._text is not None:
            text, self._text = " ".join("".join(self._text).split()), None
            if tag == "caption":
                self.lines += [f"Table: {text}", ""]
            elif self._foot:
                self._notes += [text] if text else []
            else:
                self._row.append(text.replace("|", "\\|"))
        elif tag == "tr" and not self._foot:
            self.lines.append(f"| {' | '.join(self._row)} |")
            self._rows += 1
            if self._rows == 1:
                self.lines.append("|" + " --- |" * len(self._row))
        elif tag == "table":
            self.lines += ["", *self._notes, ""] if self._notes else [""]
            self._foot = False

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


class _Text(TextTranslator):
    """Sphinx's text writer, with formulas between ``$`` (``$$`` displayed), a figure once (its light variant)
    as its alt text, tables output by code as Markdown, and the nodes of other extensions (a folded cell, say)
    passing their contents through. Figures and equations keep their numbers."""

    def __init__(self, document: nodes.document, builder: TextBuilder, numbers: dict[str, dict[str, Any]]) -> None:
        super().__init__(document, builder)
        self._numbers = numbers  # the page's figure and equation numbers (env.toc_fignumbers)

    def _number(self, kind: str, node: nodes.Element) -> str:
        ids = node.get("ids") or node.parent.get("ids") or [""]
        return ".".join(map(str, self._numbers.get(kind, {}).get(ids[0], ())))

    def visit_number_reference(self, node: nodes.Element) -> None:
        self.add_text(node.astext())  # "Figure 3", as the page shows it
        raise nodes.SkipNode

    def visit_math(self, node: nodes.Element) -> None:
        self.add_text(f"${node.astext()}$")
        raise nodes.SkipNode

    def visit_math_block(self, node: nodes.Element) -> None:
        number = self._number("displaymath", node)
        self.new_state()
        self.add_text(f"$${node.astext()}$$" + (f" ({number})" if number else ""))
        self.end_state(wrap=False)
        raise nodes.SkipNode

    def visit_image(self, node: nodes.Element) -> None:
        if "only-dark" not in node["classes"] and node.get("alt"):
            self.new_state(0)
            self.add_text(f"[image: {node['alt']}]")
            self.end_state()
        raise nodes.SkipNode

    def visit_raw(self, node: nodes.Element) -> None:
        if "html" in node.get("format", "").split() and "<table" in node.astext():
            tables = _Tables()
            tables.feed(node.astext())
            tables.close()
            self.new_state(0)
            self.add_text("\n".join(tables.lines).strip())
            self.end_state(wrap=False)
            raise nodes.SkipNode
        super().visit_raw(node)

    def visit_caption(self, node: nodes.Element) -> None:
        self.new_state(0)
        number = self._number("figure", node.parent) if isinstance(node.parent, nodes.figure) else ""
        if number:
            self.add_text(f"Figure {number}. ")

    def depart_caption(self, _node: nodes.Element) -> None:
        self.end_state()

    def unknown_visit(self, node: nodes.Node) -> None:
        pass

    def unknown_departure(self, node: nodes.Node) -> None:
        pass


_PENDING: dict[str, str] = {}  # the text of each page being written, until its HTML is made


def _store(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    # The text writer reads the configuration and the section numbers of its builder, which the HTML builder has too.
    numbers = app.env.toc_fignumbers.get(docname, {})
    translator = _Text(doctree, cast("TextBuilder", app.builder), numbers)
    doctree.walkabout(translator)
    _PENDING[docname] = translator.body.strip()


def _kept(app: Sphinx) -> Path:
    """Where each page's entry is kept between builds: beside the doctrees, outside the published tree."""
    return Path(app.doctreedir) / "llms"


def _keep(app: Sphinx, pagename: str, _template: str, context: dict[str, Any], _doctree: Any) -> None:
    """Keep the page's title, description (as descriptions.py wrote it) and text, for this and later builds."""
    text = _PENDING.pop(pagename, None)
    if text is None:
        return
    found = DESCRIPTION.search(context.get("metatags", ""))
    entry = {
        "title": app.env.titles[pagename].astext(),
        "description": html.unescape(next(g for g in found.groups() if g is not None)) if found else "",
        "text": text,
    }
    path = _kept(app) / f"{pagename}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")


def _in_order(env: BuildEnvironment, root: str) -> list[str]:
    """The pages of the table of contents, depth first, each once."""
    order: list[str] = []
    stack = [root]
    while stack:
        docname = stack.pop()
        if docname not in order:
            order.append(docname)
            stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return order


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    entries = {}
    for docname in _in_order(app.env, app.config.root_doc):
        path = _kept(app) / f"{docname}.json"
        if path.exists():
            entries[docname] = json.loads(path.read_text(encoding="utf-8"))
    summary = app.config.llms_summary
    index = [f"# {app.config.project}", "", f"> {summary}", ""]
    index += ["Every page below is also in [llms-full.txt](llms-full.txt), as text with its formulas in LaTeX.", ""]
    full = [f"# {app.config.project}", "", f"> {summary}", ""]
    for heading, api in (("Pages", False), ("API reference", True)):
        chosen = [d for d in entries if d.startswith("api/") == api]
        if chosen:
            index += [f"## {heading}", ""]
        for docname in chosen:
            uri, entry = app.builder.get_target_uri(docname), entries[docname]
            index.append(f"- [{entry['title']}]({uri}): {entry['description']}".removesuffix(": "))
            full += ["", "=" * 79, uri, "=" * 79, "", entry["text"]]
        index.append("")
    Path(app.outdir, "llms.txt").write_text("\n".join(index), encoding="utf-8")
    Path(app.outdir, "llms-full.txt").write_text("\n".join(full) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("llms_summary", "", "html", str)
    app.connect("doctree-resolved", _store)
    app.connect("html-page-context", _keep, priority=950)  # after descriptions.py
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
