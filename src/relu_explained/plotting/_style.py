"""One look for every figure: sizes, fonts and a light/dark colour palette.

Figures are drawn with the light colours; :class:`ThemedFigure` writes their
SVG once and makes the dark variant by replacing each light palette colour by
its dark counterpart (the light colours are distinct, so each is recognised).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Final, ParamSpec, TypeVar

import matplotlib as mpl
from cycler import cycler

__all__ = ["PALETTE", "SERIES", "STYLE", "color", "styled"]

# Documented in relu_explained.plotting, which exports these constants.
PALETTE: Final[dict[str, tuple[str, str]]] = {
    "foreground": ("#1a1a1a", "#d6d7d8"),
    "muted": ("#5c5c5c", "#a0a3a8"),
    "grid": ("#dcdcdc", "#34373c"),
    "background": ("#fffffe", "#131416"),
    "c0": ("#1f5fa8", "#6cb2ff"),
    "c1": ("#b4460b", "#ff9d5c"),
    "c2": ("#2d7a32", "#79d083"),
    "c3": ("#7c3fa3", "#c99cf0"),
}

SERIES: Final[tuple[str, ...]] = ("c0", "c1", "c2", "c3")


def color(role: str) -> str:
    """Return the light colour of a palette role, the one figures are drawn with.

    Parameters
    ----------
    role : str
        A key of :data:`PALETTE`.

    Returns
    -------
    str
        A ``#rrggbb`` colour.

    Raises
    ------
    ValueError
        If `role` is not a palette role.

    Examples
    --------
    >>> from relu_explained.plotting import color
    >>> color("c0")
    '#1f5fa8'
    """
    name: object = role
    if not isinstance(name, str) or name not in PALETTE:
        msg = f"role must be one of {sorted(PALETTE)}, got {role!r}"
        raise ValueError(msg)
    return PALETTE[role][0]


_FG = color("foreground")

STYLE: Final[dict[Any, Any]] = {
    "figure.figsize": (6.4, 3.4),
    "figure.dpi": 100,
    "figure.facecolor": "none",
    "figure.edgecolor": "none",
    "figure.constrained_layout.use": True,
    "savefig.facecolor": "none",
    "savefig.edgecolor": "none",
    "savefig.transparent": True,
    "font.size": 10.0,
    "font.family": "sans-serif",
    "axes.facecolor": "none",
    "axes.edgecolor": _FG,
    "axes.labelcolor": _FG,
    "axes.titlesize": 10.0,
    "axes.titlecolor": _FG,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=[color(name) for name in SERIES]),
    "grid.color": color("grid"),
    "grid.linewidth": 0.8,
    "text.color": _FG,
    "xtick.color": _FG,
    "ytick.color": _FG,
    "legend.frameon": False,
    "legend.labelcolor": _FG,
    "lines.linewidth": 2.0,
    "lines.markersize": 7.0,
    "image.cmap": "cividis",
    "svg.fonttype": "none",
    "svg.hashsalt": "relu-explained",
}

P = ParamSpec("P")
R = TypeVar("R")


def styled(func: Callable[P, R]) -> Callable[P, R]:
    """Run a plotting function with :data:`STYLE` in effect."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with mpl.rc_context(STYLE):
            return func(*args, **kwargs)

    return wrapper
