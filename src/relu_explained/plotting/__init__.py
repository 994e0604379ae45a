"""Figures of the relu-explained site.

Each ``plot_*`` function draws one figure, on an optional ``ax`` (or ``axes``
for figures with several panels), and returns the matplotlib Figure. All of
them share one style (:data:`STYLE`) and one colour palette (:data:`PALETTE`)
with a light and a dark variant; :class:`ThemedFigure` holds a figure as SVG in
both variants, with its alt text, for notebooks and the site.
"""

from __future__ import annotations

from typing import Any, Final

from . import _style
from ._axes import grid_with_zero
from ._examples import plot_feature_map, plot_images, plot_parameter_distances
from ._export import ThemedFigure
from ._frames import (
    plot_secant,
    plot_softplus_sharpness,
    plot_supporting_line,
    secant_readout,
    softplus_sharpness_readout,
    supporting_line_readout,
)
from ._interactive import InteractiveFigure
from ._relu import (
    plot_difference_quotients,
    plot_one_sided_derivatives,
    plot_program_graph,
    plot_relu,
    plot_relu_derivative,
    plot_subdifferential,
    plot_zoom,
)
from ._smooth import plot_activations, plot_smooth_derivatives, plot_softplus, plot_softplus_gap, plot_summary
from ._style import color

# The constants are defined in _style and documented here, where the API
# reference looks for their documentation.

#: Colour roles, each a (light, dark) pair of ``#rrggbb`` strings.
#:
#: The light values are distinct, so that each can be recognised in exported SVG.
PALETTE: Final[dict[str, tuple[str, str]]] = _style.PALETTE

#: The names of the series colours, in the order of matplotlib's ``C0``, ``C1``...
SERIES: Final[tuple[str, ...]] = _style.SERIES

#: matplotlib rcParams shared by every figure of the site.
STYLE: Final[dict[Any, Any]] = _style.STYLE

__all__ = [
    "PALETTE",
    "SERIES",
    "STYLE",
    "InteractiveFigure",
    "ThemedFigure",
    "color",
    "grid_with_zero",
    "plot_activations",
    "plot_difference_quotients",
    "plot_feature_map",
    "plot_images",
    "plot_one_sided_derivatives",
    "plot_parameter_distances",
    "plot_program_graph",
    "plot_relu",
    "plot_relu_derivative",
    "plot_secant",
    "plot_smooth_derivatives",
    "plot_softplus",
    "plot_softplus_gap",
    "plot_softplus_sharpness",
    "plot_subdifferential",
    "plot_summary",
    "plot_supporting_line",
    "plot_zoom",
    "secant_readout",
    "softplus_sharpness_readout",
    "supporting_line_readout",
]
