"""Compute, check and plot what the relu-explained site shows.

The public names, grouped as on the site's API reference:

- activations: :func:`relu`, :func:`softplus`, :func:`sigmoid`, :func:`silu`,
  :func:`gelu`;
- derivatives: :func:`relu_derivative`, :func:`relu_one_sided_derivative`,
  :func:`difference_quotient`, :func:`softplus_derivative`;
- subgradients: :func:`relu_subdifferential`, :func:`is_relu_subgradient`,
  :func:`subgradient_inequality_holds`;
- figures: the :mod:`relu_explained.plotting` module.
"""

from __future__ import annotations

from .activations import gelu, relu, sigmoid, silu, softplus
from .derivatives import (
    difference_quotient,
    relu_derivative,
    relu_one_sided_derivative,
    softplus_derivative,
)
from .subgradients import is_relu_subgradient, relu_subdifferential, subgradient_inequality_holds

try:
    from ._version import __version__
except ImportError:  # pragma: no cover - only in a source tree that was never built
    __version__ = "0.0.0"

__all__ = [
    "__version__",
    "difference_quotient",
    "gelu",
    "is_relu_subgradient",
    "relu",
    "relu_derivative",
    "relu_one_sided_derivative",
    "relu_subdifferential",
    "sigmoid",
    "silu",
    "softplus",
    "softplus_derivative",
    "subgradient_inequality_holds",
]
