"""Input checks shared by the public functions.

Every public function converts its array arguments here, so that bad input is
rejected in one place with a message that names the argument.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any, Final

import numpy as np
import numpy.typing as npt

__all__ = [
    "as_count",
    "as_interval",
    "as_plot_number",
    "as_real_array",
    "as_real_scalar",
    "as_real_sequence",
    "as_result",
    "as_text",
    "as_text_sequence",
    "broadcast_shape",
    "check_at_zero",
    "check_beta",
    "check_choice",
    "check_rtol",
]


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
    if isinstance(x, list | tuple) and any(isinstance(v, bool | np.bool_) for v in _flat(x)):
        msg = f"{name} must contain real numbers, not booleans, got {x!r}"
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


def _flat(values: list[Any] | tuple[Any, ...]) -> Iterator[Any]:
    """The leaves of a nested list or tuple."""
    for v in values:
        if isinstance(v, list | tuple):
            yield from _flat(v)
        else:
            yield v


def as_real_scalar(value: Any, name: str, *, finite: bool = False) -> float:
    """Return `value` as a Python float, or raise TypeError or ValueError naming `name`.

    Python and numpy integers and floats are real numbers; booleans, strings,
    0-d arrays and everything else are not. With `finite`, infinities and NaN
    are rejected too.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.integer | np.floating):
        msg = f"{name} must be a real number, got {value!r} of type {type(value).__name__}"
        raise TypeError(msg)
    try:
        result = float(value)
    except OverflowError as exc:  # an integer beyond the float64 range
        msg = f"{name} must be within the float64 range, got an integer of {int(value).bit_length()} bits"
        raise ValueError(msg) from exc
    if isinstance(value, np.floating) and np.isfinite(value) and (math.isinf(result) or (result == 0) != (value == 0)):
        msg = f"{name} must be within the float64 range, got {value!r}, which float64 turns into {result!r}"
        raise ValueError(msg)
    if finite and not math.isfinite(result):
        msg = f"{name} must be a finite number, got {value!r}"
        raise ValueError(msg)
    return result


def as_real_sequence(values: Any, name: str, *, finite: bool = True) -> list[float]:
    """Return a non-empty sequence of real numbers as a list of floats, or raise naming `name`.

    A string, a scalar, a set, a mapping or a nested sequence is not a
    sequence of numbers; neither is an empty one.
    """
    if isinstance(values, np.ndarray):
        if values.ndim != 1:
            msg = f"{name} must be a one-dimensional sequence of real numbers, got an array of shape {values.shape}"
            raise TypeError(msg)
        values = values.tolist()
    if isinstance(values, str | bytes) or not isinstance(values, list | tuple):
        msg = (
            f"{name} must be a sequence (list or tuple) of real numbers, got {values!r} of type {type(values).__name__}"
        )
        raise TypeError(msg)
    if not values:
        msg = f"{name} must contain at least one number, got an empty sequence"
        raise ValueError(msg)
    return [as_real_scalar(v, f"{name}[{i}]", finite=finite) for i, v in enumerate(values)]


#: The largest magnitude of the end of a plotted interval.
PLOT_LIMIT: Final = 1e300


def as_plot_number(value: Any, name: str) -> float:
    """Return a real number within ``PLOT_LIMIT`` of 0 as a float, or raise naming `name`.

    matplotlib's autoscaling overflows for a line whose values come close to
    the float64 range.
    """
    result = as_real_scalar(value, name, finite=True)
    if abs(result) > PLOT_LIMIT:
        msg = f"{name} must lie within \u00b1{PLOT_LIMIT:g} to be plotted, got {value!r}"
        raise ValueError(msg)
    return result


def as_interval(bounds: Any, name: str = "x_range", *, contains_zero: bool = True) -> tuple[float, float]:
    """Return a pair ``(lower, upper)`` of finite floats with ``lower < upper``, or raise naming `name`.

    With `contains_zero`, the interval must have 0 strictly inside, as every
    figure of ReLU at 0 needs. Its ends lie within ``PLOT_LIMIT`` of 0, so
    that the margins matplotlib adds around a plotted interval stay finite.
    """
    pair = as_real_sequence(bounds, name)
    if len(pair) != 2:
        msg = f"{name} must be a pair (lower, upper), got {len(pair)} numbers: {bounds!r}"
        raise ValueError(msg)
    lower, upper = pair
    if not (lower < upper and lower >= -PLOT_LIMIT and upper <= PLOT_LIMIT):
        msg = f"{name} must satisfy lower < upper, within \u00b1{PLOT_LIMIT:g}, got {bounds!r}"
        raise ValueError(msg)
    if contains_zero and not lower < 0.0 < upper:
        msg = f"{name} must contain 0 inside it (lower < 0 < upper), got {bounds!r}"
        raise ValueError(msg)
    return lower, upper


def as_count(value: Any, name: str, minimum: int = 1) -> int:
    """Return an integer (not a bool) at least `minimum` as an int, or raise naming `name`."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        msg = f"{name} must be an integer, got {value!r} of type {type(value).__name__}"
        raise TypeError(msg)
    if value < minimum:
        msg = f"{name} must be at least {minimum}, got {value!r}"
        raise ValueError(msg)
    return int(value)


#: Characters XML 1.0 forbids: C0 controls other than tab, newline and carriage return, and U+FFFE/U+FFFF.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def as_text(value: Any, name: str) -> str:
    """Return a string that can be written into HTML and SVG, or raise naming `name`.

    Control characters other than tab and line breaks cannot appear in XML and
    are rejected, as are lone surrogates, which cannot be encoded.
    """
    if not isinstance(value, str):
        msg = f"{name} must be a string, got {value!r} of type {type(value).__name__}"
        raise TypeError(msg)
    bad = _NOT_XML.search(value)
    if bad is None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            bad_char = value[exc.start]
        else:
            return value
    else:
        bad_char = bad.group(0)
    msg = f"{name} must not contain the control character or surrogate {bad_char!r}, got {value!r}"
    raise ValueError(msg)


def check_choice(value: Any, name: str, choices: tuple[str, ...]) -> str:
    """Return `value` if it is one of the strings `choices`, or raise ValueError naming `name`."""
    if not isinstance(value, str) or value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        msg = f"{name} must be one of {listed}, got {value!r}"
        raise ValueError(msg)
    return value


def as_text_sequence(values: Any, name: str) -> list[str]:
    """Return a sequence (list or tuple) of strings as a list, each checked by :func:`as_text`, or raise naming `name`."""
    if not isinstance(values, list | tuple):
        msg = f"{name} must be a sequence (list or tuple) of strings, got {values!r} of type {type(values).__name__}"
        raise TypeError(msg)
    return [as_text(v, f"{name}[{i}]") for i, v in enumerate(values)]


def broadcast_shape(**arrays: npt.NDArray[Any]) -> tuple[int, ...]:
    """Return the shape the named arrays broadcast to, or raise ValueError naming every argument and its shape."""
    try:
        return np.broadcast_shapes(*(a.shape for a in arrays.values()))
    except ValueError:
        names = list(arrays)
        listed = ", ".join(names[:-1]) + f" and {names[-1]}"
        shapes = ", ".join(f"{name} {a.shape}" for name, a in arrays.items())
        msg = f"{listed} must broadcast together, got shapes {shapes}"
        raise ValueError(msg) from None


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
