"""Input checks shared by the public functions.

Every public function converts its array arguments here, so that bad input is
rejected in one place with a message that names the argument.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["as_real_array", "as_real_scalar", "as_result", "check_at_zero", "check_beta", "check_rtol"]


def as_real_array(x: npt.ArrayLike, name: str) -> npt.NDArray[np.floating[Any]]:
    """Return `x` as a floating-point array, or raise TypeError naming `name`.

    Floating-point input keeps its dtype. Signed and unsigned integers become
    float64, as in numpy's own transcendental functions. Booleans, complex
    numbers, strings and objects are rejected.
    """
    if isinstance(x, np.ma.MaskedArray):
        msg = (
            f"{name} must not be a masked array: its mask would be lost; "
            f"pass {name}.filled(value) or {name}.compressed() instead"
        )
        raise TypeError(msg)
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as exc:
        msg = f"{name} must be an array of real numbers, could not convert it: {exc}"
        raise TypeError(msg) from exc
    if arr.dtype.kind == "f":
        return arr
    if arr.dtype.kind in "iu":
        return arr.astype(np.float64)
    msg = f"{name} must contain real numbers (a float or integer dtype), got dtype {arr.dtype}"
    raise TypeError(msg)


def as_real_scalar(value: Any, name: str) -> float:
    """Return `value` as a Python float, or raise TypeError or ValueError naming `name`."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.integer | np.floating):
        msg = f"{name} must be a real number, got {value!r} of type {type(value).__name__}"
        raise TypeError(msg)
    try:
        return float(value)
    except OverflowError as exc:  # an integer beyond the float64 range
        msg = f"{name} must be within the float64 range, got an integer of {len(str(abs(value)))} digits"
        raise ValueError(msg) from exc


def check_beta(beta: Any) -> float:
    """Return the sharpness `beta` as a float, checking it is positive and finite."""
    value = as_real_scalar(beta, "beta")
    if not (math.isfinite(value) and value > 0):
        msg = f"beta must be a positive finite number, got {beta!r}"
        raise ValueError(msg)
    return value


def check_at_zero(at_zero: Any) -> float:
    """Return the value chosen for relu'(0) as a float, checking it lies in [0, 1], the subdifferential."""
    value = as_real_scalar(at_zero, "at_zero")
    if not 0.0 <= value <= 1.0:
        msg = (
            f"at_zero must lie in [0, 1], the subdifferential of ReLU at 0, got {at_zero!r}; "
            "other values are not subgradients"
        )
        raise ValueError(msg)
    return value


def check_rtol(rtol: Any) -> float:
    """Return the relative tolerance `rtol` as a float, checking it is finite and at least 0."""
    value = as_real_scalar(rtol, "rtol")
    if not (math.isfinite(value) and value >= 0):
        msg = f"rtol must be a finite number >= 0, got {rtol!r}"
        raise ValueError(msg)
    return value


def as_result(out: npt.NDArray[Any]) -> Any:
    """Return a numpy scalar for 0-d results and the array otherwise, like a ufunc."""
    return out[()]
