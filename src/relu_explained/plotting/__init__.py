"""Figures of the relu-explained site.

Each ``plot_*`` function draws one figure, on an optional ``ax`` (or ``axes``
for figures with several panels), and returns the matplotlib Figure. All of
them share one style (:data:`STYLE`) and one colour palette (:data:`PALETTE`)
with a light and a dark variant; :class:`ThemedFigure` turns a figure into
inline SVG that follows the reader's colour scheme.
"""

from __future__ import annotations

from ._export import ThemedFigure
from ._figures import (
    grid_with_zero,
    plot_activations,
    plot_difference_quotients,
    plot_feature_map,
    plot_one_sided_derivatives,
    plot_parameter_distances,
    plot_rectified_signal,
    plot_relu,
    plot_relu_derivative,
    plot_smooth_derivatives,
    plot_softplus,
    plot_softplus_gap,
    plot_subdifferential,
    plot_zoom,
)
from ._style import PALETTE, SERIES, STYLE, color, css_variables

__all__ = [
    "PALETTE",
    "SERIES",
    "STYLE",
    "ThemedFigure",
    "color",
    "css_variables",
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
