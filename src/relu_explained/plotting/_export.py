"""Export a figure as inline SVG that follows the page's colour scheme."""

from __future__ import annotations

import html
import io
import re
from typing import Any, Final

import matplotlib as mpl
from matplotlib.figure import Figure

from ._style import PALETTE, STYLE

__all__ = ["ThemedFigure", "standalone_svg"]

_SVG_START: Final = re.compile(r"<svg\b[^>]*>")
_HEX: Final = re.compile(r"#[0-9a-fA-F]{6}\b")
_REFERENCE: Final = re.compile(r'(?:url\(#|href="#)([^)"]+)')
_ID: Final = re.compile(r'\sid="([^"]+)"')
_DEFAULT_ALT: Final = re.compile(r"^\s*<Figure size", re.IGNORECASE)
_DECIMALS: Final = re.compile(r"-?\d+\.\d{3,}")
_FONT_FAMILY: Final = re.compile(r"font-family: ([^;\"]*);?\s*")
_VAR: Final = re.compile(r"var\(--relu-([a-z0-9]+), (#[0-9a-f]{6})\)")
_STYLE_ELEMENT: Final = re.compile(r"<style type=\"text/css\">(.*?)</style>", re.DOTALL)


def _round(match: re.Match[str]) -> str:
    """A coordinate to 0.01 pt, a hundredth of a point: far below a screen pixel."""
    text = f"{float(match.group(0)):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class ThemedFigure:
    """A figure with alt text, shown as SVG that adapts to light and dark pages.

    In a notebook or a page built with myst-nb, a `ThemedFigure` displays as an
    inline ``<svg>`` element. Each palette colour in it is written as
    ``var(--relu-<role>, <light colour>)``, so the figure takes its colours
    from the page's stylesheet (see :func:`css_variables`) and keeps the light
    colours where no stylesheet defines them.

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
        If `figure` is not a matplotlib Figure or `alt` is not a string.
    ValueError
        If `alt` is empty or matplotlib's placeholder ("<Figure size ...>").

    Examples
    --------
    >>> from relu_explained.plotting import ThemedFigure, plot_relu
    >>> shown = ThemedFigure(plot_relu(), alt="The graph of ReLU.")
    >>> svg = shown.to_svg()
    >>> 'aria-label="The graph of ReLU."' in svg, "var(--relu-foreground" in svg
    (True, True)
    """

    def __init__(self, figure: Figure, alt: str, label: str | None = None) -> None:
        self._check(figure, alt)
        self.figure = figure
        self.alt = alt.strip()
        self.label = label or self.alt

    @staticmethod
    def _check(figure: object, alt: object) -> None:
        if not isinstance(figure, Figure):
            msg = f"figure must be a matplotlib Figure, got {type(figure).__name__}"
            raise TypeError(msg)
        if not isinstance(alt, str):
            msg = f"alt must be a string, got {type(alt).__name__}"
            raise TypeError(msg)
        if not alt.strip() or _DEFAULT_ALT.match(alt):
            msg = "alt must describe what the figure shows, got an empty or placeholder text"
            raise ValueError(msg)

    def to_svg(self) -> str:
        """Return the figure as an ``<svg>`` element for inline use in HTML.

        Returns
        -------
        str
            SVG markup with no XML prolog, no timestamp, ``role="img"``, the
            alt text as its accessible name, and colours bound to CSS
            properties.
        """
        buffer = io.StringIO()
        rc: dict[Any, Any] = {"svg.hashsalt": f"{STYLE['svg.hashsalt']}:{self.label}", "svg.fonttype": "none"}
        with mpl.rc_context(rc):
            self.figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        svg = buffer.getvalue()
        svg = svg[svg.index("<svg") :]
        svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
        svg = _SVG_START.sub(self._svg_start, svg, count=1)
        svg = self._compact(svg)
        # matplotlib names every group ("figure_1", "line2d_3"...); those names
        # repeat across figures on a page, so keep only the ids that are used.
        used = set(_REFERENCE.findall(svg))
        svg = _ID.sub(lambda m: m.group(0) if m.group(1) in used else "", svg)
        roles = {light.lower(): role for role, (light, _dark) in PALETTE.items()}

        def bind(match: re.Match[str]) -> str:
            found = match.group(0).lower()
            role = roles.get(found)
            return f"var(--relu-{role}, {found})" if role else found

        return _HEX.sub(bind, svg)

    @staticmethod
    def _compact(svg: str) -> str:
        """Shrink the markup without changing the picture.

        Coordinates are rounded to 0.01 pt; the font family, repeated by
        matplotlib on every text element, is stated once in the figure's own
        style sheet, whose rules are scoped to ``.relu-figure`` so that they
        cannot leak into the rest of an HTML page; line breaks inside paths
        and between elements go.
        """
        families = _FONT_FAMILY.findall(svg)
        svg = _FONT_FAMILY.sub("", svg)
        rules = _STYLE_ELEMENT.search(svg)
        scoped = ".relu-figure *{" + (rules.group(1).strip()[2:-1] if rules else "") + "}"
        if families:
            scoped += f".relu-figure text{{font-family:{families[0]}}}"
        svg = _STYLE_ELEMENT.sub(lambda _: f"<style>{scoped}</style>", svg, count=1)
        svg = _DECIMALS.sub(_round, svg)
        svg = re.sub(r' transform="rotate\(-?0 [^")]*\)"', "", svg)
        svg = re.sub(r"\s*\n\s*", " ", svg)
        return re.sub(r">\s+<", "><", svg).strip()

    def _svg_start(self, match: re.Match[str]) -> str:
        tag = match.group(0)
        tag = re.sub(r'\s(width|height)="[^"]*"', "", tag)
        label = html.escape(self.alt, quote=True)
        return tag[:-1] + f' class="relu-figure" role="img" aria-label="{label}">'

    def _repr_html_(self) -> str:
        return self.to_svg()

    def __repr__(self) -> str:
        return f"ThemedFigure(alt={self.alt!r})"


def standalone_svg(svg: str, scheme: str) -> str:
    """Turn the inline SVG of a :class:`ThemedFigure` into an SVG file for one colour scheme.

    Every ``var(--relu-<role>, <light colour>)`` becomes the role's colour in
    `scheme`, so the result needs no stylesheet: it can be served as an image
    file, for example one per scheme, shown with ``<img>`` and the alt text.

    Parameters
    ----------
    svg : str
        Markup returned by ``ThemedFigure.to_svg()``.
    scheme : {"light", "dark"}
        The colour scheme whose palette values are used.

    Returns
    -------
    str
        An SVG document without the inline-only ``role`` and ``aria-label``
        attributes (an ``<img>`` element carries the alt text instead).

    Raises
    ------
    ValueError
        If `scheme` is not "light" or "dark", or `svg` is not a ThemedFigure's SVG.

    Examples
    --------
    >>> from relu_explained.plotting import PALETTE, ThemedFigure, plot_relu, standalone_svg
    >>> dark = standalone_svg(ThemedFigure(plot_relu(), alt="ReLU").to_svg(), "dark")
    >>> "var(" in dark, PALETTE["foreground"][1] in dark
    (False, True)
    """
    if scheme not in ("light", "dark"):
        msg = f"scheme must be 'light' or 'dark', got {scheme!r}"
        raise ValueError(msg)
    start = _SVG_START.match(svg.lstrip())
    if start is None or 'class="relu-figure"' not in start.group(0):
        msg = "svg must be the markup of ThemedFigure.to_svg()"
        raise ValueError(msg)
    index = 0 if scheme == "light" else 1

    def resolve(match: re.Match[str]) -> str:
        pair = PALETTE.get(match.group(1))
        return pair[index] if pair else match.group(2)

    head = re.sub(r'\s(role|aria-label)="[^"]*"', "", start.group(0))
    return _VAR.sub(resolve, head + svg.lstrip()[start.end() :])
