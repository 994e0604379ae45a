"""Axes, grids and the marks the figures share."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .._validation import as_count, as_real_scalar
from ._style import color


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
    TypeError
        If `lower` or `upper` is not a real number, or `num` not an integer.
    ValueError
        If ``lower >= upper``, either is not finite, ``upper - lower``
        overflows float64, or ``num < 2``.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained.plotting import grid_with_zero
    >>> bool(np.any(np.linspace(-10, 10, 200) == 0)), bool(np.any(grid_with_zero(-10, 10, 200) == 0))
    (False, True)
    """
    low, high = as_real_scalar(lower, "lower", finite=True), as_real_scalar(upper, "upper", finite=True)
    if not (low < high and math.isfinite(high - low)):
        msg = f"lower and upper must satisfy lower < upper, with upper - lower finite, got {lower!r} and {upper!r}"
        raise ValueError(msg)
    points = np.linspace(low, high, as_count(num, "num", minimum=2))
    if low <= 0 <= high:
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


def _step(ax: Axes, x_range: tuple[float, float], colour: str, **line_kw: Any) -> None:
    """Draw the derivative of ReLU away from 0: 0 on the left of 0, 1 on the right (no point at 0)."""
    lo, hi = x_range
    ax.plot([lo, 0.0], [0.0, 0.0], color=colour, **line_kw)
    line_kw.pop("label", None)
    ax.plot([0.0, hi], [1.0, 1.0], color=colour, **line_kw)


def _subdifferential_map(ax: Axes, x_range: tuple[float, float] = (-1.5, 1.5)) -> None:
    """Draw the subdifferential of ReLU as a set-valued map: 0, then the segment [0, 1] at 0, then 1."""
    lo, hi = x_range
    ax.plot([lo, 0.0], [0.0, 0.0], color=color("c0"))
    ax.plot([0.0, hi], [1.0, 1.0], color=color("c0"))
    ax.plot([0.0, 0.0], [0.0, 1.0], color=color("c0"), linewidth=4.0, solid_capstyle="butt")
    ax.set_yticks([0.0, 0.5, 1.0])
    ax.set_xlabel("$x$")
