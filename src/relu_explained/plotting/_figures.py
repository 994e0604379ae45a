"""One function per figure of the site.

Every function draws on the axes it is given, or on a new figure, and returns
the figure. Grids of x values always contain 0 exactly where the value at 0 is
the point of the figure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._validation import as_real_array, check_at_zero, check_beta
from ..activations import gelu, relu, silu, softplus
from ..derivatives import difference_quotient, softplus_derivative
from ._style import SERIES, color, styled

__all__ = [
    "grid_with_zero",
    "plot_activations",
    "plot_difference_quotients",
    "plot_feature_map",
    "plot_one_sided_derivatives",
    "plot_parameter_distances",
    "plot_rectified_signal",
    "plot_relu",
    "plot_relu_derivative",
    "plot_smooth_derivatives",
    "plot_softplus",
    "plot_softplus_gap",
    "plot_subdifferential",
    "plot_zoom",
]


def grid_with_zero(lower: float, upper: float, num: int = 201) -> npt.NDArray[np.float64]:
    """Return `num` evenly spaced points on ``[lower, upper]``, with 0 added if missing.

    ``numpy.linspace(-10, 10, 200)`` has no point at 0; a plot of it never
    shows the value there. This grid always contains 0 when the interval does.

    Parameters
    ----------
    lower, upper : float
        End points, ``lower < upper``.
    num : int, default 201
        Number of evenly spaced points before 0 is added; at least 2.

    Returns
    -------
    numpy.ndarray
        Sorted float64 points.

    Raises
    ------
    ValueError
        If ``lower >= upper``, either is not finite, or ``num < 2``.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained.plotting import grid_with_zero
    >>> bool(np.any(np.linspace(-10, 10, 200) == 0)), bool(np.any(grid_with_zero(-10, 10, 200) == 0))
    (False, True)
    """
    if not (math.isfinite(lower) and math.isfinite(upper) and lower < upper):
        msg = f"lower and upper must be finite with lower < upper, got {lower!r} and {upper!r}"
        raise ValueError(msg)
    count: object = num
    if isinstance(count, bool) or not isinstance(count, int | np.integer) or count < 2:
        msg = f"num must be an integer >= 2, got {num!r}"
        raise ValueError(msg)
    points = np.linspace(lower, upper, int(num))
    if lower <= 0 <= upper:
        points = np.union1d(points, [0.0])
    return points


def _axes(ax: Axes | None, **subplot_kw: Any) -> tuple[Figure, Axes]:
    if ax is None:
        fig = Figure()
        return fig, fig.add_subplot(**subplot_kw)
    given: object = ax
    if not isinstance(given, Axes):
        msg = f"ax must be a matplotlib Axes or None, got {type(ax).__name__}"
        raise TypeError(msg)
    figure = given.get_figure(root=True)
    assert isinstance(figure, Figure)
    return figure, given


def _axes_row(axes: Sequence[Axes] | None, n: int, **subplots_kw: Any) -> tuple[Figure, list[Axes]]:
    if axes is None:
        fig = Figure(figsize=(6.4, 3.0 if n > 1 else 3.4))
        return fig, list(np.ravel(fig.subplots(1, n, squeeze=False, **subplots_kw)))
    row = list(np.ravel(np.asarray(axes, dtype=object)))
    if len(row) != n or not all(isinstance(a, Axes) for a in row):
        msg = f"axes must be a sequence of {n} matplotlib Axes or None, got {axes!r}"
        raise TypeError(msg)
    figure = row[0].get_figure(root=True)
    assert isinstance(figure, Figure)
    return figure, row


def _hollow(ax: Axes, x: float, y: float, colour: str) -> None:
    ax.plot([x], [y], "o", color=colour, markerfacecolor=color("background"), zorder=4)


def _filled(ax: Axes, x: float, y: float, colour: str, **kw: Any) -> None:
    ax.plot([x], [y], "o", color=colour, zorder=5, **kw)


def _label_axes(ax: Axes, xlabel: str, ylabel: str) -> None:
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


@styled
def plot_relu(x_range: tuple[float, float] = (-2.0, 2.0), *, ax: Axes | None = None) -> Figure:
    """Plot the graph of ReLU, with the point (0, 0) marked.

    Parameters
    ----------
    x_range : (float, float), default (-2, 2)
        Interval to plot; it should contain 0.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from relu_explained.plotting import plot_relu
    >>> fig = plot_relu()
    >>> line = fig.axes[0].lines[0]
    >>> bool((line.get_xdata() == 0).any())
    True
    """
    fig, ax = _axes(ax)
    x = grid_with_zero(*x_range)
    ax.plot(x, relu(x), color=color("c0"), label=r"$\mathrm{relu}(x) = \max(x, 0)$")
    _filled(ax, 0.0, 0.0, color("c1"), label=r"$(0, \mathrm{relu}(0)) = (0, 0)$")
    _label_axes(ax, "$x$", r"$\mathrm{relu}(x)$")
    ax.legend(loc="upper left")
    return fig


@styled
def plot_zoom(
    widths: Sequence[float] = (1.0, 1e-2, 1e-4), beta: float = 1.0, *, axes: Sequence[Axes] | None = None
) -> Figure:
    r"""Zoom in on 0: ReLU keeps its corner, softplus straightens into a line.

    Each panel shows :math:`f(x) - f(0)` on :math:`[-w, w]` for one width
    :math:`w`, for ReLU and for softplus. A function differentiable at 0 looks
    more and more like a straight line as the window shrinks; ReLU looks the
    same at every scale because :math:`\mathrm{relu}(tx) = t\,\mathrm{relu}(x)`
    for :math:`t > 0`.

    Parameters
    ----------
    widths : sequence of float, default (1, 1e-2, 1e-4)
        Half-widths of the windows, one panel each; positive.
    beta : float, default 1.0
        Sharpness of the softplus drawn for comparison.
    axes : sequence of matplotlib.axes.Axes, optional
        One axes per width; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If a width is not positive and finite, or `beta` is invalid.

    Examples
    --------
    >>> from relu_explained.plotting import plot_zoom
    >>> fig = plot_zoom(widths=(1.0, 0.001))
    >>> len(fig.axes)
    2
    """
    b = check_beta(beta)
    ws = [float(w) for w in widths]
    if not ws or not all(math.isfinite(w) and w > 0 for w in ws):
        msg = f"widths must be positive finite numbers, got {widths!r}"
        raise ValueError(msg)
    fig, row = _axes_row(axes, len(ws))
    for ax, w in zip(row, ws, strict=True):
        x = grid_with_zero(-w, w, 101)
        ax.plot(x, relu(x), color=color("c0"), label="ReLU")
        ax.plot(x, softplus(x, b) - softplus(0.0, b), color=color("c1"), label=r"softplus $-$ softplus(0)")
        ax.set_title(f"$|x| \\leq {w:g}$")
        ax.set_xticks([-w, 0, w])
        ax.set_yticks([])
        ax.set_xlabel("$x$")
    row[0].legend(loc="upper left", fontsize=8)
    return fig


@styled
def plot_difference_quotients(
    steps: npt.ArrayLike | None = None, beta: float = 1.0, *, ax: Axes | None = None
) -> Figure:
    r"""Plot the difference quotients of ReLU and softplus at 0 against the step.

    For a signed step :math:`h`, the quotient :math:`(f(0 + h) - f(0)) / h` is
    the right quotient for :math:`h > 0` and the left one for :math:`h < 0`.
    For ReLU it is exactly 1 on the right and 0 on the left for every step, so
    the two one-sided limits differ; for softplus both sides approach 1/2.

    Parameters
    ----------
    steps : array_like, optional
        Positive step sizes; each is used with both signs. Defaults to 25
        values from :math:`10^{-6}` to 1.
    beta : float, default 1.0
        Sharpness of the softplus drawn for comparison.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If a step is not positive and finite.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained.plotting import plot_difference_quotients
    >>> fig = plot_difference_quotients(steps=[1e-3, 1e-1])
    >>> relu_line = fig.axes[0].lines[0]
    >>> relu_line.get_xdata(), relu_line.get_ydata()
    (array([-0.1  , -0.001,  0.001,  0.1  ]), array([0., 0., 1., 1.]))
    """
    hs = np.sort(np.asarray(np.logspace(-6, 0, 25) if steps is None else as_real_array(steps, "steps"), dtype=float))
    if hs.size == 0 or not np.all(np.isfinite(hs) & (hs > 0)):
        msg = f"steps must be positive finite numbers, got {steps!r}"
        raise ValueError(msg)
    b = check_beta(beta)
    fig, ax = _axes(ax)
    signed = np.concatenate([-hs[::-1], hs])

    def quotients(f: Any) -> npt.NDArray[np.float64]:
        left = [float(difference_quotient(f, 0.0, h, side="left")) for h in hs[::-1]]
        right = [float(difference_quotient(f, 0.0, h, side="right")) for h in hs]
        return np.array(left + right)

    ax.plot(signed, quotients(relu), "o", color=color("c0"), label="ReLU")
    ax.plot(signed, quotients(lambda v: softplus(v, b)), "s", color=color("c1"), markersize=5, label="softplus")
    ax.set_xscale("symlog", linthresh=float(hs[0]))
    lo, hi = float(hs[0]), float(hs[-1])
    ax.set_xticks([-hi, -lo, 0.0, lo, hi], [f"$-{hi:g}$", f"$-{lo:g}$", "0", f"${lo:g}$", f"${hi:g}$"])
    ax.minorticks_off()
    ax.axvline(0.0, color=color("muted"), linewidth=1.0)
    ax.set_ylim(-0.1, 1.1)
    ax.set_yticks([0.0, 0.5, 1.0])
    _label_axes(ax, "step $h$ (left quotient for $h < 0$, right for $h > 0$)", r"$(f(h) - f(0))\,/\,h$")
    ax.legend(loc="upper left")
    return fig


def _derivative_panel(ax: Axes, at_zero: float, colour: str, x_range: tuple[float, float]) -> None:
    lo, hi = x_range
    ax.plot([lo, 0.0], [0.0, 0.0], color=colour)
    ax.plot([0.0, hi], [1.0, 1.0], color=colour)
    for level in (0.0, 1.0):
        if level != at_zero:
            _hollow(ax, 0.0, level, colour)
    _filled(ax, 0.0, at_zero, colour)
    ax.set_ylim(-0.15, 1.15)
    ax.set_yticks([0.0, 0.5, 1.0])


@styled
def plot_relu_derivative(
    at_zero: float = 0.0, x_range: tuple[float, float] = (-2.0, 2.0), *, ax: Axes | None = None
) -> Figure:
    """Plot the derivative of ReLU, with the value chosen at 0 as a filled point.

    Open circles mark the limits 0 and 1 that the derivative approaches from
    the left and from the right; the filled point is ``relu_derivative(0,
    at_zero)``, a choice rather than a derivative.

    Parameters
    ----------
    at_zero : float, default 0.0
        The value drawn at 0, in [0, 1].
    x_range : (float, float), default (-2, 2)
        Interval to plot; it must contain 0.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If `at_zero` is outside [0, 1].

    Examples
    --------
    >>> from relu_explained.plotting import plot_relu_derivative
    >>> fig = plot_relu_derivative(at_zero=0.5)
    >>> [tuple(line.get_ydata()) for line in fig.axes[0].lines][-1]
    (np.float64(0.5),)
    """
    value = check_at_zero(at_zero)
    fig, ax = _axes(ax)
    _derivative_panel(ax, value, color("c0"), x_range)
    _label_axes(ax, "$x$", rf"$\mathrm{{relu}}'(x)$, value {value:g} chosen at 0")
    return fig


@styled
def plot_one_sided_derivatives(
    x_range: tuple[float, float] = (-2.0, 2.0), *, axes: Sequence[Axes] | None = None
) -> Figure:
    r"""Plot the left and right derivatives of ReLU side by side.

    Both are defined everywhere and differ only at 0: the left derivative is
    :math:`\mathbf{1}[x > 0]` (value 0 at 0), the right derivative is
    :math:`\mathbf{1}[x \ge 0]` (value 1 at 0).

    Parameters
    ----------
    x_range : (float, float), default (-2, 2)
        Interval to plot; it must contain 0.
    axes : sequence of two matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from relu_explained.plotting import plot_one_sided_derivatives
    >>> fig = plot_one_sided_derivatives()
    >>> [ax.lines[-1].get_ydata()[0] for ax in fig.axes]
    [np.float64(0.0), np.float64(1.0)]
    """
    fig, (left, right) = _axes_row(axes, 2, sharey=True)
    _derivative_panel(left, 0.0, color("c0"), x_range)
    left.set_title(r"left derivative $\mathrm{relu}'_{-}(x)$")
    _derivative_panel(right, 1.0, color("c1"), x_range)
    right.set_title(r"right derivative $\mathrm{relu}'_{+}(x)$")
    for ax in (left, right):
        ax.set_xlabel("$x$")
    return fig


@styled
def plot_subdifferential(
    slopes: Sequence[float] = (0.0, 0.25, 0.5, 0.75, 1.0),
    outside: float = 1.4,
    *,
    axes: Sequence[Axes] | None = None,
) -> Figure:
    r"""Plot supporting lines of ReLU at 0 and the graph of its subdifferential.

    Left: ReLU with the lines :math:`y = g x` for each slope in `slopes`; each
    stays below the graph, which is the subgradient inequality. A line with a
    slope outside :math:`[0, 1]` crosses the graph. Right: the set-valued map
    :math:`x \mapsto \partial\,\mathrm{relu}(x)`, whose value at 0 is the whole
    segment :math:`[0, 1]`.

    Parameters
    ----------
    slopes : sequence of float, default (0, 0.25, 0.5, 0.75, 1)
        Subgradients at 0 to draw; each must lie in [0, 1].
    outside : float, default 1.4
        A slope outside [0, 1], drawn to show a line that is not supporting.
    axes : sequence of two matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If a slope is outside [0, 1] or `outside` is inside it.

    Examples
    --------
    >>> from relu_explained.plotting import plot_subdifferential
    >>> fig = plot_subdifferential(slopes=(0.0, 1.0))
    >>> segment = fig.axes[1].lines[-1]
    >>> segment.get_xdata().tolist(), segment.get_ydata().tolist()
    ([0.0, 0.0], [0.0, 1.0])
    """
    gs = [float(g) for g in slopes]
    if not all(0.0 <= g <= 1.0 for g in gs):
        msg = f"slopes must lie in [0, 1], the subdifferential of ReLU at 0, got {slopes!r}"
        raise ValueError(msg)
    if 0.0 <= float(outside) <= 1.0:
        msg = f"outside must be a slope outside [0, 1], got {outside!r}"
        raise ValueError(msg)
    fig, (graph, setmap) = _axes_row(axes, 2)
    x = grid_with_zero(-1.5, 1.5, 3)
    graph.plot(x, relu(x), color=color("c0"), label="ReLU", zorder=3)
    for i, g in enumerate(gs):
        graph.plot(
            x, g * x, color=color("c2"), linewidth=1.0, linestyle="--", label="slope in [0, 1]" if i == 0 else None
        )
    graph.plot(
        x, float(outside) * x, color=color("c1"), linewidth=1.2, linestyle=":", label=f"slope {float(outside):g}"
    )
    graph.set_ylim(-1.0, 1.8)
    graph.set_title("supporting lines at 0")
    graph.legend(loc="upper left", fontsize=8)
    _label_axes(graph, "$x$", "$y$")

    setmap.plot([-1.5, 0.0], [0.0, 0.0], color=color("c0"))
    setmap.plot([0.0, 1.5], [1.0, 1.0], color=color("c0"))
    setmap.plot([0.0, 0.0], [0.0, 1.0], color=color("c0"), linewidth=4.0, solid_capstyle="butt")
    setmap.set_ylim(-0.15, 1.15)
    setmap.set_yticks([0.0, 0.5, 1.0])
    setmap.set_title(r"$\partial\,\mathrm{relu}(x)$")
    setmap.set_xlabel("$x$")
    return fig


def _betas(betas: Sequence[float]) -> list[float]:
    values = [check_beta(b) for b in betas]
    if not values:
        msg = "betas must contain at least one sharpness"
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

    Examples
    --------
    >>> from relu_explained.plotting import plot_softplus
    >>> fig = plot_softplus(betas=(1.0, 4.0))
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['ReLU', 'softplus, $\\beta = 1$', 'softplus, $\\beta = 4$']
    """
    bs = _betas(betas)
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
    fig, ax = _axes(ax)
    x = grid_with_zero(*x_range)
    for i, b in enumerate(bs):
        c = color(SERIES[i % len(SERIES)])
        ax.plot(x, softplus(x, b) - relu(x), color=c, label=rf"$\beta = {b:g}$")
        ax.plot(x_range, [math.log(2) / b] * 2, color=c, linewidth=1.0, linestyle="--")
    ax.set_ylim(bottom=0.0)
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

    Examples
    --------
    >>> from relu_explained.plotting import plot_smooth_derivatives
    >>> fig = plot_smooth_derivatives(betas=(3.0,))
    >>> curve = fig.axes[0].lines[2]
    >>> float(curve.get_ydata()[curve.get_xdata() == 0][0])
    0.5
    """
    bs = _betas(betas)
    fig, ax = _axes(ax)
    lo, hi = x_range
    fg = color("foreground")
    ax.plot([lo, 0.0], [0.0, 0.0], color=fg, linewidth=1.5, label="derivative of ReLU")
    ax.plot([0.0, hi], [1.0, 1.0], color=fg, linewidth=1.5)
    x = grid_with_zero(lo, hi, 401)
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

    Examples
    --------
    >>> from relu_explained.plotting import plot_activations
    >>> fig = plot_activations()
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['ReLU', 'softplus', 'GELU', 'SiLU']
    """
    fig, (values, slopes) = _axes_row(axes, 2)
    x = grid_with_zero(*x_range, 301)
    fg = color("foreground")
    smooth = [("softplus", softplus, color("c0")), ("GELU", gelu, color("c1")), ("SiLU", silu, color("c2"))]
    values.plot(x, relu(x), color=fg, linewidth=1.5, label="ReLU")
    for name, f, c in smooth:
        values.plot(x, f(x), color=c, label=name)
    values.set_title("activation")
    values.legend(loc="upper left", fontsize=8)
    slopes.plot([x_range[0], 0.0], [0.0, 0.0], color=fg, linewidth=1.5)
    slopes.plot([0.0, x_range[1]], [1.0, 1.0], color=fg, linewidth=1.5)
    for _name, f, c in smooth:
        slopes.plot(x, difference_quotient(f, x, 1e-5, side="central"), color=c)
    _filled(slopes, 0.0, 0.5, color("muted"), markersize=5)
    slopes.set_title("derivative")
    for ax in (values, slopes):
        ax.set_xlabel("$x$")
    return fig


@styled
def plot_feature_map(feature_map: npt.ArrayLike, *, axes: Sequence[Axes] | None = None) -> Figure:
    """Show a 2-D feature map before and after ReLU on one colour scale.

    Cells are drawn as vector rectangles, so small maps stay sharp at any
    zoom. Cells that ReLU sets to 0 share the colour of 0.

    Parameters
    ----------
    feature_map : array_like
        A 2-D real array.
    axes : sequence of two matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If `feature_map` is not 2-D or contains non-finite values.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained.plotting import plot_feature_map
    >>> fig = plot_feature_map(np.array([[-1.0, 2.0], [0.5, -0.5]]))
    >>> fig.axes[1].collections[0].get_array().reshape(2, 2)
    masked_array(
      data=[[0. , 2. ],
            [0.5, 0. ]],
      mask=False,
      fill_value=1e+20)
    """
    data = as_real_array(feature_map, "feature_map").astype(np.float64)
    if data.ndim != 2 or not np.all(np.isfinite(data)):
        msg = f"feature_map must be a finite 2-D array, got shape {data.shape}"
        raise ValueError(msg)
    fig, (before, after) = _axes_row(axes, 2)
    limit = float(np.max(np.abs(data))) or 1.0
    mesh = None
    for ax, values, title in ((before, data, "feature map"), (after, relu(data), "after ReLU")):
        mesh = ax.pcolormesh(values, vmin=-limit, vmax=limit, edgecolors="face")
        ax.set_title(title)
        ax.set_aspect("equal")
        ax.invert_yaxis()
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
    assert mesh is not None
    fig.colorbar(mesh, ax=[before, after], shrink=0.8)
    return fig


@styled
def plot_rectified_signal(
    t: npt.ArrayLike, clean: npt.ArrayLike, noisy: npt.ArrayLike, *, axes: Sequence[Axes] | None = None
) -> Figure:
    """Plot a noisy signal, its rectification, and what rectification left of the noise.

    Top: the noisy signal and ``relu(noisy)``. Bottom: ``relu(noisy) -
    relu(clean)``, the error that remains after rectification: it is not zero
    where the clean signal is positive, because ReLU removes negative values of
    signal and noise alike and keeps positive ones of both.

    Parameters
    ----------
    t, clean, noisy : array_like
        Sample times and the clean and noisy signals, 1-D and of equal length.
    axes : sequence of two matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the arrays are not 1-D of equal length.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained.plotting import plot_rectified_signal
    >>> t = np.linspace(0, 1, 5)
    >>> fig = plot_rectified_signal(t, np.zeros(5), np.array([-1.0, 1.0, 0.0, 2.0, -2.0]))
    >>> fig.axes[1].lines[0].get_ydata()
    array([0., 1., 0., 2., 0.])
    """
    arrays = [as_real_array(a, name) for a, name in ((t, "t"), (clean, "clean"), (noisy, "noisy"))]
    if any(a.ndim != 1 for a in arrays) or len({a.size for a in arrays}) != 1:
        msg = "t, clean and noisy must be 1-D arrays of equal length"
        raise ValueError(msg)
    tt, c, n = arrays
    if axes is None:
        fig = Figure(figsize=(6.4, 3.8))
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(2, 1))
    else:
        fig, (top, bottom) = _axes_row(axes, 2)
    top.plot(tt, n, color=color("muted"), linewidth=1.0, label="noisy signal")
    top.plot(tt, relu(n), color=color("c0"), linewidth=1.2, label="ReLU of the noisy signal")
    top.plot(tt, c, color=color("c1"), linewidth=1.5, linestyle="--", label="clean signal")
    top.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), fontsize=8, ncols=3)
    top.set_ylabel("amplitude")
    bottom.plot(tt, relu(n) - relu(c), color=color("c2"), linewidth=1.0)
    bottom.set_ylabel("remaining error")
    bottom.set_xlabel("time")
    return fig


@styled
def plot_parameter_distances(
    panels: Mapping[str, Mapping[str, npt.ArrayLike]], *, axes: Sequence[Axes] | None = None
) -> Figure:
    """Plot how far the parameters of paired training runs drift apart, step by step.

    One panel per entry of `panels`, one line per series, on a logarithmic
    axis. A distance of exactly 0 (the runs are bit-for-bit equal) cannot be
    drawn on that axis: the line is absent there, and a series that is 0 at
    every step is named in the panel as "equal throughout" instead. The
    legend is drawn in the first panel.

    Parameters
    ----------
    panels : mapping of str to mapping of str to array_like
        Panel title to series label to distances, one per step, as returned by
        :func:`relu_explained.training.parameter_distance`. At most four
        series per panel.
    axes : sequence of matplotlib.axes.Axes, optional
        One Axes per panel; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If there is no panel, a panel has no series or more than four, or a
        distance is negative or not finite.

    Examples
    --------
    >>> from relu_explained.plotting import plot_parameter_distances
    >>> fig = plot_parameter_distances({"run": {"float16": [0.0, 1e-3, 1e-2], "float64": [0.0, 0.0, 0.0]}})
    >>> [line.get_label() for line in fig.axes[0].lines], fig.axes[0].texts[0].get_text()
    (['float16', 'float64'], 'equal throughout: float64')
    """
    if not panels or any(not 1 <= len(series) <= len(SERIES) for series in panels.values()):
        msg = f"panels must map titles to 1 to {len(SERIES)} series each, got {panels!r}"
        raise ValueError(msg)
    fig, row = _axes_row(axes, len(panels), sharey=True)
    for ax, (title, series) in zip(row, panels.items(), strict=True):
        equal = []
        for role, (label, values) in zip(SERIES, series.items(), strict=False):
            distances = as_real_array(values, f"panels[{title!r}][{label!r}]").astype(np.float64)
            if distances.ndim != 1 or not np.all(np.isfinite(distances)) or np.any(distances < 0):
                msg = f"panels[{title!r}][{label!r}] must be a 1-D array of finite non-negative distances"
                raise ValueError(msg)
            if not np.any(distances > 0):
                equal.append(label)
            ax.plot(
                np.arange(distances.size), np.where(distances > 0, distances, np.nan), color=color(role), label=label
            )
            ax.set_xlim(0, max(distances.size - 1, 1))
        if equal:
            ax.text(
                0.04,
                0.04,
                f"equal throughout: {', '.join(equal)}",
                transform=ax.transAxes,
                fontsize=8,
                color=color("muted"),
            )
        ax.set_yscale("log")
        ax.set_title(title)
        ax.set_xlabel("step")
    row[0].legend(loc="upper left", fontsize=8)
    row[0].set_ylabel(r"max $|\theta - \theta_{\mathrm{ref}}|$")
    return fig
