"""Derivatives of ReLU and softplus, one-sided derivatives and difference quotients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, overload

import numpy as np
import numpy.typing as npt

from ._precision import evaluate_wide
from ._typing import Float, IntArray, Real, Scalar
from ._validation import as_real_array, as_real_scalar, as_result, check_at_zero, check_beta, check_choice
from .activations import _sigmoid

__all__ = [
    "difference_quotient",
    "relu_derivative",
    "relu_one_sided_derivative",
    "softplus_derivative",
]

_SIDES = ("left", "right")
_QUOTIENT_SIDES = ("left", "right", "central")


@overload
def relu_derivative(x: Float, at_zero: Scalar = ...) -> Float: ...
@overload
def relu_derivative(x: Real, at_zero: Scalar = ...) -> np.float64: ...
@overload
def relu_derivative(x: npt.NDArray[Float], at_zero: Scalar = ...) -> npt.NDArray[Float]: ...
@overload
def relu_derivative(x: IntArray, at_zero: Scalar = ...) -> npt.NDArray[np.float64]: ...
@overload
def relu_derivative(x: npt.ArrayLike, at_zero: Scalar = ...) -> Any: ...


def relu_derivative(x: npt.ArrayLike, at_zero: Scalar = 0.0) -> Any:
    r"""Compute the derivative of ReLU, with the value at 0 chosen by the caller.

    ReLU has no derivative at 0. This function returns 0 for :math:`x < 0`,
    1 for :math:`x > 0` and `at_zero` where :math:`x = 0` (either sign of zero),
    like :func:`numpy.heaviside`, which takes the value at 0 as its second
    argument.

    Parameters
    ----------
    x : array_like
        Real input. Floating-point input keeps its dtype; integers are
        converted to float64.
    at_zero : float, default 0.0
        The value returned at :math:`x = 0`. It must lie in :math:`[0, 1]`, the
        subdifferential of ReLU at 0, so that every value returned is a
        subgradient. The common choices are:

        - 0: the left derivative and the subgradient of minimum norm, the
          value that backpropagation through a ``relu`` operation gives in
          the major frameworks;
        - 1: the right derivative, as in :math:`\mathbf{1}[x \ge 0]`;
        - 0.5: the midpoint, which is also the limit at 0 of the derivative of
          softplus as its sharpness grows, and the value of
          ``numpy.heaviside(0, 0.5)``.

    Returns
    -------
    numpy.ndarray or numpy.floating
        0, 1 or `at_zero`, in the dtype of `x`; NaN where `x` is NaN.

    Raises
    ------
    TypeError
        If `x` or `at_zero` is not real.
    ValueError
        If `at_zero` is outside :math:`[0, 1]`: such a value is not a
        subgradient of ReLU at 0; or if it is not 0 but rounds to 0 in the
        dtype of `x`.

    See Also
    --------
    relu_one_sided_derivative : The left and right derivatives.
    relu_subdifferential : The set of all subgradients.
    numpy.heaviside : The same step function.

    Notes
    -----
    Whatever the choice, the function agrees with the true derivative
    everywhere except at 0. What a choice changes is the result of
    backpropagation when a pre-activation is exactly 0, which happens in
    floating point more often than in exact arithmetic.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained import relu_derivative
    >>> x = np.array([-1.0, 0.0, 1.0])
    >>> relu_derivative(x)
    array([0., 0., 1.])
    >>> relu_derivative(x, at_zero=1.0)
    array([0., 1., 1.])
    >>> relu_derivative(x, at_zero=0.5)
    array([0. , 0.5, 1. ])
    """
    arr = as_real_array(x, "x")
    value = check_at_zero(at_zero)
    if value != 0 and arr.dtype.type(value) == 0:
        msg = f"at_zero={at_zero!r} rounds to 0 in {arr.dtype}; choose 0 or a value that {arr.dtype} can hold"
        raise ValueError(msg)
    return as_result(np.heaviside(arr, value))


@overload
def relu_one_sided_derivative(x: Float, side: Literal["left", "right"]) -> Float: ...
@overload
def relu_one_sided_derivative(x: Real, side: Literal["left", "right"]) -> np.float64: ...
@overload
def relu_one_sided_derivative(x: npt.NDArray[Float], side: Literal["left", "right"]) -> npt.NDArray[Float]: ...
@overload
def relu_one_sided_derivative(x: IntArray, side: Literal["left", "right"]) -> npt.NDArray[np.float64]: ...
@overload
def relu_one_sided_derivative(x: npt.ArrayLike, side: Literal["left", "right"]) -> Any: ...


def relu_one_sided_derivative(x: npt.ArrayLike, side: Literal["left", "right"]) -> Any:
    r"""Compute a one-sided derivative of ReLU exactly.

    .. math::

        \mathrm{relu}'_{+}(x) = \lim_{h \to 0^+} \frac{\mathrm{relu}(x + h) - \mathrm{relu}(x)}{h},
        \qquad
        \mathrm{relu}'_{-}(x) = \lim_{h \to 0^-} \frac{\mathrm{relu}(x + h) - \mathrm{relu}(x)}{h}.

    Both exist everywhere. They agree except at 0, where the left derivative
    is 0 and the right derivative is 1.

    Parameters
    ----------
    x : array_like
        Real input.
    side : {"left", "right"}
        Which one-sided derivative.

    Returns
    -------
    numpy.ndarray or numpy.floating
        The left derivative, :math:`\mathbf{1}[x > 0]`, or the right
        derivative, :math:`\mathbf{1}[x \ge 0]`; NaN where `x` is NaN.

    Raises
    ------
    TypeError
        If `x` is not real.
    ValueError
        If `side` is not ``"left"`` or ``"right"``.

    See Also
    --------
    difference_quotient : The quotients whose limits these are.

    Examples
    --------
    >>> from relu_explained import relu_one_sided_derivative
    >>> import numpy as np
    >>> x = np.array([-1.0, 0.0, 1.0])
    >>> relu_one_sided_derivative(x, "left")
    array([0., 0., 1.])
    >>> relu_one_sided_derivative(x, "right")
    array([0., 1., 1.])
    """
    arr = as_real_array(x, "x")
    check_choice(side, "side", _SIDES)
    return as_result(np.heaviside(arr, 1.0 if side == "right" else 0.0))


_Side = Literal["left", "right", "central"]


@overload
def difference_quotient(
    f: Callable[[Any], Any], x: Scalar, h: float, side: _Side = ..., *, return_step: Literal[False] = ...
) -> np.floating[Any]: ...
@overload
def difference_quotient(
    f: Callable[[Any], Any], x: npt.NDArray[Any], h: float, side: _Side = ..., *, return_step: Literal[False] = ...
) -> npt.NDArray[np.floating[Any]]: ...
@overload
def difference_quotient(
    f: Callable[[Any], Any], x: Scalar, h: float, side: _Side = ..., *, return_step: Literal[True]
) -> tuple[np.floating[Any], np.floating[Any]]: ...
@overload
def difference_quotient(
    f: Callable[[Any], Any], x: npt.NDArray[Any], h: float, side: _Side = ..., *, return_step: Literal[True]
) -> tuple[npt.NDArray[np.floating[Any]], npt.NDArray[np.floating[Any]]]: ...
@overload
def difference_quotient(
    f: Callable[[Any], Any], x: npt.ArrayLike, h: float, side: _Side = ..., *, return_step: bool = ...
) -> Any: ...


def difference_quotient(
    f: Callable[[Any], Any],
    x: npt.ArrayLike,
    h: float,
    side: Literal["left", "right", "central"] = "right",
    *,
    return_step: bool = False,
) -> Any:
    r"""Compute the finite-difference quotient of a vectorised function `f` at `x` with step `h`.

    .. math::

        \text{right: } \frac{f(x + h) - f(x)}{h}, \qquad
        \text{left: } \frac{f(x) - f(x - h)}{h}, \qquad
        \text{central: } \frac{f(x + h) - f(x - h)}{2h}.

    The one-sided derivatives are the limits of the right and left quotients as
    :math:`h \to 0^+`; the derivative exists when both limits exist and agree.

    In floating point, ``x + h`` is rounded, so the step actually taken is
    ``(x + h) - x``, not `h`. The quotient divides by the step actually taken
    (for the central quotient, ``(x + h) - (x - h)``), so that it is the slope
    of the secant through the two points where `f` was evaluated.

    Parameters
    ----------
    f : callable
        A function that accepts an array and returns an array of real numbers
        of the same shape.
    x : array_like
        Points at which to evaluate the quotient.
    h : float
        Requested step, a positive number that stays positive and finite in
        the dtype of `x`.
    side : {"right", "left", "central"}, default "right"
        Which quotient.
    return_step : bool, default False
        Also return the step actually taken at each point.

    Returns
    -------
    quotient : numpy.ndarray or numpy.floating
        The quotient at each point of `x`.
    step : numpy.ndarray or numpy.floating
        Only with ``return_step=True``: the step actually taken, ``(x + h) - x``
        for the right quotient, ``x - (x - h)`` for the left one and half of
        ``(x + h) - (x - h)`` for the central one, in the dtype of `x`.

    Raises
    ------
    TypeError
        If `f` is not callable or returns something other than real numbers,
        or `x` or `h` is not real.
    ValueError
        If `f` returns an array of another shape than its argument's, if `h` is not a positive finite number in the dtype of `x`, if the step
        actually taken is 0 at some point (`h` is below half the spacing of
        floating-point numbers there) or infinite (``x + h`` overflows), or if
        `side` is unknown.

    See Also
    --------
    relu_one_sided_derivative : The exact limits for ReLU.

    Notes
    -----
    For ReLU at 0 the quotients are exact in floating point for every step:
    ``relu(h) / h`` is ``h / h == 1`` and ``(0 - relu(-h)) / h`` is ``0``. The
    central quotient is 1/2 for every step, which is why a central difference
    can make ReLU look differentiable at 0 with derivative 1/2.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained import difference_quotient, relu
    >>> [float(difference_quotient(relu, 0.0, 1e-8, side=s)) for s in ("left", "right", "central")]
    [0.0, 1.0, 0.5]

    Near 2 the float16 numbers are 2**-9 apart, so a step of 0.001 becomes
    2**-9 = 0.001953125:

    >>> q, step = difference_quotient(relu, np.float16(2), 1e-3, return_step=True)
    >>> float(q), float(step)
    (1.0, 0.001953125)
    """
    func: object = f
    if not callable(func):
        msg = f"f must be a callable, got {type(func).__name__}"
        raise TypeError(msg)
    arr = as_real_array(x, "x")
    check_choice(side, "side", _QUOTIENT_SIDES)
    requested = as_real_scalar(h, "h")
    with np.errstate(over="ignore"):
        step = arr.dtype.type(requested)
    if not (np.isfinite(step) and step > 0):
        msg = f"h must be a positive finite number representable in {arr.dtype}, got {h!r}"
        raise ValueError(msg)
    with np.errstate(over="ignore", invalid="ignore"):
        upper = arr + step if side != "left" else arr
        lower = arr - step if side != "right" else arr
        taken = upper - lower
    bad = ~(np.isfinite(taken) & (taken > 0)) & np.isfinite(arr)
    if bad.any():
        where = arr[bad].flat[0]
        msg = f"h={h!r} gives no usable step at x={where!r} in {arr.dtype}: " + (
            "x + h overflows" if np.isinf(taken[bad].flat[0]) else "x + h == x, h is below the spacing of numbers there"
        )
        raise ValueError(msg)
    # inf - inf where x is infinite gives NaN, as it should; a difference beyond the range gives inf.
    with np.errstate(over="ignore", invalid="ignore"):
        out = (_evaluate(f, upper) - _evaluate(f, lower)) / taken
    quotient = as_result(np.asarray(out))
    if return_step:
        return quotient, as_result(taken / 2 if side == "central" else taken)
    return quotient


def _evaluate(f: Callable[[Any], Any], points: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """``f(points)``, checked to be real numbers of the shape of `points`."""
    value = f(points)
    try:
        out = as_real_array(value, "f(x)")
    except TypeError:
        msg = f"f must return an array of real numbers, got {value!r} of type {type(value).__name__}"
        raise TypeError(msg) from None
    if out.shape != points.shape:
        msg = f"f must return an array of the shape of its argument, {points.shape}, got shape {out.shape}"
        raise ValueError(msg)
    return out


@overload
def softplus_derivative(x: Float, beta: Scalar = ...) -> Float: ...
@overload
def softplus_derivative(x: Real, beta: Scalar = ...) -> np.float64: ...
@overload
def softplus_derivative(x: npt.NDArray[Float], beta: Scalar = ...) -> npt.NDArray[Float]: ...
@overload
def softplus_derivative(x: IntArray, beta: Scalar = ...) -> npt.NDArray[np.float64]: ...
@overload
def softplus_derivative(x: npt.ArrayLike, beta: Scalar = ...) -> Any: ...


def softplus_derivative(x: npt.ArrayLike, beta: Scalar = 1.0) -> Any:
    r"""Compute the exact derivative of :func:`softplus`, :math:`\sigma(\beta x)`.

    Parameters
    ----------
    x : array_like
        Real input. Floating-point input keeps its dtype; integers are
        converted to float64.
    beta : float, default 1.0
        Sharpness, a positive finite number.

    Returns
    -------
    numpy.ndarray or numpy.floating
        :math:`\sigma(\beta x)`, in :math:`[0, 1]` and exactly 1/2 at 0 for every
        `beta`.

    Raises
    ------
    TypeError
        If `x` or `beta` is not real.
    ValueError
        If `beta` is not positive and finite.

    See Also
    --------
    sigmoid, softplus

    Notes
    -----
    This is the closed form, not automatic differentiation of the overflow-free
    formula used by :func:`softplus`: differentiating
    :math:`\max(x, 0) + \log(1 + e^{-|x|})` by the chain rule at exactly 0 uses
    a choice of derivative for both :math:`\max` and :math:`|\cdot|`, and can
    give a slope other than 1/2.

    Accuracy: as :func:`sigmoid`, with :math:`\beta x` formed in the wider
    format; see :ref:`accuracy`.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained import softplus_derivative
    >>> x = np.array([-1.0, 0.0, 1.0])
    >>> softplus_derivative(x, beta=1.0).round(4)
    array([0.2689, 0.5   , 0.7311])
    >>> softplus_derivative(x, beta=100.0).round(4)
    array([0. , 0.5, 1. ])
    """
    arr = as_real_array(x, "x")
    b = check_beta(beta)
    # beta * x may overflow to +-inf, where sigmoid gives the right limit.
    return as_result(evaluate_wide(arr, lambda t: _sigmoid(t * b)))
