"""Figures of the smooth activations: softplus, GELU and SiLU next to ReLU."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._validation import as_interval, as_real_sequence
from ..activations import gelu, relu, silu, softplus
from ..derivatives import difference_quotient, softplus_derivative
from ._axes import _axes, _axes_row, _filled, _hollow, _label_axes, _step, grid_with_zero
from ._style import SERIES, color, styled


def _betas(betas: Sequence[float]) -> list[float]:
    values = as_real_sequence(betas, "betas", finite=False)
    for i, value in enumerate(values):
        if not (math.isfinite(value) and value > 0):
            msg = f"betas[{i}] must be a positive finite sharpness, got {betas[i]!r}"
            raise ValueError(msg)
    return values


@styled
def plot_softplus(
    betas: Sequence[float] = (1.0, 2.0, 5.0), x_range: tuple[float, float] = (-3.0, 3.0), *, ax: Axes | None = None
) -> Figure:
    r"""Plot ReLU and softplus for several sharpnesses :math:`\beta`.

    Parameters
    ----------
    betas : sequence of float, default (1, 2, 5)
        Sharpnesses, positive.
    x_range : (float, float), default (-3, 3)
        Interval to plot.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `betas` is not a sequence of real numbers or `x_range` not a pair of them.
    ValueError
        If `betas` is empty or a sharpness is not positive and finite, or
        `x_range` is not an increasing pair of finite numbers with 0 inside it.

    Examples
    --------
    >>> from relu_explained.plotting import plot_softplus
    >>> fig = plot_softplus(betas=(1.0, 4.0))
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['ReLU', 'softplus, $\\beta = 1$', 'softplus, $\\beta = 4$']
    """
    bs = _betas(betas)
    x_range = as_interval(x_range)
    fig, ax = _axes(ax)
    x = grid_with_zero(*x_range)
    ax.plot(x, relu(x), color=color("foreground"), linewidth=1.5, label="ReLU")
    for i, b in enumerate(bs):
        ax.plot(x, softplus(x, b), color=color(SERIES[i % len(SERIES)]), label=rf"softplus, $\beta = {b:g}$")
    _label_axes(ax, "$x$", "$f(x)$")
    ax.legend(loc="upper left")
    return fig


@styled
def plot_softplus_gap(
    betas: Sequence[float] = (1.0, 2.0, 5.0), x_range: tuple[float, float] = (-3.0, 3.0), *, ax: Axes | None = None
) -> Figure:
    r"""Plot :math:`\mathrm{softplus}_\beta(x) - \mathrm{relu}(x)` with its bound :math:`\log(2)/\beta`.

    The gap is positive, largest at 0, where it equals the bound, and
    shrinks like :math:`\log(2)/\beta`: uniform convergence to ReLU.

    Parameters
    ----------
    betas : sequence of float, default (1, 2, 5)
        Sharpnesses, positive.
    x_range : (float, float), default (-3, 3)
        Interval to plot; it should contain 0.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `betas` is not a sequence of real numbers or `x_range` not a pair of them.
    ValueError
        If `betas` is empty or a sharpness is not positive and finite, or
        `x_range` is not an increasing pair of finite numbers with 0 inside it.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained.plotting import plot_softplus_gap
    >>> fig = plot_softplus_gap(betas=(2.0,))
    >>> gap, bound = fig.axes[0].lines[:2]
    >>> bool(np.isclose(gap.get_ydata().max(), np.log(2) / 2)), bool(bound.get_ydata()[0] == np.log(2) / 2)
    (True, True)
    """
    bs = _betas(betas)
    x_range = as_interval(x_range)
    fig, ax = _axes(ax)
    x = grid_with_zero(*x_range)
    for i, b in enumerate(bs):
        c = color(SERIES[i % len(SERIES)])
        ax.plot(x, softplus(x, b) - relu(x), color=c, label=rf"$\beta = {b:g}$")
        ax.plot(x_range, [math.log(2) / b] * 2, color=c, linewidth=1.0, linestyle="--")
    # Room above the highest bound for the legend, which would otherwise cover it.
    ax.set_ylim(0.0, 1.6 * math.log(2) / min(bs))
    _label_axes(ax, "$x$", r"$\mathrm{softplus}_\beta(x) - \mathrm{relu}(x)$")
    ax.legend(loc="upper right", title=r"dashed: $\log(2)/\beta$", title_fontsize=8)
    return fig


@styled
def plot_smooth_derivatives(
    betas: Sequence[float] = (1.0, 4.0, 16.0), x_range: tuple[float, float] = (-2.0, 2.0), *, ax: Axes | None = None
) -> Figure:
    r"""Plot :math:`\sigma(\beta x)`, the derivative of softplus, against ReLU's derivative.

    Every curve passes through :math:`(0, 1/2)`: as :math:`\beta` grows, the
    smooth slopes converge to the derivative of ReLU away from 0 and to the
    midpoint of :math:`[0, 1]` at 0.

    Parameters
    ----------
    betas : sequence of float, default (1, 4, 16)
        Sharpnesses, positive.
    x_range : (float, float), default (-2, 2)
        Interval to plot; it must contain 0.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `betas` is not a sequence of real numbers or `x_range` not a pair of them.
    ValueError
        If `betas` is empty or a sharpness is not positive and finite, or
        `x_range` is not an increasing pair of finite numbers with 0 inside it.

    Examples
    --------
    >>> from relu_explained.plotting import plot_smooth_derivatives
    >>> fig = plot_smooth_derivatives(betas=(3.0,))
    >>> curve = fig.axes[0].lines[2]
    >>> float(curve.get_ydata()[curve.get_xdata() == 0][0])
    0.5
    """
    bs = _betas(betas)
    x_range = as_interval(x_range)
    fig, ax = _axes(ax)
    fg = color("foreground")
    _step(ax, x_range, fg, linewidth=1.5, label="derivative of ReLU")
    x = grid_with_zero(*x_range, 401)
    for i, b in enumerate(bs):
        ax.plot(
            x,
            softplus_derivative(x, b),
            color=color(SERIES[i % len(SERIES)]),
            label=rf"$\sigma(\beta x)$, $\beta = {b:g}$",
        )
    _hollow(ax, 0.0, 0.0, fg)
    _hollow(ax, 0.0, 1.0, fg)
    _filled(ax, 0.0, 0.5, color("c1"))
    ax.set_yticks([0.0, 0.5, 1.0])
    _label_axes(ax, "$x$", "slope")
    ax.legend(loc="upper left", fontsize=8)
    return fig


@styled
def plot_activations(x_range: tuple[float, float] = (-3.0, 3.0), *, axes: Sequence[Axes] | None = None) -> Figure:
    """Plot ReLU, softplus, GELU and SiLU (left) and their derivatives (right).

    Derivatives of the smooth functions are central differences with a
    step of :math:`10^{-5}`, accurate to far better than the line width; ReLU's
    is drawn with both one-sided limits at 0.

    Parameters
    ----------
    x_range : (float, float), default (-3, 3)
        Interval to plot; it must contain 0.
    axes : sequence of two matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `x_range` is not a pair of real numbers.
    ValueError
        If `x_range` is not an increasing pair of finite numbers with 0 inside it.

    Examples
    --------
    >>> from relu_explained.plotting import plot_activations
    >>> fig = plot_activations()
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['ReLU', 'softplus', 'GELU', 'SiLU']
    """
    x_range = as_interval(x_range)
    fig, (values, slopes) = _axes_row(axes, 2)
    x = grid_with_zero(*x_range, 301)
    fg = color("foreground")
    smooth: list[tuple[str, Callable[[Any], Any], str]] = [
        ("softplus", softplus, color("c0")),
        ("GELU", gelu, color("c1")),
        ("SiLU", silu, color("c2")),
    ]
    values.plot(x, relu(x), color=fg, linewidth=1.5, label="ReLU")
    for name, f, c in smooth:
        values.plot(x, f(x), color=c, label=name)
    values.set_title("activation")
    values.legend(loc="upper left", fontsize=8)
    _step(slopes, x_range, fg, linewidth=1.5)
    step = 1e-5 * max(1.0, -x_range[0], x_range[1])  # a step the numbers at the ends can take
    for _name, f, c in smooth:
        slopes.plot(x, difference_quotient(f, x, step, side="central"), color=c)
    _filled(slopes, 0.0, 0.5, color("muted"), markersize=5)
    slopes.set_title("derivative")
    for ax in (values, slopes):
        ax.set_xlabel("$x$")
    return fig


@styled
def plot_summary(
    betas: Sequence[float] = (1.0, 4.0),
    x_range: tuple[float, float] = (-3.0, 3.0),
    *,
    axes: Sequence[Axes] | None = None,
) -> Figure:
    r"""Plot ReLU and softplus (left) and their derivatives, with ReLU's subdifferential at 0 (right).

    The right panel draws the derivative of ReLU away from 0 and, at 0, the
    segment :math:`[0, 1]` of its subgradients; the derivatives
    :math:`\sigma(\beta x)` of softplus cross that segment at :math:`1/2`.

    Parameters
    ----------
    betas : sequence of float, default (1.0, 4.0)
        Sharpnesses of the softplus curves, each positive and finite.
    x_range : tuple of float, default (-3.0, 3.0)
        The interval shown.
    axes : sequence of two matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `betas` is not a sequence of real numbers or `x_range` not a pair of them.
    ValueError
        If `betas` is empty or a sharpness is not positive and finite, or
        `x_range` is not an increasing pair of finite numbers with 0 inside it.

    Examples
    --------
    >>> from relu_explained.plotting import plot_summary
    >>> fig = plot_summary(betas=(2.0,))
    >>> segment = fig.axes[1].lines[2]
    >>> segment.get_xdata().tolist(), segment.get_ydata().tolist()
    ([0.0, 0.0], [0.0, 1.0])
    """
    bs = _betas(betas)
    x_range = as_interval(x_range)
    fig, (functions, slopes) = _axes_row(axes, 2)
    x = grid_with_zero(*x_range, 401)
    fg = color("foreground")
    functions.plot(x, relu(x), color=fg, linewidth=1.5, label="ReLU")
    _step(slopes, x_range, fg, linewidth=1.5, label="ReLU")
    slopes.plot(
        [0.0, 0.0], [0.0, 1.0], color=fg, linewidth=4.0, solid_capstyle="butt", label=r"$\partial\,\mathrm{relu}(0)$"
    )
    for i, b in enumerate(bs):
        colour = color(SERIES[i % len(SERIES)])
        functions.plot(x, softplus(x, b), color=colour, label=rf"softplus, $\beta = {b:g}$")
        slopes.plot(x, softplus_derivative(x, b), color=colour, label=rf"$\beta = {b:g}$")
    _filled(slopes, 0.0, 0.5, color("c1"))
    slopes.text(-0.12, 0.78, "[0, 1] at 0", ha="right", va="center", color=fg, fontsize=8)
    functions.set_title("functions")
    functions.legend(loc="upper left", fontsize=8)
    _label_axes(functions, "$x$", "$y$")
    slopes.set_title("slopes")
    slopes.set_yticks([0.0, 0.5, 1.0])
    slopes.set_xlabel("$x$")
    return fig
