"""Frames of the interactive figures: one setting of a secant, a supporting line, a sharpness.

Each function draws one frame, for one value of the quantity a reader moves,
at the size of the static figure it stands in for, and has a companion
``*_readout`` that states the key number of that frame in words.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, Literal

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._validation import as_plot_number, check_beta
from ..activations import relu, softplus
from ..derivatives import difference_quotient, softplus_derivative
from ..subgradients import subgradient_inequality_holds
from ._axes import _axes, _axes_row, _filled, _label_axes, _subdifferential_map, grid_with_zero
from ._style import color, styled

__all__ = [
    "plot_secant",
    "plot_softplus_sharpness",
    "plot_supporting_line",
    "secant_readout",
    "softplus_sharpness_readout",
    "supporting_line_readout",
]


def _step(h: float) -> float:
    value = as_plot_number(h, "h")
    if value == 0.0:
        msg = f"h must be a finite nonzero step, got {h!r}"
        raise ValueError(msg)
    return value


def _quotients(h: float) -> tuple[float, float]:
    """The difference quotients of ReLU and softplus at 0 for the signed step `h`."""
    side: Literal["left", "right"] = "right" if h > 0 else "left"
    return (
        float(difference_quotient(relu, 0.0, abs(h), side=side)),
        float(difference_quotient(softplus, 0.0, abs(h), side=side)),
    )


@styled
def plot_secant(h: float, *, axes: Sequence[Axes] | None = None) -> Figure:
    """Draw the secants of ReLU and softplus through 0 and the signed step `h`, side by side.

    Each panel shows the function, the points :math:`(0, f(0))` and
    :math:`(h, f(h))` and the line through them, whose slope is the difference
    quotient; the panel's title gives the quotient.

    Parameters
    ----------
    h : float
        The signed step, finite and not 0.
    axes : sequence of two matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `h` is not a real number (a string or a bool is not).
    ValueError
        If `h` is 0, not finite or beyond ±1e300.

    Examples
    --------
    >>> from relu_explained.plotting import plot_secant
    >>> fig = plot_secant(-0.5)
    >>> [ax.get_title() for ax in fig.axes]
    ['ReLU: quotient 0', 'softplus: quotient 0.4381']
    """
    step = _step(h)
    fig, panels = _axes_row(axes, 2)
    if axes is None:
        fig.set_size_inches(6.4, 3.4)
    x = grid_with_zero(-1.2, 1.2, 241)
    functions: tuple[Callable[[Any], Any], ...] = (relu, softplus)
    for ax, name, f, quotient in zip(panels, ("ReLU", "softplus"), functions, _quotients(step), strict=True):
        origin = float(f(0.0))
        ax.plot(x, f(x), color=color("c0"), linewidth=1.5)
        ax.plot(x, origin + quotient * x, color=color("c1"), linewidth=1.2, linestyle="--")
        _filled(ax, 0.0, origin, color("foreground"))
        _filled(ax, step, float(f(step)), color("c1"))
        ax.set_title(f"{name}: quotient {quotient:.4g}")
        ax.set_xlim(-1.2, 1.2)
        ax.set_ylim(-0.6, 1.6)
        _label_axes(ax, "$x$", "")
    panels[0].set_ylabel("$y$")
    return fig


def secant_readout(h: float) -> str:
    """State the difference quotients of ReLU and softplus at 0 for the signed step `h`.

    Parameters
    ----------
    h : float
        The signed step, finite and not 0.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If `h` is not a real number.
    ValueError
        If `h` is 0, not finite or beyond ±1e300.

    Examples
    --------
    >>> from relu_explained.plotting import secant_readout
    >>> secant_readout(0.001)
    'h = 0.001: ReLU quotient 1, softplus quotient 0.5001'
    """
    step = _step(h)
    q_relu, q_softplus = _quotients(step)
    return f"h = {step:g}: ReLU quotient {q_relu:.4g}, softplus quotient {q_softplus:.4g}"


_LINE_GRID = grid_with_zero(-1.5, 1.5, 301)


def _slope(g: float) -> float:
    return as_plot_number(g, "g")


@styled
def plot_supporting_line(g: float, *, axes: Sequence[Axes] | None = None) -> Figure:
    """Draw ReLU and the line :math:`y = g x` (left) and where `g` lies against the subdifferential at 0 (right).

    Where the line rises above the graph it is drawn thick in the accent
    colour; on the right, the point :math:`(0, g)` is drawn against the
    segment :math:`[0, 1]`, the subdifferential of ReLU at 0.

    Parameters
    ----------
    g : float
        The slope, finite.
    axes : sequence of two matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `g` is not a real number (a string or a bool is not).
    ValueError
        If `g` is not finite or beyond ±1e300.

    Examples
    --------
    >>> from relu_explained.plotting import plot_supporting_line
    >>> plot_supporting_line(1.25).axes[0].get_title()
    'slope 1.25: rises above the graph'
    """
    slope = _slope(g)
    fig, (graph, setmap) = _axes_row(axes, 2)
    x = _LINE_GRID
    graph.plot(x, relu(x), color=color("c0"), linewidth=1.5, zorder=3)
    graph.plot(x, slope * x, color=color("c2"), linewidth=1.2, linestyle="--")
    above = slope * x > relu(x)
    if above.any():
        graph.plot(np.where(above, x, np.nan), np.where(above, slope * x, np.nan), color=color("c1"), linewidth=3.0)
    graph.set_title(f"slope {slope:g}: {'on or below the graph' if not above.any() else 'rises above the graph'}")
    graph.set_xlim(-1.5, 1.5)
    graph.set_xticks([-1.0, 0.0, 1.0])
    graph.set_ylim(-1.0, 1.8)
    _label_axes(graph, "$x$", "$y$")
    _subdifferential_map(setmap)
    _filled(setmap, 0.0, slope, color("c2") if 0.0 <= slope <= 1.0 else color("c1"))
    setmap.set_ylim(-0.6, 1.6)
    setmap.set_title(f"g = {slope:g} {'in' if 0.0 <= slope <= 1.0 else 'outside'} [0, 1]")
    return fig


def supporting_line_readout(g: float) -> str:
    """State whether the line :math:`y = g x` stays on or below the graph of ReLU.

    Parameters
    ----------
    g : float
        The slope, finite.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If `g` is not a real number.
    ValueError
        If `g` is not finite or beyond ±1e300.

    Examples
    --------
    >>> from relu_explained.plotting import supporting_line_readout
    >>> supporting_line_readout(0.5)
    'g = 0.5: the line stays on or below the graph; g is a subgradient at 0'
    """
    slope = _slope(g)
    holds = bool(np.all(subgradient_inequality_holds(slope, 0.0, _LINE_GRID)))
    if holds:
        return f"g = {slope:g}: the line stays on or below the graph; g is a subgradient at 0"
    return f"g = {slope:g}: the line rises above the graph; g is not a subgradient at 0"


@styled
def plot_softplus_sharpness(beta: float, *, ax: Axes | None = None) -> Figure:
    r"""Draw ReLU, softplus with sharpness `beta`, its gap bound and its slope 1/2 at 0.

    The dashed line is :math:`\mathrm{relu}(x) + \log(2)/\beta`, which
    softplus never exceeds; the short segment through :math:`(0, \log(2)/\beta)`
    has slope :math:`1/2`, the derivative of softplus at 0 for every
    :math:`\beta`.

    Parameters
    ----------
    beta : float
        The sharpness, positive and finite.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `beta` is not a real number.
    ValueError
        If `beta` is not positive and finite.

    Examples
    --------
    >>> from relu_explained.plotting import plot_softplus_sharpness
    >>> plot_softplus_sharpness(4.0).axes[0].get_title()
    'β = 4: gap at most log(2)/β = 0.1733'
    """
    b = check_beta(beta)
    fig, ax = _axes(ax)
    x = grid_with_zero(-3.0, 3.0, 601)
    gap = math.log(2.0) / b
    ax.plot(x, relu(x), color=color("foreground"), linewidth=1.5)
    ax.plot(x, softplus(x, b), color=color("c0"), linewidth=1.5)
    ax.plot(x, relu(x) + gap, color=color("muted"), linewidth=1.0, linestyle="--")
    slope = float(softplus_derivative(0.0, b))
    tangent = np.array([-0.6, 0.6])
    ax.plot(tangent, gap + slope * tangent, color=color("c1"), linewidth=2.0)
    _filled(ax, 0.0, gap, color("c1"))
    ax.set_title(f"\u03b2 = {b:g}: gap at most log(2)/\u03b2 = {gap:.4f}")
    ax.set_xlim(-3.0, 3.0)
    ax.set_ylim(-0.2, 3.2)
    _label_axes(ax, "$x$", "$y$")
    return fig


def softplus_sharpness_readout(beta: float) -> str:
    """State the largest gap between softplus and ReLU and the slope of softplus at 0.

    Parameters
    ----------
    beta : float
        The sharpness, positive and finite.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If `beta` is not a real number.
    ValueError
        If `beta` is not positive and finite.

    Examples
    --------
    >>> from relu_explained.plotting import softplus_sharpness_readout
    >>> softplus_sharpness_readout(2.0)
    'β = 2: largest gap log(2)/β = 0.3466, at 0; slope at 0: 0.5'
    """
    b = check_beta(beta)
    gap = float(softplus(0.0, b) - relu(0.0))
    slope = float(softplus_derivative(0.0, b))
    return f"\u03b2 = {b:g}: largest gap log(2)/\u03b2 = {gap:.4f}, at 0; slope at 0: {slope:g}"
