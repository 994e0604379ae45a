"""Figures of the worked examples: a feature map, small images, training runs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .._validation import as_real_array, as_text, as_text_sequence
from ..activations import relu
from ._axes import _axes_row
from ._style import SERIES, color, styled


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
    if data.ndim != 2 or data.size == 0 or not np.all(np.isfinite(data)):
        msg = f"feature_map must be a finite, non-empty 2-D array, got shape {data.shape}"
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
def plot_images(
    images: Sequence[npt.ArrayLike], *, titles: Sequence[str] | None = None, axes: Sequence[Axes] | None = None
) -> Figure:
    """Draw small grey-level images pixel by pixel, with blank pixels left empty.

    Each pixel with a value above 0 is a square whose opacity is its value;
    pixels that are exactly 0 are left empty, inside a grid that shows every
    pixel's place.

    Parameters
    ----------
    images : sequence of array_like
        2-D arrays with values in [0, 1], one panel each.
    titles : sequence of str, optional
        One title per image.
    axes : sequence of matplotlib.axes.Axes, optional
        One Axes per image; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `images` is not a sequence of real arrays, or `titles` not a
        sequence of strings.
    ValueError
        If `images` is empty, an image is not 2-D or has a value outside
        [0, 1], or `titles` does not have one entry per image.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained.plotting import plot_images
    >>> fig = plot_images([np.eye(3)], titles=["diagonal"])
    >>> len(fig.axes[0].patches), fig.axes[0].get_title()
    (3, 'diagonal')
    """
    given: object = images
    if not isinstance(given, list | tuple | np.ndarray) or (isinstance(given, np.ndarray) and given.ndim == 0):
        msg = f"images must be a sequence (list, tuple or array) of 2-D arrays, got {type(images).__name__}"
        raise TypeError(msg)
    data = [as_real_array(image, f"images[{i}]").astype(np.float64) for i, image in enumerate(images)]
    if not data:
        msg = "images must contain at least one image"
        raise ValueError(msg)
    for i, image in enumerate(data):
        if image.ndim != 2 or image.size == 0 or not np.all((image >= 0.0) & (image <= 1.0)):
            msg = f"images[{i}] must be a non-empty 2-D array with values in [0, 1], got shape {image.shape}"
            raise ValueError(msg)
    if titles is not None and len(as_text_sequence(titles, "titles")) != len(data):
        msg = f"titles must have one entry per image ({len(data)}), got {len(titles)}"
        raise ValueError(msg)
    if axes is None:
        fig = Figure(figsize=(1.9 * len(data) + 0.4, 2.2))
        panels = list(np.ravel(fig.subplots(1, len(data), squeeze=False)))
    else:
        fig, panels = _axes_row(axes, len(data))
    for i, (ax, image) in enumerate(zip(panels, data, strict=True)):
        rows, cols = image.shape
        for (row, col), value in np.ndenumerate(image):
            if value > 0.0:
                ax.add_patch(Rectangle((col, row), 1, 1, facecolor=color("c0"), alpha=value, linewidth=0))
        ax.set_xlim(0, cols)
        ax.set_ylim(rows, 0)
        ax.set_aspect("equal")
        ax.set_xticks(np.arange(cols + 1), labels=[])
        ax.set_yticks(np.arange(rows + 1), labels=[])
        ax.tick_params(length=0)
        ax.grid(True, color=color("grid"), linewidth=0.8)
        ax.set_axisbelow(False)
        for spine in ax.spines.values():
            spine.set(visible=True, color=color("muted"), linewidth=0.8)
        if titles is not None:
            ax.set_title(titles[i])
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
    TypeError
        If `panels` or a panel is not a mapping, or a series is not real.
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
    mapping: object = panels
    if not isinstance(mapping, Mapping) or not all(isinstance(series, Mapping) for series in mapping.values()):
        msg = f"panels must map titles to mappings of series labels to distances, got {panels!r}"
        raise TypeError(msg)
    if not panels or any(not 1 <= len(series) <= len(SERIES) for series in panels.values()):
        msg = f"panels must map titles to 1 to {len(SERIES)} series each, got {panels!r}"
        raise ValueError(msg)
    fig, row = _axes_row(axes, len(panels), sharey=True)
    for ax, (title, series) in zip(row, panels.items(), strict=True):
        equal = []
        for role, (label, values) in zip(SERIES, series.items(), strict=False):
            as_text(title, "panels' titles")
            as_text(label, f"panels[{title!r}]'s labels")
            distances = as_real_array(values, f"panels[{title!r}][{label!r}]").astype(np.float64)
            if (
                distances.ndim != 1
                or distances.size == 0
                or not np.all(np.isfinite(distances))
                or np.any(distances < 0)
            ):
                msg = f"panels[{title!r}][{label!r}] must be a non-empty 1-D array of finite non-negative distances"
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
