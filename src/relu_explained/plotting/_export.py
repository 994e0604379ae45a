"""Export a figure as inline SVG that follows the page's colour scheme."""

from __future__ import annotations

import html
import io
import re
from typing import Any, Final

import matplotlib as mpl
from matplotlib.figure import Figure

from ._style import PALETTE, STYLE

__all__ = ["ThemedFigure"]

_SVG_START: Final = re.compile(r"<svg\b[^>]*>")
_HEX: Final = re.compile(r"#[0-9a-fA-F]{6}\b")
_REFERENCE: Final = re.compile(r'(?:url\(#|href="#)([^)"]+)')
_ID: Final = re.compile(r'\sid="([^"]+)"')
_DEFAULT_ALT: Final = re.compile(r"^\s*<Figure size", re.IGNORECASE)


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

    def _svg_start(self, match: re.Match[str]) -> str:
        tag = match.group(0)
        tag = re.sub(r'\s(width|height)="[^"]*"', "", tag)
        label = html.escape(self.alt, quote=True)
        return tag[:-1] + f' class="relu-figure" role="img" aria-label="{label}">'

    def _repr_html_(self) -> str:
        return self.to_svg()
