"""Figures of ReLU itself: its graph, difference quotients, derivatives and subgradients."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._validation import (
    PLOT_LIMIT,
    as_interval,
    as_plot_number,
    as_real_array,
    as_real_sequence,
    check_at_zero,
    check_beta,
)
from ..activations import relu, softplus
from ..derivatives import difference_quotient
from ._axes import _axes, _axes_row, _filled, _hollow, _label_axes, _step, _subdifferential_map, grid_with_zero
from ._style import color, styled


@styled
def plot_relu(x_range: tuple[float, float] = (-2.0, 2.0), *, ax: Axes | None = None) -> Figure:
    """Plot the graph of ReLU, with the point (0, 0) marked.

    Parameters
    ----------
    x_range : (float, float), default (-2, 2)
        Interval to plot, finite, with 0 inside it.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `x_range` is not a pair of real numbers.
    ValueError
        If `x_range` is not increasing, not finite or does not contain 0.

    Examples
    --------
    >>> from relu_explained.plotting import plot_relu
    >>> fig = plot_relu()
    >>> line = fig.axes[0].lines[0]
    >>> bool((line.get_xdata() == 0).any())
    True
    """
    lower, upper = as_interval(x_range)
    fig, ax = _axes(ax)
    x = grid_with_zero(lower, upper)
    ax.plot(x, relu(x), color=color("c0"), label=r"$\mathrm{relu}(x) = \max(x, 0)$")
    _filled(ax, 0.0, 0.0, color("c1"), label=r"$(0, \mathrm{relu}(0)) = (0, 0)$")
    _label_axes(ax, "$x$", r"$\mathrm{relu}(x)$")
    ax.legend(loc="upper left")
    return fig


@styled
def plot_zoom(
    widths: Sequence[float] = (1.0, 1e-2, 1e-4), beta: float = 1.0, *, axes: Sequence[Axes] | None = None
) -> Figure:
    r"""Plot ReLU and softplus ever closer to 0: ReLU keeps its corner, softplus straightens.

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
    TypeError
        If `widths` is not a sequence of real numbers.
    ValueError
        If a width is not positive or above 1e300, or `beta` is invalid.

    Examples
    --------
    >>> from relu_explained.plotting import plot_zoom
    >>> fig = plot_zoom(widths=(1.0, 0.001))
    >>> len(fig.axes)
    2
    """
    b = check_beta(beta)
    ws = as_real_sequence(widths, "widths")
    if not all(0 < w <= PLOT_LIMIT for w in ws):
        msg = f"widths must be positive numbers up to {PLOT_LIMIT:g}, got {widths!r}"
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
    # Below the panels: inside, any corner of the first panel meets a curve.
    fig.legend(*row[0].get_legend_handles_labels(), loc="outside lower center", ncols=2, fontsize=8)
    return fig


def _power(value: float) -> str:
    """``10^{k}`` in math text when `value` is a power of ten (1 as 1), else the number."""
    exponent = round(math.log10(value))
    if exponent != 0 and value == 10.0**exponent:
        return f"10^{{{exponent}}}"
    return f"{value:g}"


#: The steps a symmetric logarithmic axis can show without overflowing.
_STEP_RANGE: tuple[float, float] = (1e-200, 1e200)


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
    TypeError
        If `steps` is not an array of real numbers.
    ValueError
        If `steps` is not one-dimensional and non-empty, or a step lies
        outside [1e-200, 1e200], which a symmetric log axis cannot show.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained.plotting import plot_difference_quotients
    >>> fig = plot_difference_quotients(steps=[1e-3, 1e-1])
    >>> relu_line = fig.axes[0].lines[0]
    >>> relu_line.get_xdata(), relu_line.get_ydata()
    (array([-0.1  , -0.001,  0.001,  0.1  ]), array([0., 0., 1., 1.]))
    """
    hs = np.asarray(np.logspace(-6, 0, 25) if steps is None else as_real_array(steps, "steps"), dtype=float)
    if hs.ndim != 1 or hs.size == 0 or not np.all((hs >= _STEP_RANGE[0]) & (hs <= _STEP_RANGE[1])):
        msg = f"steps must be a non-empty 1-D array of numbers from {_STEP_RANGE[0]:g} to {_STEP_RANGE[1]:g}, got {steps!r}"
        raise ValueError(msg)
    hs = np.sort(hs)
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
    # The ends of each side, as powers of ten where they are; 0 is the vertical line.
    ax.set_xticks([-hi, -lo, lo, hi], [f"$-{_power(hi)}$", f"$-{_power(lo)}$", f"${_power(lo)}$", f"${_power(hi)}$"])
    ax.minorticks_off()
    ax.axvline(0.0, color=color("muted"), linewidth=1.0)
    ax.set_ylim(-0.1, 1.1)
    ax.set_yticks([0.0, 0.5, 1.0])
    _label_axes(ax, "step $h$ (left quotient for $h < 0$, right for $h > 0$)", r"$(f(h) - f(0))\,/\,h$")
    ax.legend(loc="upper left")
    return fig


def _derivative_panel(ax: Axes, at_zero: float, colour: str, x_range: tuple[float, float]) -> None:
    _step(ax, x_range, colour)
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
    TypeError
        If `at_zero` is not a real number or `x_range` not a pair of them.
    ValueError
        If `at_zero` is outside [0, 1], or `x_range` is not an increasing pair of finite numbers with 0 inside it.

    Examples
    --------
    >>> from relu_explained.plotting import plot_relu_derivative
    >>> fig = plot_relu_derivative(at_zero=0.5)
    >>> fig.axes[0].lines[-1].get_ydata().tolist()  # the filled point at 0
    [0.5]
    """
    value = check_at_zero(at_zero)
    bounds = as_interval(x_range)
    fig, ax = _axes(ax)
    _derivative_panel(ax, value, color("c0"), bounds)
    # A prime in matplotlib's math text is a glyph of the cmsy10 font, which a
    # reader's browser lacks and shows as "0": the Unicode prime, as plain text.
    _label_axes(ax, "$x$", f"relu\u2032(x), value {value:g} chosen at 0")
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

    Raises
    ------
    TypeError
        If `x_range` is not a pair of real numbers.
    ValueError
        If `x_range` is not an increasing pair of finite numbers with 0 inside it.

    Examples
    --------
    >>> from relu_explained.plotting import plot_one_sided_derivatives
    >>> fig = plot_one_sided_derivatives()
    >>> [ax.lines[-1].get_ydata().tolist() for ax in fig.axes]  # the filled points at 0
    [[0.0], [1.0]]
    """
    bounds = as_interval(x_range)
    fig, (left, right) = _axes_row(axes, 2, sharey=True)
    _derivative_panel(left, 0.0, color("c0"), bounds)
    left.set_title("left derivative relu\u2032\u208b(x)")
    _derivative_panel(right, 1.0, color("c1"), bounds)
    right.set_title("right derivative relu\u2032\u208a(x)")
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
    never rises above the graph, which is the subgradient inequality. A line with a
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
    TypeError
        If `slopes` is not a sequence of real numbers or `outside` not a real number.
    ValueError
        If a slope is outside [0, 1], or `outside` is inside it, not finite or beyond ±1e300.

    Examples
    --------
    >>> from relu_explained.plotting import plot_subdifferential
    >>> fig = plot_subdifferential(slopes=(0.0, 1.0))
    >>> segment = fig.axes[1].lines[-1]
    >>> segment.get_xdata().tolist(), segment.get_ydata().tolist()
    ([0.0, 0.0], [0.0, 1.0])
    """
    gs = as_real_sequence(slopes, "slopes")
    if not all(0.0 <= g <= 1.0 for g in gs):
        msg = f"slopes must lie in [0, 1], the subdifferential of ReLU at 0, got {slopes!r}"
        raise ValueError(msg)
    beyond = as_plot_number(outside, "outside")
    if 0.0 <= beyond <= 1.0:
        msg = f"outside must be a slope outside [0, 1], got {outside!r}"
        raise ValueError(msg)
    fig, (graph, setmap) = _axes_row(axes, 2)
    x = grid_with_zero(-1.5, 1.5, 3)
    graph.plot(x, relu(x), color=color("c0"), label="ReLU", zorder=3)
    for i, g in enumerate(gs):
        graph.plot(
            x, g * x, color=color("c2"), linewidth=1.0, linestyle="--", label="slope in [0, 1]" if i == 0 else None
        )
    graph.plot(x, beyond * x, color=color("c1"), linewidth=1.2, linestyle=":", label=f"slope {beyond:g}")
    graph.set_ylim(-1.0, 1.8)
    graph.set_title("supporting lines at 0")
    graph.legend(loc="upper left", fontsize=8)
    _label_axes(graph, "$x$", "$y$")

    _subdifferential_map(setmap)
    setmap.set_ylim(-0.15, 1.15)
    setmap.set_title(r"$\partial\,\mathrm{relu}(x)$")
    return fig


@styled
def plot_program_graph(*, ax: Axes | None = None) -> Figure:
    r"""Draw the computational graph of ``relu(x) - relu(-x)`` with what backpropagation sends along each edge at 0.

    The program computes the identity, :math:`\mathrm{relu}(x) -
    \mathrm{relu}(-x) = x`, whose derivative is 1. Above each edge is the value
    that flows forward from :math:`x = 0`; below it, in the accent colour, the
    derivative of the output with respect to that value, as backpropagation
    computes it with :math:`\mathrm{relu}'(0) = s`. The two paths deliver
    :math:`s` each, so the program's derivative at 0 is :math:`2s`.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from relu_explained.plotting import plot_program_graph
    >>> fig = plot_program_graph()
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_bbox_patch() is not None)
    ['neg', 'relu', 'relu', 'subtract', 'x', 'y']
    """
    fig, ax = _axes(ax)
    fig.set_size_inches(6.4, 2.6)
    nodes = {
        "x": (0.0, 0.5),
        "top relu": (2.2, 1.0),
        "neg": (1.5, 0.0),
        "bottom relu": (3.0, 0.0),
        "subtract": (4.4, 0.5),
        "y": (5.8, 0.5),
    }
    # (from, to, value sent forward at x = 0, derivative of y sent backward)
    edges = [
        ("x", "top relu", "0", "s"),
        ("x", "neg", "0", "s"),
        ("neg", "bottom relu", "0", "\u2212s"),
        ("top relu", "subtract", "0", "1"),
        ("bottom relu", "subtract", "0", "\u22121"),
        ("subtract", "y", "0", "1"),
    ]
    fg, accent = color("foreground"), color("c1")
    box = {"boxstyle": "round,pad=0.35", "facecolor": color("background"), "edgecolor": fg, "linewidth": 1.0}
    texts = {
        name: ax.text(x, y, name.split()[-1], ha="center", va="center", color=fg, bbox=box, zorder=3)
        for name, (x, y) in nodes.items()
    }
    for start, end, forward, backward in edges:
        (x0, y0), (x1, y1) = nodes[start], nodes[end]
        ax.annotate(
            "",
            xy=(x1, y1),
            xytext=(x0, y0),
            arrowprops={
                "arrowstyle": "-|>",
                "color": fg,
                "linewidth": 1.0,
                "patchA": texts[start].get_bbox_patch(),
                "patchB": texts[end].get_bbox_patch(),
                "shrinkA": 1,
                "shrinkB": 1,
            },
            zorder=2,
        )
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        ax.text(mx, my + 0.1, forward, ha="center", va="bottom", color=color("muted"), fontsize=9)
        ax.text(mx, my - 0.1, backward, ha="center", va="top", color=accent, fontsize=9)
    ax.text(0.0, 0.5 - 0.3, "s + s = 2s", ha="center", va="top", color=accent, fontsize=9, fontweight="bold")
    ax.text(-0.5, 1.35, "above an edge: its value at x = 0", ha="left", va="top", color=color("muted"), fontsize=9)
    ax.text(-0.5, 1.2, "below: derivative of y, with relu\u2032(0) = s", ha="left", va="top", color=accent, fontsize=9)
    ax.set_xlim(-0.5, 6.3)
    ax.set_ylim(-0.35, 1.4)
    ax.set_axis_off()
    return fig
