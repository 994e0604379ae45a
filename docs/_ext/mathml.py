"""Render math as MathML when the site is built, set in a math font the site serves.

Every modern browser renders MathML Core natively, so pages need no math
script. The LaTeX source of each formula is converted by latex2mathml and then
corrected where its markup typesets worse than TeX:

- a prime is an operator after its base (``<mi>f</mi><mo>&#x2032;</mo>``), not a
  superscript, which browsers shrink to a speck;
- the limit of ``\\lim`` goes under it in display math (``munder``);
- a minus sign right after an opening bracket or another operator is a prefix
  operator, without the spacing of a binary minus;
- the letters of ``\\mathrm{relu}`` form one identifier, read as a word;
- a function name is followed by a thin space before an argument without
  brackets (``\\log 2``).

Each formula keeps its LaTeX source as an annotation. Display equations keep
Sphinx's numbering and permalinks.

The font is a subset of STIX Two Math (SIL Open Font License; its copyright
and license stay in the font's name table), taken from the ziamath package
and cut down to the characters the built pages' math uses, written as
``_static/math.woff2`` when the build finishes.
"""

from __future__ import annotations

import html
import io
import logging
import re
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path
from typing import Any

from docutils import nodes
from fontTools import subset
from latex2mathml.converter import convert
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.math import get_node_equation_number
from sphinx.writers.html5 import HTML5Translator

NS = "http://www.w3.org/1998/Math/MathML"
ET.register_namespace("", NS)
PRIMES = {"\u2032", "\u2033", "\u2034"}
CLOSING = {")", "]", "}", "\u27e9"}
FUNCTIONS = {"log", "exp", "sin", "cos", "tan", "tanh", "erf"}
ROWS = {"math", "mrow", "mtd", "mstyle", "mpadded", "msqrt", "menclose"}
# Found through the package's record of its files: importing ziamath is not needed.
FONT = next(Path(str(f.locate())) for f in metadata.files("ziamath") or [] if f.name == "STIXTwoMath-Regular.ttf")
FONT_FILE = "math.woff2"


def _tag(element: ET.Element) -> str:
    return element.tag.removeprefix(f"{{{NS}}}")


def _new(tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.Element(f"{{{NS}}}{tag}", attrib)
    element.text = text
    return element


def _merge_upright_letters(parent: ET.Element) -> None:
    """Join runs of single upright letters (``\\mathrm{relu}``) into one multi-letter identifier."""
    children = list(parent)
    merged: list[ET.Element] = []
    for child in children:
        upright = _tag(child) == "mi" and child.get("mathvariant") == "normal" and len(child.text or "") == 1
        previous = merged[-1] if merged else None
        if upright and previous is not None and previous.get("_run") == "1":
            previous.text = (previous.text or "") + (child.text or "")
            continue
        if upright:
            child.set("_run", "1")
        merged.append(child)
    for element in merged:
        if element.attrib.pop("_run", None) and len(element.text or "") > 1:
            element.attrib.pop("mathvariant", None)  # a multi-letter mi is upright already
    parent[:] = merged


def _prime(element: ET.Element) -> ET.Element:
    """msup(base, prime) -> mrow(base, mo prime); msubsup(base, sub, prime) -> msub(mrow(base, mo prime), sub)."""
    tag, children = _tag(element), list(element)
    script = children[-1] if children else None
    if tag not in {"msup", "msubsup"} or script is None or (script.text or "") not in PRIMES:
        return element
    base = _new("mrow")
    base[:] = [children[0], _new("mo", script.text, lspace="0", rspace="0")]
    if tag == "msup":
        return base
    replacement = _new("msub")
    replacement[:] = [base, children[1]]
    return replacement


def _space_after_function_names(parent: ET.Element) -> None:
    """A thin space between a function name and an argument without brackets (``\\log 2``), as TeX sets it."""
    children = list(parent)
    spaced: list[ET.Element] = []
    for i, child in enumerate(children):
        spaced.append(child)
        following = children[i + 1] if i + 1 < len(children) else None
        if (
            _tag(child) == "mi"
            and child.text in FUNCTIONS
            and following is not None
            and not (_tag(following) == "mo" and following.text in {"(", "["})
        ):
            spaced.append(_new("mspace", width="0.1667em"))
    parent[:] = spaced


def _improve(element: ET.Element, display: bool) -> None:
    for child in list(element):
        _improve(child, display)
    _merge_upright_letters(element)
    _space_after_function_names(element)
    element[:] = [_prime(child) for child in element]
    children = list(element)
    for i, child in enumerate(children):
        tag = _tag(child)
        if display and tag == "msub" and len(child) == 2 and (child[0].text or "") == "lim":
            child.tag = f"{{{NS}}}munder"
        if _tag(element) in ROWS and tag == "mo" and child.text in {"\u2212", "+"} and i > 0:
            before = children[i - 1]
            if _tag(before) == "mo" and (before.text or "") not in PRIMES | CLOSING:
                child.set("form", "prefix")


def mathml(latex: str, display: bool) -> str:
    """The MathML of `latex`, corrected as the module describes, with the LaTeX as an annotation."""
    root = ET.fromstring(convert(latex.strip(), display="block" if display else "inline"))
    _improve(root, display)
    semantics = _new("semantics")
    if len(root) == 1 and _tag(root[0]) == "mrow":
        body = root[0]
    else:
        body = _new("mrow")
        body[:] = list(root)
    annotation = _new("annotation", latex.strip(), encoding="application/x-tex")
    semantics[:] = [body, annotation]
    root[:] = [semantics]
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


def visit_math(self: HTML5Translator, node: nodes.math) -> None:
    self.body.append(mathml(node.astext(), display=False))
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
        self.body.append(mathml(part, display=True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


_MATH = re.compile(r"<math\b.*?</math>", flags=re.DOTALL)
_ANNOTATION = re.compile(r"<annotation\b.*?</annotation>", flags=re.DOTALL)


def shown_characters(markup: str) -> set[str]:
    """The characters that the ``<math>`` elements in `markup` show (their LaTeX annotations aside)."""
    characters: set[str] = set()
    for formula in _MATH.findall(markup):
        characters |= set(html.unescape(re.sub(r"<[^>]+>", "", _ANNOTATION.sub("", formula))))
    return characters - set(" \t\n")


def math_characters(outdir: Path) -> set[str]:
    """The characters that the math of every HTML page under `outdir` shows."""
    characters: set[str] = set()
    for page in sorted(outdir.rglob("*.html")):
        characters |= shown_characters(page.read_text(encoding="utf-8"))
    return characters


def write_font(app: Sphinx, exception: Exception | None) -> None:
    """Write the subset of the math font that the built pages need."""
    if exception is not None or app.builder.format != "html":
        return
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    target = Path(app.outdir) / "_static" / FONT_FILE
    characters = "".join(sorted(math_characters(Path(app.outdir)) | set("0123456789")))
    # The characters of the last subset, beside the doctrees: an unchanged set is not cut again.
    record = Path(app.doctreedir) / "math-font-characters.txt"
    if target.exists() and record.exists() and record.read_text(encoding="utf-8") == characters:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(font_subset(set(characters)))
    record.write_text(characters, encoding="utf-8")


def font_subset(characters: set[str]) -> bytes:
    """STIX Two Math cut down to `characters` (and the MATH table's variants of them), as WOFF2."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []  # the MATH table's variants are kept; script styles are scaled
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # copyright, names, version, license
    options.hinting = False
    options.recalc_timestamp = False
    font = subset.load_font(io.BytesIO(FONT.read_bytes()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    app.connect("build-finished", write_font)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
