"""A figure with its alt text, as SVG in a light and a dark variant."""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Callable
from typing import Any, Final

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.text import Text

from .._validation import as_text, check_choice
from ._style import PALETTE, STYLE

__all__ = ["ThemedFigure"]

#: The MIME type under which a :class:`ThemedFigure` hands both variants and its
#: alt text to a renderer (``relu_explained.plotting._mystnb`` for the site).
MIME_TYPE: Final = "application/vnd.relu-explained.figure+json"

_SVG_START: Final = re.compile(r"<svg\b[^>]*>")
#: A start, end or empty tag. matplotlib escapes "<" and ">" in text and attribute values.
_TAG: Final = re.compile(r"<[^>]*>")
_HEX: Final = re.compile(r"#[0-9a-f]{6}\b")
_REFERENCE: Final = re.compile(r'(?:url\(#|href="#)([^)"]+)')
_ID: Final = re.compile(r'\sid="([^"]+)"')
_DEFAULT_ALT: Final = re.compile(r"^\s*<Figure size", re.IGNORECASE)
_DECIMALS: Final = re.compile(r"-?\d+\.\d{3,}")
#: Attributes that hold coordinates; text content and other attributes (aria-label) are never rounded.
_GEOMETRY: Final = re.compile(
    r'(\s(?:d|x|y|x1|y1|x2|y2|cx|cy|r|width|height|viewBox|transform|points|style)=")([^"]*)"'
)
_FONT_FAMILY: Final = re.compile(r"font-family: ([^;\"]*);?\s*")
_STYLE_ELEMENT: Final = re.compile(r"<style type=\"text/css\">(.*?)</style>", re.DOTALL)
_DARK: Final = {light.lower(): dark.lower() for light, dark in PALETTE.values()}


def _in_tags(svg: str, rewrite: Callable[[str], str]) -> str:
    """Apply `rewrite` to each tag of `svg` (its name and attributes), never to the text between tags."""
    return _TAG.sub(lambda m: rewrite(m.group(0)), svg)


def _round(match: re.Match[str]) -> str:
    """A coordinate to 0.01 pt, a hundredth of a point: far below a screen pixel."""
    text = f"{float(match.group(0)):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class ThemedFigure:
    """A figure with alt text, as SVG in a light and a dark variant.

    The figure, drawn with the light colours of :data:`PALETTE`, is written as
    SVG once; the dark variant replaces each light palette colour by its dark
    counterpart. Displayed in a notebook, a `ThemedFigure` offers four
    representations: the light variant on an opaque light background, as SVG
    (``image/svg+xml``, which Jupyter front ends show in trusted notebooks) and
    as PNG (``image/png``, shown in untrusted ones, such as a downloaded
    notebook), readable in a light or a dark theme; both variants with the
    alt text (``MIME_TYPE``, which the site's renderer turns into one image
    file per colour scheme); and its repr.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        A figure drawn with the palette colours, as the plotting functions of
        this module draw them.
    alt : str
        Text alternative that says what the figure shows, for readers who do
        not see it.
    label : str, optional
        A name unique on the page; it seeds the identifiers inside the SVG so
        that two figures on one page never share one. Defaults to `alt`.

    Raises
    ------
    TypeError
        If `figure` is not a matplotlib Figure, or `alt` or `label` is not a string.
    ValueError
        If `alt` is empty or matplotlib's placeholder ("<Figure size ...>"), or
        `alt` or `label` holds a character that XML forbids.

    Examples
    --------
    >>> from relu_explained.plotting import PALETTE, ThemedFigure, plot_relu
    >>> shown = ThemedFigure(plot_relu(), alt="The graph of ReLU.")
    >>> 'aria-label="The graph of ReLU."' in shown.svg("light")
    True
    >>> PALETTE["foreground"][1] in shown.svg("dark"), PALETTE["foreground"][0] in shown.svg("dark")
    (True, False)
    """

    def __init__(self, figure: Figure, alt: str, label: str | None = None) -> None:
        self._check(figure, alt)
        if label is not None:
            as_text(label, "label")
        self.figure = figure
        self.alt = alt.strip()
        self.label = label or self.alt
        width, height = figure.get_size_inches() * 72  # SVG user units are points
        self.size = (round(float(width)), round(float(height)))
        light = self._render()
        dark = _in_tags(light, lambda tag: _HEX.sub(lambda m: _DARK.get(m.group(0), m.group(0)), tag))
        # The accessible name goes in last: no rewriting of the markup touches it.
        self._light, self._dark = (_SVG_START.sub(self._svg_start, svg, count=1) for svg in (light, dark))

    @staticmethod
    def _check(figure: object, alt: object) -> None:
        if not isinstance(figure, Figure):
            msg = f"figure must be a matplotlib Figure, got {type(figure).__name__}"
            raise TypeError(msg)
        text = as_text(alt, "alt")
        if not text.strip() or _DEFAULT_ALT.match(text):
            msg = "alt must describe what the figure shows, got an empty or placeholder text"
            raise ValueError(msg)
        for shown in figure.findobj(Text):
            as_text(shown.get_text(), "a text of figure")  # SVG cannot carry control characters

    def svg(self, scheme: str = "light") -> str:
        """Return the figure as an SVG document in one colour scheme.

        Parameters
        ----------
        scheme : {"light", "dark"}
            Whose palette colours the figure is drawn in. Its background is
            transparent: the page's shows through.

        Returns
        -------
        str
            SVG markup with no XML prolog and no timestamp, ``role="img"`` and
            the alt text as its accessible name.

        Raises
        ------
        ValueError
            If `scheme` is not "light" or "dark".
        """
        check_choice(scheme, "scheme", ("light", "dark"))
        return self._light if scheme == "light" else self._dark

    def _render(self) -> str:
        buffer = io.StringIO()
        rc: dict[Any, Any] = {"svg.hashsalt": f"{STYLE['svg.hashsalt']}:{self.label}", "svg.fonttype": "none"}
        with mpl.rc_context(rc):
            self.figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        svg = buffer.getvalue()
        svg = svg[svg.index("<svg") :]
        svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
        svg = re.sub(r"\s*<!--.*?-->", "", svg, flags=re.DOTALL)
        svg = self._compact(svg)
        # matplotlib names every group ("figure_1", "line2d_3"...); those names
        # repeat across figures on a page, so keep only the ids that are used.
        used = {ref for tag in _TAG.findall(svg) for ref in _REFERENCE.findall(tag)}
        return _in_tags(svg, lambda tag: _ID.sub(lambda m: m.group(0) if m.group(1) in used else "", tag))

    @staticmethod
    def _compact(svg: str) -> str:
        """Shrink the markup without changing the picture.

        Coordinates (path data and geometry attributes, never text) are
        rounded to 0.01 pt; the font family, repeated by
        matplotlib on every text element, is stated once in the figure's own
        style sheet, whose rules are scoped to ``.relu-figure``; line breaks
        inside paths and between elements go.
        """
        families = [family for tag in _TAG.findall(svg) for family in _FONT_FAMILY.findall(tag)]
        svg = _in_tags(svg, lambda tag: _FONT_FAMILY.sub("", tag))
        rules = _STYLE_ELEMENT.search(svg)
        scoped = ".relu-figure *{" + (rules.group(1).strip()[2:-1] if rules else "") + "}"
        if families:
            scoped += f".relu-figure text{{font-family:{families[0]}}}"
        svg = _STYLE_ELEMENT.sub(lambda _: f"<style>{scoped}</style>", svg, count=1)
        svg = _in_tags(
            svg, lambda tag: _GEOMETRY.sub(lambda m: m.group(1) + _DECIMALS.sub(_round, m.group(2)) + '"', tag)
        )
        svg = _in_tags(svg, lambda tag: re.sub(r' transform="rotate\(-?0 [^")]*\)"', "", tag))
        svg = re.sub(r"\s*\n\s*", " ", svg)
        return re.sub(r">\s+<", "><", svg).strip()

    def _svg_start(self, match: re.Match[str]) -> str:
        tag = re.sub(r'\s(width|height)="[^"]*"', "", match.group(0))
        label = html.escape(self.alt, quote=True)
        return tag[:-1] + f' class="relu-figure" role="img" aria-label="{label}">'

    def _png(self) -> str:
        """The light variant as a base64 PNG on the light background, for untrusted notebooks."""
        buffer = io.BytesIO()
        background = PALETTE["background"][0]
        self.figure.savefig(buffer, format="png", dpi=100, facecolor=background, metadata={"Software": None})
        return base64.b64encode(buffer.getvalue()).decode("ascii")

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:  # noqa: ARG002 - IPython protocol
        background = PALETTE["background"][0]
        opaque = self._light.replace("<svg ", f'<svg style="background-color:{background}" ', 1)
        width, height = self.size
        return {
            # JupyterLab shows SVG only in trusted notebooks; a downloaded one
            # is not, and shows the PNG instead.
            "image/png": self._png(),
            "image/svg+xml": opaque,
            MIME_TYPE: {"light": self._light, "dark": self._dark, "alt": self.alt, "width": width, "height": height},
            "text/plain": repr(self),
        }

    def __repr__(self) -> str:
        return f"ThemedFigure(alt={self.alt!r})"
