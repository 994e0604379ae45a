"""Render math as MathML when the site is built, set in a math font the site serves.

Every modern browser renders MathML Core natively, so pages need no math
script. Pandoc's TeX math reader converts the formulas (the pandoc binary that
the ``pypandoc-binary`` wheel ships), one run per page. It is given two
commands differently from how they are written, each shown as written:

- ``\\boldsymbol`` and ``\\bm`` of letters (Latin, lowercase Greek) as
  ``\\mathbfit``: TeX sets letters bold italic, pandoc 3.8.2.1 bold upright, as
  ``\\mathbf`` (other symbols, such as ``\\Sigma`` or ``\\sin``, are bold upright
  in both);
- a delimiter TeX takes after ``\\left``, ``\\middle`` or ``\\right`` and pandoc
  does not (``/``, ``\\backslash``, the vertical arrows, ``\\lmoustache``, ...)
  as a placeholder delimiter, one per kind, that pandoc takes and the formula
  does not contain, then shown as written. A formula with more kinds than
  there are placeholders is refused, and so are ``\\lgroup``, ``\\rgroup`` and
  the corners there: the font has no taller forms of them.

Corrections follow, where its markup typesets worse than TeX. They apply within rows
(``mrow``, a table cell, ...), never to the fixed parts of a script, fraction
or limit:

- a prime is an operator after its base (``<mi>f</mi><mo>&#x2032;</mo>``), not a
  superscript, which browsers shrink to a speck;
- a run of upright Latin letters (``\\mathrm{relu}``) is one identifier, read
  as a word;
- an operator name (``\\log``, ``\\lim`` with its limit under it) is followed
  by a thin space before an operand (``\\log 2``); before an operator, a
  bracket, punctuation or a space it adds none;
- the rows of ``aligned``, ``align*`` and ``gather*`` are set in display style;
- ``\\|`` and ``\\lVert`` are the double bar U+2016, a fence without spacing, not
  U+2225 (parallel), a relation;
- each colon is spaced by what its source is, matched in order: ``:`` as a
  relation, ``\\colon`` as punctuation (when the colons shown and written do
  not match one for one, for example one inside ``\\text``, none is changed);
- an accent over one letter (``\\hat y``) is the accent's spacing character at
  its size: pandoc writes ``\\hat`` and ``\\widehat`` alike, as a combining
  character that Chromium stretches into a wide arc; an overline over several
  (``\\overline{x + y}``, ``\\bar``) stretches across them. Chromium does not
  stretch a tilde across several letters (``\\widetilde``);
- a bold digit (``\\boldsymbol{0}``) is the bold digit character: MathML Core
  has no ``mathvariant`` on ``mn``.

``\\tag`` is refused (pandoc drops it without a word; the site numbers
equations). A formula pandoc cannot read is reported as a warning naming the page, the
line, the formula and pandoc's reason (the strict build fails on it), and is
shown as its LaTeX source. So is a numbered ``align`` (or ``gather``, ...)
written without a directive: myst-parser labels it with a random id, which
would change the page on every build. Each formula keeps its LaTeX source as an
annotation. Display equations keep Sphinx's numbering and permalinks.

The font is a subset of STIX Two Math (SIL Open Font License; its copyright
and license stay in the font's name table), taken from the ziamath package
and cut down to the characters the built pages' math uses, written as
``_static/math.woff2`` when the build finishes.
"""

from __future__ import annotations

import html
import io
import json
import logging
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.utils import get_source_line
from fontTools import subset
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.locale import _
from sphinx.util import logging as sphinx_logging
from sphinx.util.math import get_node_equation_number
from sphinx.writers.html5 import HTML5Translator

NS = "http://www.w3.org/1998/Math/MathML"
ET.register_namespace("", NS)
PRIMES = {"\u2032", "\u2033", "\u2034"}
ROWS = {"mrow", "mtd", "mstyle", "mpadded", "msqrt", "menclose", "mphantom", "merror"}
FUNCTION_APPLICATION = "\u2061"
# Combining accents (and the overline of \bar) and the spacing characters that set them over one letter.
SPACING_ACCENTS = {
    "\u0300": "\u0060", "\u0301": "\u00b4", "\u0302": "\u02c6", "\u0303": "\u02dc", "\u0304": "\u00af",
    "\u0306": "\u02d8", "\u0307": "\u02d9", "\u0308": "\u00a8", "\u030c": "\u02c7", "\u203e": "\u00af",
}  # fmt: skip


# A command, not the letters after a line break (\\): preceded by an even number of backslashes.
_COMMAND = r"(?<!\\)((?:\\\\)*)\\"
# Delimiters TeX takes after \left, \middle and \right and pandoc does not. Pandoc reads each
# delimiter as a placeholder delimiter it takes, one per delimiter, then it is shown as itself.
FENCES = {
    "/": "/", "\\backslash": "\\", "\\uparrow": "\u2191", "\\downarrow": "\u2193", "\\updownarrow": "\u2195",
    "\\Uparrow": "\u21d1", "\\Downarrow": "\u21d3", "\\Updownarrow": "\u21d5", "\\lmoustache": "\u23b0",
    "\\rmoustache": "\u23b1", "\\lparen": "(", "\\rparen": ")",
}  # fmt: skip
_FENCE = re.compile(
    _COMMAND
    + r"(left|middle|right)\s*("
    + "|".join(re.escape(f) + ("(?![A-Za-z])" if f[0] == "\\" else "") for f in FENCES)
    + ")"
)
#: Placeholders: delimiters pandoc takes, with what it shows for them; a formula uses those it does not contain.
PLACEHOLDERS = {
    "ulcorner": "\u231c", "urcorner": "\u231d", "llbracket": "\u27e6", "rrbracket": "\u27e7",
    "lceil": "\u2308", "rceil": "\u2309", "lfloor": "\u230a", "rfloor": "\u230b",
}  # fmt: skip
# Delimiters the math font has no taller forms of: a fence would stay the height of a letter.
_SHORT_FENCE = re.compile(_COMMAND + r"(?:left|middle|right)\s*(\\(?:lgroup|rgroup|[lu][lr]corner))(?![A-Za-z])")
# \boldsymbol and \bm set a letter bold italic in TeX (and what is upright, such as \Sigma or \sin, bold
# upright); pandoc 3.8.2.1 sets everything bold upright, as \mathbf. An argument of Latin letters and
# lowercase Greek letters only is given to pandoc as \mathbfit.
_GREEK = (
    "alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|mu|nu|xi|pi|varpi|"
    "rho|varrho|sigma|varsigma|tau|upsilon|phi|varphi|chi|psi|omega"
)
_LETTERS = rf"(?:[A-Za-z]|\\(?:{_GREEK})(?![A-Za-z]))"
_BOLD_LETTERS = re.compile(
    _COMMAND + rf"(?:boldsymbol|bm)(?![A-Za-z])\s*(\{{(?:\s*{_LETTERS})+\s*\}}|[A-Za-z]|\\(?:{_GREEK})(?![A-Za-z]))"
)
BOLD_DIGITS = {str(d): chr(0x1D7CE + d) for d in range(10)}


def _installed(distribution: str) -> bool:
    try:
        metadata.distribution(distribution)
    except metadata.PackageNotFoundError:
        return False
    return True


# Found through the packages' records of their files: importing them is not needed.
FONT = next(Path(str(f.locate())) for f in metadata.files("ziamath") or [] if f.name == "STIXTwoMath-Regular.ttf")
PANDOC = next(
    (
        Path(str(f.locate()))
        for f in (metadata.files("pypandoc-binary") if _installed("pypandoc-binary") else None) or []
        if f.parent.name == "files" and f.stem == "pandoc" and f.suffix in {"", ".exe"}
    ),
    None,
)
FONT_FILE = "math.woff2"
logger = sphinx_logging.getLogger(__name__)


class MathError(ValueError):
    """A formula that cannot be rendered, with the reason."""


def _tag(element: ET.Element) -> str:
    return element.tag.removeprefix(f"{{{NS}}}")


def _new(tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.Element(f"{{{NS}}}{tag}", attrib)
    element.text = text
    return element


def _merge_upright_letters(parent: ET.Element) -> None:
    """Join runs of single upright letters (``\\mathrm{relu}``) into one multi-letter identifier."""
    merged: list[ET.Element] = []
    for child in list(parent):
        text = child.text or ""
        upright = _tag(child) == "mi" and child.get("mathvariant") == "normal" and len(text) == 1 and text.isascii()
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
    # A word alone in its row is the row's one child: the row goes.
    if _tag(parent) == "mrow" and len(parent) == 1 and _tag(parent[0]) == "mi" and not parent.attrib:
        only = parent[0]
        parent.tag, parent.text, parent.attrib = only.tag, only.text, dict(only.attrib)
        parent[:] = []


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


def _is_operator_name(element: ET.Element) -> bool:
    """Pandoc's ``\\log``: mrow(mi, function application); ``\\lim`` in display: munder(mi, limit)."""
    tag, children = _tag(element), list(element)
    if tag == "mrow":
        return len(children) == 2 and _tag(children[0]) == "mi" and children[1].text == FUNCTION_APPLICATION
    if tag in {"munder", "munderover", "msub", "msup", "msubsup"} and children:
        base = children[0]
        return _is_operator_name(base) or (tag == "munder" and _tag(base) == "mi" and len(base.text or "") > 1)
    return False


def _space_after_operator_names(parent: ET.Element) -> None:
    children = list(parent)
    spaced: list[ET.Element] = []
    for child, following in zip(children, [*children[1:], None], strict=False):
        spaced.append(child)
        # Before an operand only: an operator, a bracket, punctuation or a space brings its own spacing.
        operand = following is not None and _tag(following) not in {"mo", "mspace"}
        if operand and _is_operator_name(child):
            spaced.append(_new("mspace", width="0.1667em"))
    parent[:] = spaced


def _improve(element: ET.Element, colons: list[str]) -> None:
    for child in list(element):
        _improve(child, colons)
    tag = _tag(element)
    if tag in ROWS:  # elements whose children form a row; others (msub, mfrac, ...) have fixed positions
        _merge_upright_letters(element)
        _space_after_operator_names(element)
    element[:] = [_prime(child) for child in element]
    if tag == "mo" and element.text == "\u2225" and element.get("stretchy"):  # a fence, as \| and \lVert
        element.text = "\u2016"
    if tag == "mo" and element.text == ":" and colons:
        space = ("0", "0.1667em") if colons.pop(0) == "\\colon" else ("0.2778em", "0.2778em")
        element.set("lspace", space[0])
        element.set("rspace", space[1])
    if tag == "mover" and element[-1].get("accent") == "true" and _tag(element[0]) in {"mi", "mn"}:
        accent = element[-1]
        accent.text = SPACING_ACCENTS.get(accent.text or "", accent.text)
        accent.set("stretchy", "false")
    elif tag == "mover" and element[-1].get("accent") == "true" and element[-1].text in {"\u00af", "\u203e"}:
        element[-1].text = "\u203e"  # \overline, \bar over several letters: the stretchable overline
        element[-1].set("stretchy", "true")
    if tag == "mtable" and any("padding-" in (cell.get("style") or "") for cell in element.iter(f"{{{NS}}}mtd")):
        element.set("displaystyle", "true")


_FORMULA = re.compile(r'<math\b.*?</math>|<span class="math (?:inline|display)">', flags=re.DOTALL)


def convert(formulas: Sequence[tuple[str, bool]]) -> list[str | MathError]:
    """The MathML of each ``(latex, display)`` pair, corrected, or the reason it cannot be rendered.

    All formulas go through one run of pandoc.
    """
    read = [_as_pandoc_reads(latex.strip()) for latex, _display in formulas]
    blocks = [
        {"t": "Para", "c": [{"t": "Math", "c": [{"t": "DisplayMath" if display else "InlineMath"}, latex]}]}
        for (latex, _fences), (_latex, display) in zip(read, formulas, strict=True)
    ]
    document = {"pandoc-api-version": [1, 23, 1], "meta": {}, "blocks": blocks}
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "log.json"
        run = subprocess.run(
            [str(PANDOC), "--from=json", "--to=html", "--mathml", f"--log={log}", "--quiet"],
            input=json.dumps(document),
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        if run.returncode != 0:
            msg = f"pandoc failed ({run.returncode}): {run.stderr.strip()}"
            raise RuntimeError(msg)
        # pandoc's message: the formula, a caret under the culprit, then the reason (and what it expected).
        reasons = {
            entry["contents"]: (entry["message"].splitlines()[2:3] or ["pandoc cannot read it"])[0].strip()
            for entry in json.loads(log.read_text(encoding="utf-8"))
            if entry["type"] == "CouldNotConvertTeXMath"
        }
    outputs = _FORMULA.findall(run.stdout)
    if len(outputs) != len(formulas):
        msg = f"pandoc returned {len(outputs)} formulas for {len(formulas)}"
        raise RuntimeError(msg)
    results: list[str | MathError] = []
    for (latex, _display), (read_as, fences), markup in zip(formulas, read, outputs, strict=True):
        if re.search(r"\\tag(?![A-Za-z])", latex):  # pandoc drops it silently
            results.append(MathError("\\tag is not supported: the site numbers equations ({math} with :label:)"))
        elif short := _SHORT_FENCE.search(latex):
            results.append(MathError(f"the math font has no tall {short[2]} to stretch; use ( ), [ ] or \\{{ \\}}"))
        elif fences is None:
            kinds = ", ".join(dict.fromkeys(m[3] for m in _FENCE.finditer(latex)))
            results.append(MathError(f"too many kinds of delimiter after \\left, \\middle or \\right ({kinds})"))
        elif markup.startswith("<math"):
            results.append(_corrected(markup, latex.strip(), fences))
        else:
            results.append(MathError(reasons.get(read_as, "pandoc cannot read it")))
    return results


def _as_pandoc_reads(latex: str) -> tuple[str, dict[str, str] | None]:
    """`latex` as pandoc is given it (\\boldsymbol of letters as \\mathbfit, each delimiter it does not take as
    a placeholder), and what each placeholder stands for; None if the formula needs more placeholders than
    there are delimiters it does not use itself."""
    latex = _BOLD_LETTERS.sub(lambda m: f"{m[1]}\\mathbfit{{{m[2].strip('{}')}}}", latex)
    wanted = list(dict.fromkeys(match[3] for match in _FENCE.finditer(latex)))
    free = [name for name, shown in PLACEHOLDERS.items() if name not in latex and shown not in latex]
    if not wanted:
        return latex, {}
    if len(wanted) > len(free):
        return latex, None
    named = dict(zip(wanted, free, strict=False))
    read = _FENCE.sub(lambda m: f"{m[1]}\\{m[2]}\\{named[m[3]]} ", latex)
    return read, {PLACEHOLDERS[name]: FENCES[fence] for fence, name in named.items()}


def _corrected(markup: str, latex: str, fences: dict[str, str]) -> str | MathError:
    try:
        root = ET.fromstring(markup)
    except ET.ParseError as error:  # pandoc writes XML; this would be a bug in it
        return MathError(f"pandoc's MathML is not well-formed ({error})")
    for element in root.iter(f"{{{NS}}}mo"):
        if element.text in fences:
            element.text = fences[element.text]
            element.set("lspace", "0")  # a delimiter, not the relation or operator it is elsewhere
            element.set("rspace", "0")
    for element in root.iter():
        if _tag(element) == "mn" and element.attrib.pop("mathvariant", None) in {"bold", "bold-italic"}:
            element.text = "".join(BOLD_DIGITS.get(c, c) for c in element.text or "")  # \boldsymbol{0}
    semantics = root.find(f"{{{NS}}}semantics")
    if semantics is not None and len(semantics) and _tag(semantics[0]) == "mtable":
        semantics[0].set("displaystyle", "true")  # gather, alone in its formula
    annotation = root.find(f".//{{{NS}}}annotation")
    if annotation is not None:
        annotation.text = latex  # as written, not as pandoc read it
    colons = re.findall(r"\\colon(?![A-Za-z])|(?<!\\):", latex)
    shown = [e for e in root.iter(f"{{{NS}}}mo") if e.text == ":"]
    # Each colon shown is matched to its source, \colon or ":", in order; if they do not match, none is changed.
    _improve(root, colons if len(colons) == len(shown) else [])
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


def mathml(latex: str, display: bool) -> str:
    """The MathML of one formula; a :class:`MathError` if it cannot be rendered."""
    (result,) = convert([(latex, display)])
    if isinstance(result, MathError):
        raise result
    return result


def _formulas(node: nodes.Element) -> list[tuple[str, bool]]:
    if isinstance(node, nodes.math_block):
        # Sphinx's math directive takes several equations, separated by blank lines.
        return [(part, True) for part in node.astext().split("\n\n") if part.strip()]
    return [(node.astext(), False)]


#: Each formula's result, converted once per build process; and the formulas already reported.
_CONVERTED: dict[tuple[str, bool], str | MathError] = {}
_REPORTED: set[tuple[str, bool]] = set()


def _location(node: nodes.Element) -> str | nodes.Element:
    """The page and line of a formula: an inline formula's paragraph line plus the lines before it in the paragraph."""
    source, line = get_source_line(node)
    if node.tagname == "math" and node.parent is not None and line:  # inline: within a paragraph
        before = node.parent.children[: node.parent.index(node)]
        line += sum(child.astext().count("\n") for child in before)
    return f"{source}:{line}" if source and line else node


def _render(node: nodes.Element) -> list[str]:
    pairs = _formulas(node)
    missing = [pair for pair in pairs if pair not in _CONVERTED]
    if missing:  # a formula outside the page's body; the page's own were converted together
        _CONVERTED.update(zip(missing, convert(missing), strict=True))
    shown = []
    for pair in pairs:
        result = _CONVERTED[pair]
        if not isinstance(result, MathError):
            shown.append(result)
            continue
        if pair not in _REPORTED:  # a formula in a title is also written in the navigation of other pages
            _REPORTED.add(pair)
            culprit = " ".join(pair[0].split())
            logger.warning("cannot render the math `%s`: %s", culprit, result, location=_location(node), type="mathml")
        shown.append(f'<code class="math-error">{html.escape(pair[0].strip())}</code>')
    return shown


def convert_page(app: Sphinx, doctree: nodes.document, _docname: str) -> None:
    """Convert every formula of a page in one run of pandoc, before the page is written."""
    if app.builder.format != "html":
        return
    found: list[nodes.Element] = [*doctree.findall(nodes.math), *doctree.findall(nodes.math_block)]
    missing = list(dict.fromkeys(pair for node in found for pair in _formulas(node) if pair not in _CONVERTED))
    if missing:
        _CONVERTED.update(zip(missing, convert(missing), strict=True))
    for node in found:
        if "amsmath" in node["classes"] and node.get("label"):
            environment = re.match(r"\s*\\begin\{(\w+)", node.astext())
            name = environment[1] if environment else "amsmath"
            logger.warning(
                "a numbered `%s` written bare gets a new random id on every build; put it in a {math} directive "
                "with a :label:, or write `%s*`",
                name,
                name,
                location=node,
                type="mathml",
            )
    for node in found:
        node["mathml"] = _render(node)


def preload_font(app: Sphinx, _pagename: str, _template: str, context: dict[str, Any], _doctree: Any) -> None:
    """Ask for the math font with the page's style sheets on a page with formulas, so that it is there at the
    first paint: fetched only when the style sheet asks for it, it came after, and the lines with formulas grew
    when it did, moving the text below them (a layout shift of 0.24 on the article in Lighthouse's mobile run)."""
    if app.builder.format == "html" and "<math" in context.get("body", ""):
        href = context["pathto"](f"_static/{FONT_FILE}", resource=True)
        context["metatags"] = (
            context.get("metatags", "")
            + f'\n<link rel="preload" href="{href}" as="font" type="font/woff2" crossorigin />'
        )


def _markup(node: nodes.Element) -> list[str]:
    # A formula outside the page's body (a title in the navigation) was not converted with the page.
    if "mathml" not in node:
        node["mathml"] = _render(node)
    return list(node["mathml"])


def visit_math(self: HTML5Translator, node: nodes.math) -> None:
    self.body.extend(_markup(node))
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
    self.body.extend(_markup(node))
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
    # Digits for equation numbers; the radical, which a square root draws without showing it as text.
    characters = "".join(sorted(math_characters(Path(app.outdir)) | set("0123456789\u221a")))
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
    if PANDOC is None:
        msg = "docs/_ext/mathml.py needs pandoc from the pypandoc-binary package (the docs dependency group)"
        raise ExtensionError(msg)
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    app.connect("doctree-resolved", convert_page)
    app.connect("html-page-context", preload_font)
    app.connect("build-finished", write_font)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
