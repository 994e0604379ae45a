"""Input checks shared by the public functions.

Every public function converts its array arguments here, so that bad input is
rejected in one place with a message that names the argument.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["as_real_array", "as_real_scalar", "as_result", "check_positive_step"]


def as_real_array(x: npt.ArrayLike, name: str) -> npt.NDArray[np.floating[Any]]:
    """Return `x` as a floating-point array, or raise TypeError naming `name`.

    Floating-point input keeps its dtype. Signed and unsigned integers become
    float64, as in numpy's own transcendental functions. Booleans, complex
    numbers, strings and objects are rejected.
    """
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
    """Return `value` as a Python float, or raise TypeError naming `name`."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.integer | np.floating):
        msg = f"{name} must be a real number, got {value!r} of type {type(value).__name__}"
        raise TypeError(msg)
    return float(value)


def check_positive_step(h: Any, dtype: np.dtype[Any]) -> float:
    """Return the step `h` as a float, checking it is positive and finite in `dtype`."""
    step = as_real_scalar(h, "h")
    in_dtype = float(np.asarray(step, dtype=dtype)) if math.isfinite(step) else step
    if not (math.isfinite(in_dtype) and in_dtype > 0):
        msg = f"h must be a positive finite number representable in {dtype}, got {h!r}"
        raise ValueError(msg)
    return step


def as_result(out: npt.NDArray[Any]) -> Any:
    """Return a numpy scalar for 0-d results and the array otherwise, like a ufunc."""
    return out[()]
